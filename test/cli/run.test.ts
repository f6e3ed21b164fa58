import { after, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

/** `sagemaker-pipelines run` on the example pipeline, with the embedded local engine and the host runner. */

const cli = join(import.meta.dirname, "../../dist/cli.js");
const examples = join(import.meta.dirname, "../../examples");

/** A folder with a copy of the examples, removed when the test ends (or by the given clean-up). */
function workspace(cleanup: TestContext | ((remove: () => void) => void)): string {
  const dir = tempDir(cleanup, "smp-run-");
  cpSync(examples, join(dir, "examples"), { recursive: true });
  return dir;
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, "run", ...args, "--runner", "host"], { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, all: `${result.stdout}\n${result.stderr}` };
}

/**
 * One workspace where the whole example pipeline has run once, shared by the tests that need a finished
 * execution to refer to and do not start another one (a run takes seconds: the steps are real processes).
 */
let ranOnce: { dir: string; result: ReturnType<typeof run> } | undefined;
let removeRanOnce: (() => void) | undefined;
after(() => removeRanOnce?.());
function workspaceAfterOneRun() {
  if (!ranOnce) {
    const dir = workspace((remove) => (removeRanOnce = remove));
    ranOnce = { dir, result: run(dir, "examples/abalone.pipeline.json") };
  }
  return ranOnce;
}

const stepLine = (stdout: string, step: string) =>
  stdout
    .split("\n")
    // The execution's progress lines (`  ✓ Step Succeeded …`), not the plan's table rows (`  Step   ▶ run …`).
    .filter((line) => line.includes(` ${step} `) && !line.startsWith(`  ${step} `))
    .pop() ?? "";
const executionArn = (stdout: string) => /^Execution ARN: (arn:aws:sagemaker:\S+:pipeline\/\S+\/execution\/\S+)$/m.exec(stdout)?.[1];

test("cli run: the whole example pipeline runs locally, step by step, and its outputs land in the local store", { timeout: 180_000 }, () => {
  const { dir, result } = workspaceAfterOneRun();
  assert.equal(result.status, 0, result.all);
  assert.match(result.stdout, /^Target: local engine \(store .*\.sagemaker-pipelines\/local\)$/m);
  // One name per execution (its id: `run` sets no display name), and the ARN once, to copy.
  const started = /^Started the whole pipeline: execution (\w+)$/m.exec(result.stdout);
  assert.ok(started, result.stdout);
  assert.match(result.stdout, new RegExp(`^Execution ARN: arn:aws:sagemaker:local:\\d+:pipeline/abalone/execution/${started[1]}$`, "m"));
  assert.doesNotMatch(result.stdout, /execution-\d+/, "the generated display name is never shown");
  for (const step of ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneCreateModel", "AbaloneRegisterModel", "AbaloneTransform"]) {
    assert.match(stepLine(result.stdout, step), /✓ \S+ Succeeded \(\d+\.\d s\)$/, `${step}:\n${result.stdout}`);
  }
  assert.match(stepLine(result.stdout, "AbaloneMSECond"), /Succeeded .*— condition True$/);
  assert.equal(stepLine(result.stdout, "AbaloneMSEFail"), "", "the else branch does not run");
  assert.match(result.stdout, /^Execution Succeeded$/m);
  assert.doesNotMatch(result.all, /NodeVersionSupportWarning/);

  const store = join(dir, ".sagemaker-pipelines/local");
  assert.ok(existsSync(store), "the store is in the working folder");
  const found = (folder: string, name: string): boolean =>
    readdirSync(folder, { withFileTypes: true }).some((entry) => (entry.isDirectory() ? found(join(folder, entry.name), name) : entry.name === name));
  assert.ok(found(store, "evaluation.json"), "the evaluation report is in the store");
  assert.ok(found(store, "model.tar.gz"), "the model artifacts are in the store");
});

test(
  "cli run --select: the selected step runs, upstream steps are reused from the latest execution, downstream steps do not run",
  { timeout: 240_000 },
  (t) => {
    const dir = workspace(t);
    const first = run(dir, "examples/abalone.pipeline.json");
    assert.equal(first.status, 0, first.all);
    const firstArn = executionArn(first.stdout)!;

    const selective = run(dir, "examples/abalone.pipeline.json", "--select", "AbaloneEval", "--param", "MseThreshold=0.5");
    assert.equal(selective.status, 0, selective.all);
    const firstId = firstArn.split("/").pop()!;
    assert.match(selective.stdout, new RegExp(`^Started steps AbaloneEval \\(reference ${firstId}\\): execution \\w+$`, "m"));
    assert.match(selective.stdout, new RegExp(`^  Reference: ${firstId} \\(Succeeded\\)$`, "m"));
    for (const step of ["AbaloneProcess", "AbaloneTrain"]) assert.match(selective.stdout, new RegExp(`^  ${step} +↺ reuse from ${firstId} +0 s$`, "m"));
    assert.match(selective.stdout, /^    MseThreshold +0\.5 +Float +override$/m);
    assert.match(stepLine(selective.stdout, "AbaloneProcess"), new RegExp(`Succeeded .*— reused from ${firstId}$`));
    assert.match(stepLine(selective.stdout, "AbaloneTrain"), new RegExp(`— reused from ${firstId}$`));
    assert.match(stepLine(selective.stdout, "AbaloneEval"), /✓ AbaloneEval Succeeded \(\d+\.\d s\)$/);
    assert.equal(stepLine(selective.stdout, "AbaloneMSECond"), "", "downstream of the selection does not run");
    assert.equal(stepLine(selective.stdout, "AbaloneTransform"), "");
    assert.match(selective.stdout, /^Execution Succeeded$/m);

    const none = run(dir, "examples/abalone.pipeline.json", "--select", "AbaloneEval", "--reference", "none");
    assert.equal(none.status, 1);
    assert.match(
      none.stdout,
      /^Not started: Without a reference execution only steps with no upstream dependency can run, and AbaloneEval \(on AbaloneProcess, AbaloneTrain\) depends/m,
    );
  },
);

test("cli run --select: a step missing between two selected steps is refused before sending, with the --select that fixes it", { timeout: 180_000 }, () => {
  const { dir, result: first } = workspaceAfterOneRun();
  assert.equal(first.status, 0, first.all);
  const result = run(dir, "examples/abalone.pipeline.json", "--select", "AbaloneProcess,AbaloneEval");
  assert.equal(result.status, 1, result.all);
  assert.match(result.stdout, /^Hint: --select AbaloneProcess,AbaloneTrain,AbaloneEval$/m);
  assert.match(result.stdout, /^Not started: All steps on every path between two selected steps must be selected: 'AbaloneTrain' lies between/m);
  assert.doesNotMatch(result.stdout, /^Started/m);
});

test("cli run: a parameter the reference execution does not have is refused before anything starts", { timeout: 180_000 }, () => {
  const { dir, result: first } = workspaceAfterOneRun();
  assert.equal(first.status, 0, first.all);
  const result = run(dir, "examples/abalone.pipeline.json", "--select", "AbaloneEval", "--param", "NoSuchParameter=1");
  assert.equal(result.status, 1, result.all);
  assert.match(result.stdout, /^Not started: .*NoSuchParameter/m);
  assert.doesNotMatch(result.stdout, /^Started/m);
});

test("cli run: a failing step fails the run with exit 1 and its reason; the definition's errors stop it before deploying", { timeout: 120_000 }, (t) => {
  const dir = workspace(t);
  const failing = {
    Version: "2020-12-01",
    Parameters: [{ Name: "Message", Type: "String", DefaultValue: "stop here" }],
    Steps: [{ Name: "Stop", Type: "Fail", Arguments: { ErrorMessage: { Get: "Parameters.Message" } } }],
  };
  writeFileSync(join(dir, "failing.pipeline.json"), JSON.stringify(failing, null, 2));
  const failed = run(dir, "failing.pipeline.json", "--param", "Message=custom reason");
  assert.equal(failed.status, 1, failed.all);
  assert.match(stepLine(failed.stdout, "Stop"), /✗ Stop Failed .*— custom reason$/);
  assert.match(failed.stdout, /^Execution Failed: .*custom reason/m);

  const broken = { ...failing, Steps: [{ ...failing.Steps[0], DependsOn: ["Nowhere"] }] };
  writeFileSync(join(dir, "broken.pipeline.json"), JSON.stringify(broken, null, 2));
  const refused = run(dir, "broken.pipeline.json");
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /broken\.pipeline\.json:\d+:\d+: error depends-on-unknown-step: /);
  assert.match(refused.stdout, /^Not started: broken\.pipeline\.json has 1 error\(s\)\.$/m);
  assert.doesNotMatch(refused.stdout, /^Target:/m, "nothing is deployed");
});

test("cli run: usage errors exit 2 with a message", (t) => {
  const dir = workspace(t);
  const missing = run(dir, "nowhere.json");
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such file: nowhere\.json/);
  const badParam = run(dir, "examples/abalone.pipeline.json", "--param", "no-equals-sign");
  assert.equal(badParam.status, 2);
  assert.match(badParam.stderr, /no-equals-sign/);
  const badRunner = spawnSync(process.execPath, [cli, "run", "examples/abalone.pipeline.json", "--runner", "vm"], { cwd: dir, encoding: "utf8" });
  assert.equal(badRunner.status, 2);
  assert.match(badRunner.stderr, /--runner.*vm/s);
  assert.ok(!existsSync(join(dir, ".sagemaker-pipelines")), "nothing was started");
  assert.equal(readFileSync(join(dir, "examples/abalone.pipeline.json"), "utf8"), readFileSync(join(examples, "abalone.pipeline.json"), "utf8"));
});

test("cli plan: a refused selection reads in order — the target, why it is not started, then the hint that fixes it", (t) => {
  const dir = workspace(t);
  const refused = spawnSync(process.execPath, [cli, "plan", "examples/abalone.pipeline.json", "--select", "AbaloneTrain,AbaloneMSECond", "--runner", "host"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(refused.status, 1, refused.stderr);
  const lines = refused.stdout.trimEnd().split("\n");
  const notStarted = lines.findIndex((line) => line.startsWith("Not started: "));
  const hint = lines.indexOf("Hint: --select AbaloneTrain,AbaloneEval,AbaloneMSECond");
  assert.ok(notStarted >= 0 && hint >= 0, refused.stdout);
  assert.ok(hint > notStarted, `the hint comes after what it refers to:\n${refused.stdout}`);
  assert.equal(hint, lines.length - 1, `the hint is the last line:\n${refused.stdout}`);
});

test("cli plan: prints per step what a run would do — cache hits, reuse, skips — and starts nothing", { timeout: 180_000 }, () => {
  const { dir, result: first } = workspaceAfterOneRun();
  assert.equal(first.status, 0, first.all);
  const firstId = executionArn(first.stdout)!.split("/").pop();
  const executions = () => readdirSync(join(dir, ".sagemaker-pipelines/local/executions")).length;
  const before = executions();

  const plan = spawnSync(process.execPath, [cli, "plan", "examples/abalone.pipeline.json"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  assert.equal(plan.status, 0, plan.stderr);
  // One table, columns aligned: each row's verdict starts where the header's does, its estimate too.
  const table = plan.stdout.split("\n").filter((l) => /^  (Step|Abalone)/.test(l));
  const header = table[0];
  assert.match(header, /^  Step +Verdict +Estimate$/);
  for (const row of table.slice(1)) {
    assert.equal(row.search(/[▶✓↺–·◇] /), header.indexOf("Verdict"), row);
    assert.match(row.slice(header.indexOf("Estimate")), /^(≈ \d+ (s|min)|< 1 s|0 s|—|no past run)$/, row);
  }
  assert.equal(table.length, 1 + 8, "a row per step");
  assert.match(plan.stdout, new RegExp(`^  AbaloneTrain +✓ cache hit from ${firstId} \\(expires in \\d+ d\\) +0 s$`, "m"));
  assert.match(plan.stdout, /^  AbaloneEval +▶ run +(< 1 s|≈ \d+ s)$/m);
  assert.match(plan.stdout, /^  AbaloneMSEFail +◇ depends on AbaloneMSECond \(ElseSteps\) +no past run$/m);
  assert.match(plan.stdout, /^  Total: (< 1 s|≈ \d+ s) \+ 1 step never run$/m);
  assert.match(plan.stdout, /^Plan only: nothing was created, updated or started\.$/m);

  const selective = spawnSync(process.execPath, [cli, "plan", "examples/abalone.pipeline.json", "--select", "AbaloneEval"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(selective.status, 0, selective.stderr);
  assert.match(selective.stdout, new RegExp(`^  AbaloneTrain +↺ reuse from ${firstId} +0 s$`, "m"));
  assert.match(selective.stdout, /^  AbaloneTransform +– skip \(downstream of the selection\) +—$/m);
  assert.equal(executions(), before, "planning started nothing");

  const refused = spawnSync(process.execPath, [cli, "plan", "examples/abalone.pipeline.json", "--select", "AbaloneTrain,AbaloneMSECond"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /^Not started: [^]*^Hint: --select AbaloneTrain,AbaloneEval,AbaloneMSECond$/m);
});
