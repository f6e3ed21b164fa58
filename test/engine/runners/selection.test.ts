import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createStepRunner, selectExecutor } from "../../../engine/src/runners/index";
import { StepJobError } from "../../../engine/src/runners/runner";
import { processingArguments, sandbox, type Sandbox } from "./helpers";

/** A fake runtime: `info` exits with `infoExit`; `run` records its arguments in $FAKE_RUNTIME_LOG. */
function fakeRuntime(box: Sandbox, dir: string, name: string, infoExit: number): string {
  const path = box.write(
    `${dir}/${name}`,
    `#!/bin/sh
if [ "$1" = "info" ]; then exit ${infoExit}; fi
for a in "$@"; do printf '%s\\n' "$a"; done > "$FAKE_RUNTIME_LOG"
echo "fake container ran"
`,
  );
  chmodSync(path, 0o755);
  return join(box.root, dir);
}

test("selection: docker on PATH that answers 'docker info' runs the jobs", async (t) => {
  const box = sandbox(t);
  const bin = fakeRuntime(box, "bin", "docker", 0);
  const selection = await selectExecutor({ env: { PATH: bin } });
  assert.equal(selection.executor?.kind, "container");
  assert.equal(selection.executor?.name, "docker");
  assert.match(selection.reason, /docker answers 'docker info'/);
});

test("selection: podman is used when it is the runtime that answers", async (t) => {
  const box = sandbox(t);
  fakeRuntime(box, "bin", "docker", 1);
  const bin = fakeRuntime(box, "bin", "podman", 0);
  const selection = await selectExecutor({ env: { PATH: bin } });
  assert.equal(selection.executor?.name, "podman");
});

test("selection: without a runtime, or with one whose daemon does not answer, jobs run as host processes", async (t) => {
  const box = sandbox(t);
  const empty = join(box.root, "empty");
  mkdirSync(empty);
  const none = await selectExecutor({ env: { PATH: empty } });
  assert.equal(none.executor?.kind, "host");
  assert.match(none.reason, /neither docker nor podman is on PATH/);

  const bin = fakeRuntime(box, "down", "docker", 1);
  const down = await selectExecutor({ env: { PATH: bin } });
  assert.equal(down.executor?.kind, "host");
  assert.match(down.reason, /docker is on PATH but 'docker info' failed/);
});

test("selection: the host setting wins over a working runtime; the container setting fails without one", async (t) => {
  const box = sandbox(t);
  const bin = fakeRuntime(box, "bin", "docker", 0);
  const forced = await selectExecutor({ mode: "host", env: { PATH: bin } });
  assert.equal(forced.executor?.kind, "host");
  assert.match(forced.reason, /chosen in the settings/);

  const empty = join(box.root, "empty");
  mkdirSync(empty);
  const runner = createStepRunner({ mode: "container", env: { PATH: empty } });
  await assert.rejects(
    runner.run(box.job("Processing", processingArguments("x.py"))),
    (e: unknown) => e instanceof StepJobError && /a container runtime was required/.test(e.message),
  );
});

test("selection: a job run through the container runtime mounts /opt/ml, isolates the network and says which runner ran it", async (t) => {
  const box = sandbox(t);
  const bin = fakeRuntime(box, "bin", "docker", 0);
  const record = join(box.root, "docker-args.txt");
  box.write("definition/script.py", "print('hi')\n");
  const runner = createStepRunner({ env: { PATH: bin, FAKE_RUNTIME_LOG: record } });
  const args = processingArguments("script.py", { Environment: { A: "1" }, NetworkConfig: { EnableNetworkIsolation: true } });
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["--base-dir", "/opt/ml/processing"];
  const job = box.job("Processing", args);

  const result = await runner.run(job);

  assert.equal(result.runner, "docker (image 246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3)");
  const argv = readFileSync(record, "utf8").trimEnd().split("\n");
  assert.equal(argv[0], "run");
  assert.ok(argv.includes("--rm"));
  assert.equal(argv[argv.indexOf("--volume") + 1], `${join(job.workDir, "opt/ml")}:/opt/ml`);
  assert.equal(argv[argv.indexOf("--network") + 1], "none");
  assert.equal(argv[argv.indexOf("--env") + 1], "A=1");
  assert.equal(argv[argv.indexOf("--entrypoint") + 1], "python3");
  // Inside the container the paths stay container paths.
  assert.deepEqual(argv.slice(-4), [
    "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
    "/opt/ml/processing/input/code/script.py",
    "--base-dir",
    "/opt/ml/processing",
  ]);
  assert.ok(
    job.logs.some((line) => /^Runner: docker \(docker answers 'docker info'\)/.test(line)),
    job.logs.join("\n"),
  );
  assert.ok(job.logs.includes("| fake container ran"));
});

test("selection: a container gets the AWS variables by name only with passAwsCredentials, never their values on the command line", async (t) => {
  const box = sandbox(t);
  const bin = fakeRuntime(box, "bin", "docker", 0);
  const record = join(box.root, "docker-args.txt");
  box.write("definition/script.py", "print('hi')\n");
  const env = { PATH: bin, FAKE_RUNTIME_LOG: record, AWS_SECRET_ACCESS_KEY: "secret-value", AWS_REGION: "eu-west-1", OTHER_SECRET: "x" };
  const envArguments = () => {
    const argv = readFileSync(record, "utf8").trimEnd().split("\n");
    return argv.flatMap((arg, index) => (argv[index - 1] === "--env" ? [arg] : []));
  };

  await createStepRunner({ env }).run(box.job("Processing", processingArguments("script.py", { Environment: { A: "1" } })));
  assert.deepEqual(envArguments(), ["A=1"]);

  await createStepRunner({ env, passAwsCredentials: true }).run(box.job("Processing", processingArguments("script.py", { Environment: { A: "1" } })));
  assert.deepEqual(envArguments(), ["AWS_SECRET_ACCESS_KEY", "AWS_REGION", "A=1"]);
  assert.ok(!readFileSync(record, "utf8").includes("secret-value"));
});
