import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreatePipelineCommand, DescribePipelineExecutionCommand, SageMakerClient, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { loadOrCreateCredentials } from "../../engine/src";
import { tempDir } from "../helpers/temp";

/** One engine per store, between real processes: `local serve` twice, `run` beside `local serve`, a stale lock, a race. */

const cli = join(import.meta.dirname, "../../dist/cli.js");
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

type Outcome = { listening: string; output: () => string; stop: () => Promise<number | null> } | { exited: number | null; output: string };

/** A `local serve` on `store`: it either listens (then the test stops it) or exits (its status and output). */
function serve(t: TestContext, store: string): Promise<Outcome> {
  const child = spawn(process.execPath, [cli, "local", "serve", "--port", "0", "--store", store, "--runner", "host"], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((r) => child.once("close", (code) => r(code)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  let output = "";
  return new Promise((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        resolve({
          listening: match[1],
          output: () => output,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then((code) => resolve({ exited: code, output }));
  });
}

function listening(outcome: Outcome): Extract<Outcome, { listening: string }> {
  assert.ok("listening" in outcome, `local serve did not start: ${"output" in outcome ? String(outcome.output) : ""}`);
  return outcome;
}

/** A client of the engine serving `store`, signing with the store's key pair. */
const client = (endpoint: string, store: string) =>
  new SageMakerClient({ endpoint, region: "us-east-1", credentials: loadOrCreateCredentials(store), maxAttempts: 1 });

const lockOf = (store: string) => JSON.parse(readFileSync(join(store, "engine.lock"), "utf8")) as { pid: number; startedAt: number; nonce: string };
const endpointOf = (store: string) => JSON.parse(readFileSync(join(store, "engine-endpoint.json"), "utf8")) as { endpoint: string; pid: number };

/** A pid that belonged to a process which has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** A step that works `seconds` (Python, host runner) and writes its output; it ends early when its engine goes away. */
function processingStep(name: string, seconds: number) {
  const script = [
    "import os,sys,time",
    "p=os.getppid();e=time.time()+int(sys.argv[1])",
    "while time.time()<e and os.getppid()==p:time.sleep(.05)",
    "open('/opt/ml/processing/out/done.txt','w').write('x')",
  ].join("\n");
  return {
    Name: name,
    Type: "Processing",
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: { ImageUri: "python:3", ContainerEntrypoint: ["python3", "-c", script, String(seconds)] },
      ProcessingOutputConfig: {
        Outputs: [{ OutputName: "out", S3Output: { S3Uri: `s3://bucket/${name}`, LocalPath: "/opt/ml/processing/out", S3UploadMode: "EndOfJob" } }],
      },
      RoleArn: "arn:aws:iam::000000000000:role/Local",
    },
  };
}
const definition = (seconds: number) => JSON.stringify({ Version: "2020-12-01", Steps: [processingStep("Work", seconds)] });

test("one engine per store: a second local serve exits 1 naming the running engine's endpoint; the first keeps serving", { timeout: 60_000 }, async (t) => {
  const store = tempDir(t, "smp-one-");
  const first = listening(await serve(t, store));
  assert.deepEqual(endpointOf(store), { ...endpointOf(store), endpoint: first.listening });
  const lock = lockOf(store);
  assert.equal(endpointOf(store).pid, lock.pid);
  assert.ok(!("secretAccessKey" in endpointOf(store)), "the endpoint file holds no key");

  const second = await serve(t, store);
  assert.ok("exited" in second, "the second local serve does not listen");
  assert.equal(second.exited, 1);
  assert.match(second.output, new RegExp(`already running on this store \\(pid ${lock.pid}\\): ${first.listening.replace(/\./g, "\\.")}`));
  assert.deepEqual(lockOf(store), lock, "the lock is still the first engine's");
  assert.equal((await fetch(`${first.listening}/ping`)).status, 200);

  assert.equal(await first.stop(), 0);
  assert.deepEqual(
    readdirSync(store).filter((f) => f.startsWith("engine")),
    [],
    "stopping releases the lock and removes the endpoint file",
  );
});

test("one engine per store: `run` while `local serve` runs uses that engine; its running execution is not marked Failed", { timeout: 120_000 }, async (t) => {
  const folder = tempDir(t, "smp-one-run-");
  const store = join(folder, "store");
  const served = listening(await serve(t, store));
  const sagemaker = client(served.listening, store);
  t.after(() => sagemaker.destroy());
  await sagemaker.send(
    new CreatePipelineCommand({ PipelineName: "long", PipelineDefinition: definition(60), RoleArn: "arn:aws:iam::000000000000:role/Local" }),
  );
  const long = (await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "long" }))).PipelineExecutionArn!;

  const file = join(folder, "short.pipeline.json");
  writeFileSync(file, definition(0));
  const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, "run", file, "--store", store, "--runner", "host"], { cwd: folder, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("close", (code) => resolve({ code, output }));
  });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, new RegExp(`local engine already running on store .* \\(pid ${lockOf(store).pid}, ${served.listening.replace(/\./g, "\\.")}\\)`));

  // One set of records, kept by the served engine: the short run is there, and the long execution still runs.
  const described = await sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: long }));
  assert.equal(described.PipelineExecutionStatus, "Executing");
  const onDisk = JSON.parse(readFileSync(join(store, "executions", long.split("/").pop()!, "execution.json"), "utf8")) as { PipelineExecutionStatus: string };
  assert.equal(onDisk.PipelineExecutionStatus, "Executing", "no second engine recovered (failed) it");
  const executions = readdirSync(join(store, "executions")).map(
    (id) => JSON.parse(readFileSync(join(store, "executions", id, "execution.json"), "utf8")) as { PipelineName: string; PipelineExecutionStatus: string },
  );
  assert.deepEqual(executions.map((e) => `${e.PipelineName} ${e.PipelineExecutionStatus}`).sort(), ["long Executing", "short Succeeded"]);
  assert.equal(await served.stop(), 0);
});

test("one engine per store: a stale lock (its process is dead) is taken over by the next engine", { timeout: 60_000 }, async (t) => {
  const store = tempDir(t, "smp-one-stale-");
  const stale = { pid: deadPid(), startedAt: Date.now() - 60_000, nonce: "stale" };
  writeFileSync(join(store, "engine.lock"), JSON.stringify(stale));
  writeFileSync(join(store, "engine-endpoint.json"), JSON.stringify({ endpoint: "http://127.0.0.1:9", port: 9, pid: stale.pid, nonce: "stale" }));
  const served = listening(await serve(t, store));
  assert.notEqual(lockOf(store).nonce, "stale");
  assert.equal(endpointOf(store).endpoint, served.listening);
  assert.equal(await served.stop(), 0);
});

test("one engine per store: a lock whose pid now belongs to a younger process is stale", { timeout: 60_000 }, async (t) => {
  const store = tempDir(t, "smp-one-reused-");
  // This test process is alive, but it started long after this lock's time: the pid was reused.
  writeFileSync(join(store, "engine.lock"), JSON.stringify({ pid: process.pid, startedAt: Date.now() - 3_600_000 * 24 * 365, nonce: "old" }));
  const served = listening(await serve(t, store));
  assert.notEqual(lockOf(store).nonce, "old");
  assert.equal(await served.stop(), 0);
});

for (const [what, prepare] of [
  ["on a fresh store", () => undefined],
  ["on a stale lock", (store: string) => writeFileSync(join(store, "engine.lock"), JSON.stringify({ pid: deadPid(), startedAt: 1, nonce: "stale" }))],
] as const) {
  test(`one engine per store: concurrent starts ${what} give one winner; the others name its endpoint`, { timeout: 60_000 }, async (t) => {
    const store = tempDir(t, "smp-one-race-");
    prepare(store);
    const outcomes = await Promise.all([serve(t, store), serve(t, store), serve(t, store)]);
    const winners = outcomes.filter((o) => "listening" in o);
    assert.equal(winners.length, 1, outcomes.map((o) => ("output" in o ? String(o.output) : "")).join("\n"));
    const winner = listening(winners[0]);
    for (const loser of outcomes.filter((o) => "exited" in o)) {
      assert.equal(loser.exited, 1);
      assert.match(loser.output, new RegExp(`already running on this store .*${winner.listening.replace(/\./g, "\\.")}`));
    }
    assert.equal(endpointOf(store).endpoint, winner.listening);
    assert.equal(await winner.stop(), 0);
  });
}
