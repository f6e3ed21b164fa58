import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreatePipelineCommand, ListPipelinesCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { LocalEngineHost, type EngineHostSettings, type RunningEngine } from "../../client/src/local/engine-host";
import { loadOrCreateCredentials } from "../../engine/src";

/** The host runs the extension's engine process (`local serve` alone) as a child process: the built one, under this Node.js. */
const ENGINE_SERVE = join(import.meta.dirname, "../../dist/engine-serve.js");
/** The CLI's `local serve`, started by the user: the host joins it. */
const CLI = join(import.meta.dirname, "../../dist/cli.js");
const lockPid = (store: string) => (JSON.parse(readFileSync(join(store, "engine.lock"), "utf8")) as { pid: number }).pid;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const client = ({ endpoint, credentials }: RunningEngine) => new SageMakerClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const pipelineNames = async (engine: RunningEngine) => {
  const sagemaker = client(engine);
  try {
    return (await sagemaker.send(new ListPipelinesCommand({}))).PipelineSummaries?.map((p) => p.PipelineName) ?? [];
  } finally {
    sagemaker.destroy();
  }
};
const refused = async (endpoint: string) =>
  fetch(`${endpoint}/ping`).then(
    () => false,
    () => true,
  );
const definition = JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "F", Type: "Fail", Arguments: { ErrorMessage: "x" } }] });

function setup(t: TestContext) {
  const root = mkdtempSync(join(tmpdir(), "smp-host-"));
  const settings: EngineHostSettings = { store: join(root, "store"), runner: "host", baseDir: root };
  const lines: string[] = [];
  const host = new LocalEngineHost(
    () => ({ ...settings }),
    { enginePath: ENGINE_SERVE },
    (line) => lines.push(line),
  );
  t.after(async () => {
    await host.stop(); // (stopping twice is fine) the engine writes no more into the folder
    rmSync(root, { recursive: true, force: true });
  });
  return { root, settings, lines, host };
}

test("engine host: nothing runs until the first request; concurrent first requests start one engine, in a child process", async (t) => {
  const { host, lines, settings } = setup(t);
  t.after(() => host.stop());
  assert.equal(host.isRunning, false);
  assert.equal(await host.running(), undefined, "looking for an engine starts none");
  assert.equal(existsSync(settings.store), false);
  const [a, b] = await Promise.all([host.start(), host.start()]);
  assert.equal(a.endpoint, b.endpoint);
  assert.match(a.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(lines.filter((l) => l.startsWith("Local engine listening")).length, 1);
  assert.equal(a.owned, true);
  assert.notEqual(a.pid, process.pid, "the engine is not in this process");
  assert.equal(lockPid(settings.store), a.pid, "the child holds the store's lock");
  assert.deepEqual(await host.running(), a);
  assert.deepEqual(await pipelineNames(a), []);
  assert.equal((await host.start()).endpoint, a.endpoint, "a later request reuses the running engine");
});

test("engine host: stop closes the endpoint; the next request starts it again on the same store, records intact", async (t) => {
  const { host, settings } = setup(t);
  t.after(() => host.stop());
  const first = await host.start();
  const sagemaker = client(first);
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: "kept", PipelineDefinition: definition, RoleArn: "arn:aws:iam::000000000000:role/R" }));
  sagemaker.destroy();
  await host.stop();
  assert.equal(host.isRunning, false);
  assert.ok(await refused(first.endpoint), "the old endpoint no longer answers");
  assert.equal(alive(first.pid), false, "the child process has exited");
  assert.equal(existsSync(join(settings.store, "engine.lock")), false, "and released the store");
  const second = await host.start();
  assert.equal(second.store, settings.store);
  assert.deepEqual(await pipelineNames(second), ["kept"]);
  await host.stop();
  await host.stop();
});

test("engine host: a settings change restarts the engine on the new store", async (t) => {
  const { host, settings, root, lines } = setup(t);
  t.after(() => host.stop());
  const first = await host.start();
  const sagemaker = client(first);
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: "old-store", PipelineDefinition: definition, RoleArn: "arn:aws:iam::000000000000:role/R" }));
  sagemaker.destroy();
  settings.store = join(root, "other-store");
  const second = await host.start();
  assert.equal(second.store, join(root, "other-store"));
  assert.ok(await refused(first.endpoint));
  assert.deepEqual(await pipelineNames(second), []);
  assert.ok(lines.some((l) => /settings changed: restarting/.test(l)));
});

test("engine host: a start that fails is reported, and a later request tries again", async (t) => {
  const { host, settings, root } = setup(t);
  t.after(() => host.stop());
  const blocked = join(root, "a-file");
  writeFileSync(blocked, "not a folder");
  settings.store = join(blocked, "store");
  await assert.rejects(host.start(), /ENOTDIR|not a directory|EEXIST/i);
  assert.equal(host.isRunning, false);
  settings.store = join(root, "store");
  assert.match((await host.start()).endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test(
  "engine host: an engine already running on the store (a local serve) is joined, not duplicated, and left running on stop",
  { timeout: 60_000 },
  async (t) => {
    const { host, settings, lines } = setup(t);
    const served = spawn(process.execPath, [CLI, "local", "serve", "--port", "0", "--store", settings.store, "--runner", "host"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const servedExit = new Promise((r) => served.once("close", r));
    t.after(async () => {
      served.kill("SIGKILL");
      await servedExit;
    });
    let output = "";
    const endpoint = await new Promise<string>((resolve, reject) => {
      served.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      served.once("close", () => reject(new Error(output)));
    });
    const joined = await host.start();
    assert.deepEqual(joined, { endpoint, pid: served.pid, store: settings.store, owned: false, credentials: loadOrCreateCredentials(settings.store) });
    assert.ok(lines.some((l) => l.startsWith(`Using the local engine already running on ${endpoint}`)));
    await host.stop();
    assert.equal(await refused(endpoint), false, "the engine this host did not start keeps running");
    assert.equal(lockPid(settings.store), served.pid);
  },
);
