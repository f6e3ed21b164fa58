import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError, StepStoppedError } from "../../../engine/src/runners/runner";
import { alive, processingArguments, sandbox } from "./helpers";

// Without the sandbox: /opt/ml is mapped into the job's folder and pids are the host's (sandbox.test.ts has the sandbox).
const runner = createStepRunner({ mode: "host", killGraceMs: 500, sandbox: false });

const COPY_SCRIPT = `
import os, sys, json
base = "/opt/ml/processing"
inp = sys.argv[sys.argv.index("--input") + 1]
out = sys.argv[sys.argv.index("--output") + 1]
files = sorted(os.path.relpath(os.path.join(d, f), inp) for d, _, fs in os.walk(inp) for f in fs)
os.makedirs(os.path.join(out, "nested"), exist_ok=True)
with open(os.path.join(out, "report.json"), "w") as h:
    json.dump({"files": files, "greeting": os.environ["GREETING"], "cwd": os.getcwd(), "argv": sys.argv[1:]}, h)
with open(os.path.join(out, "nested", "copy.csv"), "w") as h:
    h.write(open(os.path.join(inp, "raw.csv")).read().upper())
print("processed", len(files), "files")
print("a warning", file=sys.stderr)
`;

test("processing: inputs are copied to their LocalPath, the entrypoint runs with /opt/ml paths mapped, outputs go to the store", async (t) => {
  const box = sandbox(t);
  box.write("definition/scripts/script.py", COPY_SCRIPT);
  box.write("s3/bucket/data/raw.csv", "a,b\n1,2\n");
  box.write("s3/bucket/data/more/extra.csv", "x\n");
  box.write("definition/single.txt", "one file\n");
  const args = processingArguments("scripts/script.py", {
    Environment: { GREETING: "hello" },
    StoppingCondition: { MaxRuntimeInSeconds: 60 },
  });
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["--input", "/opt/ml/processing/input/data", "--output", "/opt/ml/processing/output"];
  (args.ProcessingInputs as unknown[]).push(
    { InputName: "data", S3Input: { S3Uri: "s3://bucket/data", LocalPath: "/opt/ml/processing/input/data", S3DataType: "S3Prefix", S3InputMode: "File" } },
    { InputName: "single", S3Input: { S3Uri: "single.txt", LocalPath: "/opt/ml/processing/input/data/single", S3DataType: "S3Prefix", S3InputMode: "File" } },
  );
  args.ProcessingOutputConfig = {
    Outputs: [{ OutputName: "result", S3Output: { S3Uri: "s3://bucket/out/result", LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }],
  };
  const job = box.job("Processing", args);

  const result = await runner.run(job);

  assert.equal(result.runner, "host process");
  assert.deepEqual(result.properties, {});
  const report = JSON.parse(readFileSync(join(box.root, "s3/bucket/out/result/report.json"), "utf8"));
  assert.deepEqual(report.files, ["more/extra.csv", "raw.csv", "single/single.txt"]);
  assert.equal(report.greeting, "hello");
  assert.equal(report.cwd, join(job.workDir, "opt/ml"));
  assert.deepEqual(report.argv, ["--input", join(job.workDir, "opt/ml/processing/input/data"), "--output", join(job.workDir, "opt/ml/processing/output")]);
  assert.equal(readFileSync(join(box.root, "s3/bucket/out/result/nested/copy.csv"), "utf8"), "A,B\n1,2\n");
  assert.ok(existsSync(join(job.workDir, "opt/ml/processing/input/code/script.py")));
  assert.ok(existsSync(join(job.workDir, "opt/ml/config/processingjobconfig.json")));
  assert.ok(
    job.logs.some((line) => /^Runner: host process/.test(line)),
    job.logs.join("\n"),
  );
  assert.ok(job.logs.includes("| processed 3 files"));
  assert.ok(job.logs.includes("| a warning"));
  assert.ok(job.logs.some((line) => line.startsWith("Output result: 2 file(s)")));
});

test("processing: a failing script is a StepJobError with the last stderr lines and no exception type", async (t) => {
  const box = sandbox(t);
  box.write(
    "definition/script.py",
    "import sys\nprint('starting')\nfor i in range(30): print('line', i, file=sys.stderr)\nraise ValueError('bad data in row 7')\n",
  );
  const job = box.job("Processing", processingArguments("script.py"));
  const error = await runner.run(job).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof StepJobError, String(error));
  assert.equal(error.exceptionType, undefined);
  assert.match(error.message, /exited with code 1/);
  assert.match(error.message, /ValueError: bad data in row 7/);
  assert.match(error.message, /line 29/);
  assert.doesNotMatch(error.message, /line 5\b/);
  assert.ok(error.message.length <= 1024);
  assert.ok(job.logs.includes("| starting"));
});

test("processing: an entrypoint that does not exist is a JOB_INTERNAL_ERROR", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", "print('never')\n");
  const args = processingArguments("script.py");
  (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = ["no-such-interpreter-xyz", "/opt/ml/processing/input/code/script.py"];
  const error = await runner.run(box.job("Processing", args)).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof StepJobError, String(error));
  assert.equal(error.exceptionType, "SageMaker.JOB_INTERNAL_ERROR");
  assert.match(error.message, /Could not start 'no-such-interpreter-xyz'.*ENOENT/);
});

const SLEEPER = `
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
with open(sys.argv[1], "w") as h:
    h.write(f"{os.getpid()} {child.pid}")
print("sleeping", flush=True)
time.sleep(60)
`;

/** Polls until `predicate` holds: for processes that are not our children, whose end no event tells. */
async function waitFor(predicate: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test("processing: stopping the execution kills the process group and rejects with StepStoppedError", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", SLEEPER);
  const args = processingArguments("script.py");
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["/opt/ml/processing/pids"];
  const job = box.job("Processing", args);
  const pidFile = join(job.workDir, "opt/ml/processing/pids");
  const running = runner.run(job);
  // The script writes the pid file, then says so.
  await Promise.race([job.logged(/^\| sleeping$/), running.then(() => assert.fail("the job ended before it was stopped"))]);
  const pids = readFileSync(pidFile, "utf8").split(" ").map(Number);
  assert.ok(pids.every(alive));
  const started = Date.now();
  job.controller.abort();
  await assert.rejects(running, StepStoppedError);
  assert.ok(Date.now() - started < 5000);
  await waitFor(() => !pids.some(alive), 3000);
});

test("processing: StoppingCondition.MaxRuntimeInSeconds stops the job with a clear reason", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", SLEEPER);
  const args = processingArguments("script.py", { StoppingCondition: { MaxRuntimeInSeconds: 1 } });
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["/opt/ml/processing/pids"];
  const started = Date.now();
  const error = await runner.run(box.job("Processing", args)).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof StepJobError, String(error));
  assert.match(error.message, /exceeded StoppingCondition\.MaxRuntimeInSeconds \(1 s\)/);
  assert.equal(error.exceptionType, undefined);
  assert.ok(Date.now() - started < 8000);
});

test("processing: a LocalPath or an S3 URI that leaves its folder is rejected before anything runs", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", "open('/tmp/should-not-run', 'w')\n");
  const escapeLocal = processingArguments("script.py");
  (escapeLocal.ProcessingInputs as Record<string, Record<string, unknown>>[])[0].S3Input.LocalPath = "/opt/ml/../../../tmp/evil";
  await assert.rejects(runner.run(box.job("Processing", escapeLocal)), (e: unknown) => e instanceof StepJobError && /outside \/opt\/ml/.test(e.message));

  const escapeOutput = processingArguments("script.py", {
    ProcessingOutputConfig: { Outputs: [{ OutputName: "o", S3Output: { S3Uri: "s3://bucket/x", LocalPath: "/etc", S3UploadMode: "EndOfJob" } }] },
  });
  await assert.rejects(runner.run(box.job("Processing", escapeOutput)), (e: unknown) => e instanceof StepJobError && /outside \/opt\/ml/.test(e.message));

  const escapeStore = processingArguments("s3://bucket/../../etc/passwd");
  await assert.rejects(
    runner.run(box.job("Processing", escapeStore)),
    (e: unknown) => e instanceof StepJobError && /leaves the local object store/.test(e.message) && e.exceptionType === undefined,
  );
});

test("processing: missing data, manifest inputs and a missing entrypoint fail with clear reasons", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", "print(1)\n");
  await assert.rejects(
    runner.run(box.job("Processing", processingArguments("s3://bucket/nothing/here"))),
    /No S3 objects found under S3 URL 's3:\/\/bucket\/nothing\/here'/,
  );

  const manifest = processingArguments("script.py");
  (manifest.ProcessingInputs as Record<string, Record<string, unknown>>[])[0].S3Input.S3DataType = "ManifestFile";
  await assert.rejects(runner.run(box.job("Processing", manifest)), /ManifestFile' is not supported in local mode/);

  const noEntrypoint = processingArguments("script.py");
  delete (noEntrypoint.AppSpecification as Record<string, unknown>).ContainerEntrypoint;
  await assert.rejects(runner.run(box.job("Processing", noEntrypoint)), /ContainerEntrypoint is required by the host runner/);
});
