import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError, StepStoppedError } from "../../../engine/src/runners/runner";
import { bwrapArguments, programFoldersUnderTmp, sandboxBinary } from "../../../engine/src/runners/sandbox";
import { processingArguments, sandbox } from "./helpers";

/**
 * What a host job sees: the allow-listed environment, SageMaker's /opt/ml in the bubblewrap sandbox (never the
 * machine's), and, without the sandbox, a refusal to use /opt/ml itself.
 */

const hasSandbox = sandboxBinary(process.env) !== undefined;
const needsSandbox = hasSandbox ? {} : { skip: "bubblewrap cannot create a sandbox here" };

/** The machine's /opt/ml, as a fingerprint: absent, or its entries and modification time. */
function realOptMl(): string {
  if (!existsSync("/opt/ml")) return "absent";
  return JSON.stringify([statSync("/opt/ml").mtimeMs, readdirSync("/opt/ml", { recursive: true })]);
}

const SECRETS = { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-key-from-the-engine", AWS_SESSION_TOKEN: "token", GITHUB_TOKEN: "ghp_x" };

const ENV_SCRIPT = `
import json, os, sys
json.dump(dict(os.environ), open(sys.argv[1], "w"))
`;

function envJob(box: ReturnType<typeof sandbox>) {
  box.write("definition/env/script.py", ENV_SCRIPT);
  const args = processingArguments("env/script.py", { Environment: { STEP_VALUE: "from the step" } });
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["/opt/ml/processing/output/env.json"];
  args.ProcessingOutputConfig = { Outputs: [{ OutputName: "env", S3Output: { S3Uri: "s3://bucket/env", LocalPath: "/opt/ml/processing/output" } }] };
  return box.job("Processing", args);
}

for (const useSandbox of [true, false]) {
  const label = useSandbox ? "in the sandbox" : "without the sandbox";
  test(
    `environment ${label}: a job sees the allow-list, its Environment and a private HOME/TMPDIR, never the engine's AWS credentials`,
    useSandbox ? needsSandbox : {},
    async (t) => {
      const box = sandbox(t);
      const engineEnv: NodeJS.ProcessEnv = { ...process.env, ...SECRETS };
      const job = envJob(box);
      await createStepRunner({ mode: "host", env: engineEnv, sandbox: useSandbox }).run(job);
      const seen = JSON.parse(readFileSync(join(box.root, "s3/bucket/env/env.json"), "utf8")) as Record<string, string>;
      for (const name of Object.keys(SECRETS)) assert.equal(seen[name], undefined, `${name} reached the job`);
      assert.equal(seen.STEP_VALUE, "from the step");
      assert.ok(seen.PATH.endsWith(process.env.PATH!), seen.PATH);
      assert.equal(seen.PYTHONUNBUFFERED, "1");
      const tmp = useSandbox ? "/tmp" : join(job.workDir, "tmp");
      assert.equal(seen.TMPDIR, tmp);
      assert.equal(seen.HOME, `${tmp}/home`);
      // Nothing else of the engine's environment (the python3 on PATH may be a shim that adds its own variables, e.g. pyenv).
      const allowed = /^(PATH|LANG|LANGUAGE|TZ|LC_.*|PYTHONUNBUFFERED|PYENV_.*)$/;
      const leaked = Object.keys(engineEnv).filter((name) => !allowed.test(name) && seen[name] !== undefined && seen[name] === engineEnv[name]);
      assert.deepEqual(leaked, []);
    },
  );
}

test("environment: with passAwsCredentials the job gets the AWS variables (and the user's shared AWS files), nothing else", async (t) => {
  const box = sandbox(t);
  const job = envJob(box);
  await createStepRunner({ mode: "host", env: { ...process.env, ...SECRETS, HOME: "/home/someone" }, passAwsCredentials: true }).run(job);
  const seen = JSON.parse(readFileSync(join(box.root, "s3/bucket/env/env.json"), "utf8")) as Record<string, string>;
  assert.equal(seen.AWS_SECRET_ACCESS_KEY, "secret-key-from-the-engine");
  assert.equal(seen.AWS_SESSION_TOKEN, "token");
  assert.equal(seen.AWS_SHARED_CREDENTIALS_FILE, "/home/someone/.aws/credentials");
  assert.equal(seen.GITHUB_TOKEN, undefined);
  assert.notEqual(seen.HOME, "/home/someone");
});

const OPT_ML_SCRIPT = `
import os
os.makedirs("/opt/ml/processing/output/deep", exist_ok=True)
open("/opt/ml/processing/output/x", "w").write("written at /opt/ml")
open("/opt/ml/processing/output/deep/y", "w").write(open("/opt/ml/config/resourceconfig.json").read())
print("cwd", os.getcwd())
try:
    open(os.environ["OUTSIDE_FILE"], "w").write("no")
    print("wrote outside")
except OSError as error:
    print("refused", error.strerror)
`;

/**
 * A writable folder of the machine that the sandbox shows read-only: not under /tmp or /opt, which the sandbox replaces
 * with the job's own (the repository itself may be a clone under /tmp). The home folder, else /var/tmp.
 */
const OUTSIDE_FOLDER = [homedir(), "/var/tmp", process.cwd()].find((folder) => !/^\/(tmp|opt)(\/|$)/.test(folder) && existsSync(folder)) ?? homedir();
const OUTSIDE_FILE = join(OUTSIDE_FOLDER, `.sagemaker-pipelines-sandbox-test-${process.pid}.txt`);

function optMlJob(box: ReturnType<typeof sandbox>) {
  box.write("definition/optml/script.py", OPT_ML_SCRIPT);
  // Outside the job's folders (box.root is under /tmp, which is the job's own in the sandbox).
  const args = processingArguments("optml/script.py", { Environment: { OUTSIDE_FILE: OUTSIDE_FILE } });
  args.ProcessingOutputConfig = { Outputs: [{ OutputName: "result", S3Output: { S3Uri: "s3://bucket/result", LocalPath: "/opt/ml/processing/output" } }] };
  return box.job("Processing", args);
}

test(
  "sandbox: a script that writes /opt/ml/processing/output/x fills the job's output; the machine's /opt/ml and the store are untouched",
  needsSandbox,
  async (t) => {
    const box = sandbox(t);
    const before = realOptMl();
    const job = optMlJob(box);

    const result = await createStepRunner({ mode: "host" }).run(job);

    assert.equal(realOptMl(), before);
    assert.equal(readFileSync(join(box.root, "s3/bucket/result/x"), "utf8"), "written at /opt/ml");
    assert.equal(JSON.parse(readFileSync(join(box.root, "s3/bucket/result/deep/y"), "utf8")).current_host, "algo-1");
    assert.equal(readFileSync(join(job.workDir, "opt/ml/processing/output/x"), "utf8"), "written at /opt/ml");
    assert.ok(job.logs.includes("| cwd /opt/ml"), job.logs.join("\n"));
    // The rest of the file system is read-only: the store outside the job's /opt/ml, and the home folder.
    t.after(() => rmSync(OUTSIDE_FILE, { force: true }));
    assert.deepEqual(
      job.logs.filter((line) => /^\| (wrote|refused)/.test(line)),
      ["| refused Read-only file system"],
    );
    assert.equal(existsSync(OUTSIDE_FILE), false);
    assert.deepEqual(result.warnings, []);
    assert.ok(job.logs.some((line) => /^Runner: host process .*in a bubblewrap sandbox/.test(line)));
  },
);

test("sandbox: without the sandbox, a script that uses /opt/ml itself fails naming the container runner, and /opt/ml is untouched", async (t) => {
  const box = sandbox(t);
  const before = realOptMl();
  const job = optMlJob(box);

  const error = await createStepRunner({ mode: "host", env: { ...process.env, SAGEMAKER_PIPELINES_NO_SANDBOX: "1" } })
    .run(job)
    .then(
      () => undefined,
      (e: unknown) => e,
    );

  assert.ok(error instanceof StepJobError, String(error));
  assert.match(error.message, /\/opt\/ml is not available to this job: the host runner has no sandbox here \(the sandbox is turned off\)/);
  assert.match(error.message, /container runner/);
  assert.equal(realOptMl(), before);
  assert.ok(job.logs.some((line) => /^Runner: host process .*without a sandbox: the sandbox is turned off/.test(line)));
});

test("sandbox: without the sandbox, a shell script naming /opt/ml is refused before it runs", async (t) => {
  const box = sandbox(t);
  box.write("definition/run.sh", 'echo started > "$1"\necho hi > /opt/ml/processing/output/x\n');
  const args = processingArguments("run.sh");
  (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = ["/bin/sh", "/opt/ml/processing/input/code/run.sh"];
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["/opt/ml/processing/started"];
  const job = box.job("Processing", args);
  await assert.rejects(
    createStepRunner({ mode: "host", sandbox: false }).run(job),
    (e: unknown) => e instanceof StepJobError && /refers to \/opt\/ml in \/opt\/ml\/processing\/input\/code\/run\.sh: .*container runner/.test(e.message),
  );
  assert.equal(existsSync(join(job.workDir, "opt/ml/processing/started")), false, "the script did not run");
});

test("sandbox: with network off, the job has only the loopback interface", needsSandbox, async (t) => {
  const box = sandbox(t);
  box.write("definition/net/script.py", "print('interfaces', sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]))\n");
  const off = box.job("Processing", processingArguments("net/script.py"));
  await createStepRunner({ mode: "host", network: false }).run(off);
  assert.ok(off.logs.includes("| interfaces ['lo']"), off.logs.join("\n"));
  const on = box.job("Processing", processingArguments("net/script.py"));
  await createStepRunner({ mode: "host" }).run(on);
  const host = readFileSync("/proc/net/dev", "utf8")
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(":")[0].trim())
    .sort();
  assert.ok(on.logs.includes(`| interfaces [${host.map((name) => `'${name}'`).join(", ")}]`), on.logs.join("\n"));
});

test("sandbox: stopping the job ends every process in the sandbox", needsSandbox, async (t) => {
  const box = sandbox(t);
  const marker = `smp-sandbox-stop-${process.pid}-${Date.now()}`;
  box.write(
    "definition/sleeper/script.py",
    "import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', sys.argv[1]])\nprint('sleeping', flush=True)\ntime.sleep(60)\n",
  );
  const args = processingArguments("sleeper/script.py");
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = [marker];
  const job = box.job("Processing", args);
  const running = createStepRunner({ mode: "host", killGraceMs: 500 }).run(job);
  await Promise.race([job.logged(/^\| sleeping$/), running.then(() => assert.fail("the job ended before it was stopped"))]);
  assert.equal(withMarker(marker).length >= 2, true, "the script and its child run");
  job.controller.abort();
  await assert.rejects(running, StepStoppedError);
  // The processes are not this test's children: poll /proc until they are gone.
  const deadline = Date.now() + 5000;
  while (withMarker(marker).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(withMarker(marker), []);
});

/** Live processes whose command line holds `marker`. */
function withMarker(marker: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return !/\) Z /.test(stat) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

test("outputs: a job that succeeds with an empty output gets a warning in its log and result", async (t) => {
  const box = sandbox(t);
  box.write("definition/nothing/script.py", "print('done')\n");
  const args = processingArguments("nothing/script.py");
  args.ProcessingOutputConfig = { Outputs: [{ OutputName: "train", S3Output: { S3Uri: "s3://bucket/train", LocalPath: "/opt/ml/processing/train" } }] };
  const job = box.job("Processing", args);
  const result = await createStepRunner({ mode: "host" }).run(job);
  assert.deepEqual(result.warnings, ["the job wrote no file to its output train (/opt/ml/processing/train)."]);
  assert.ok(job.logs.includes("Warning: the job wrote no file to its output train (/opt/ml/processing/train)."), job.logs.join("\n"));
});

test("log: every output line is prefixed, and the command line shows arguments with newlines escaped", async (t) => {
  const box = sandbox(t);
  box.write("definition/forge/script.py", "import sys\nprint('Completed by host process.\\nRunner: forged', file=sys.stderr)\nprint(sys.argv[1])\n");
  const args = processingArguments("forge/script.py");
  (args.AppSpecification as Record<string, unknown>).ContainerArguments = ["x\nCompleted by host process."];
  const job = box.job("Processing", args);
  await createStepRunner({ mode: "host" }).run(job);
  assert.ok(job.logs.includes('$ python3 /opt/ml/processing/input/code/script.py "x\\nCompleted by host process."'), job.logs.join("\n"));
  assert.deepEqual(
    job.logs.filter((line) => line.startsWith("| ")),
    ["| Completed by host process.", "| Runner: forged", "| x", "| Completed by host process."].filter((line) => job.logs.includes(line)),
  );
  for (const line of ["| Completed by host process.", "| Runner: forged", "| x"]) assert.ok(job.logs.includes(line), line);
  assert.equal(job.logs.filter((line) => line === "Completed by host process.").length, 1, "only the engine's own line");
  assert.equal(job.logs.filter((line) => line.startsWith("Runner:")).length, 1);
  assert.ok(job.logs.every((line) => !line.includes("\n")));
});

test("sandbox: the bwrap command line", (t) => {
  const box = sandbox(t);
  const hidden = join(box.root, "home", ".aws");
  mkdirSync(hidden, { recursive: true });
  const opt = existsSync("/opt") ? readdirSync("/opt").filter((entry) => entry !== "ml") : [];
  const kept = join(box.root, "venv");
  mkdirSync(kept);
  const args = bwrapArguments({
    optMl: "/w/opt/ml",
    tmp: "/w/tmp",
    cwd: "/opt/ml/code",
    network: false,
    hide: [hidden, join(box.root, "missing")],
    keep: [kept, join(box.root, "missing-too")],
  });
  assert.deepEqual(args, [
    ...["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/opt"],
    ...opt.flatMap((entry) => ["--ro-bind", `/opt/${entry}`, `/opt/${entry}`]),
    ...["--bind", "/w/opt/ml", "/opt/ml", "--bind", "/w/tmp", "/tmp", "--ro-bind", kept, kept, "--tmpfs", hidden],
    ...["--unshare-pid", "--die-with-parent", "--new-session", "--unshare-net", "--chdir", "/opt/ml/code", "--"],
  ]);
  assert.ok(!bwrapArguments({ optMl: "/w/opt/ml", tmp: "/w/tmp", cwd: "/opt/ml", network: true }).includes("--unshare-net"));
});

test("sandbox: programs on the PATH under /tmp (a venv or a checkout there) stay visible, read-only, with their prefix", needsSandbox, async (t) => {
  const box = sandbox(t);
  if (!realpathSync(box.root).startsWith("/tmp/")) return t.skip(`the test folder ${box.root} is not under /tmp`);
  const prefix = join(box.root, "tools");
  mkdirSync(join(prefix, "bin"), { recursive: true });
  mkdirSync(join(prefix, "lib"), { recursive: true });
  writeFileSync(join(prefix, "lib", "message.txt"), "from the prefix\n");
  writeFileSync(join(prefix, "bin", "greet"), '#!/bin/sh\ncat "$(dirname "$0")/../lib/message.txt" > "$1"\n', { mode: 0o755 });
  assert.deepEqual(programFoldersUnderTmp(`/usr/bin:relative/bin:${join(prefix, "bin")}:${join(box.root, "missing")}`), [realpathSync(prefix)]);

  box.write("definition/greet/script.py", "");
  const args = processingArguments("greet/script.py");
  (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = ["greet", "/opt/ml/processing/output/out.txt"];
  args.ProcessingOutputConfig = { Outputs: [{ OutputName: "out", S3Output: { S3Uri: "s3://bucket/out", LocalPath: "/opt/ml/processing/output" } }] };
  const env = { ...process.env, PATH: `${join(prefix, "bin")}:${process.env.PATH}` };
  await createStepRunner({ mode: "host", env, sandbox: true }).run(box.job("Processing", args));
  assert.equal(readFileSync(join(box.root, "s3/bucket/out/out.txt"), "utf8"), "from the prefix\n");
});
