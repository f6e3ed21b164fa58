import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

const cli = join(import.meta.dirname, "../../dist/cli.js");
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

const clean = JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "F", Type: "Fail", Arguments: { ErrorMessage: "x" } }] }, null, 2);
const broken = `{
  "Version": "2020-12-01",
  "Steps": [{"Name": "F", "Type": "Fail", "DependsOn": ["Nope"], "Arguments": {"ErrorMessage": "x"}}]
}`;

function workspace(t: TestContext): string {
  const dir = tempDir(t, "smp-cli-");
  mkdirSync(join(dir, "pipelines"));
  mkdirSync(join(dir, "node_modules"));
  writeFileSync(join(dir, "pipelines/clean.json"), clean);
  writeFileSync(join(dir, "pipelines/broken.pipeline.json"), broken);
  writeFileSync(join(dir, "package.json"), `{"name": "not-a-pipeline"}`);
  writeFileSync(join(dir, "pipeline_definition.json"), `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`);
  writeFileSync(join(dir, "node_modules/ignored.pipeline.json"), broken);
  return dir;
}

test("cli lint: exit 0 on a clean file, with a summary line", (t) => {
  const dir = workspace(t);
  const result = run("lint", join(dir, "pipelines/clean.json"));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /1 file checked: 0 errors/);
});

test("cli lint: exit 1 with errors; text lines are path:line:col: severity code: message (1-based)", (t) => {
  const dir = workspace(t);
  const file = join(dir, "pipelines/broken.pipeline.json");
  const result = run("lint", file);
  assert.equal(result.status, 1);
  assert.match(result.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:57: error depends-on-unknown-step: DependsOn names 'Nope'`, "m"));
});

test("cli lint: a directory means every definition below it (by name or content), skipping node_modules and non-definitions", (t) => {
  const dir = workspace(t);
  const result = run("lint", "--format", "json", dir);
  assert.equal(result.status, 1);
  const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<Record<string, unknown>> }> };
  assert.deepEqual(report.files.map((f) => f.path.slice(dir.length + 1)).sort(), ["pipelines/broken.pipeline.json", "pipelines/clean.json"]);
  const brokenReport = report.files.find((f) => f.path.endsWith("broken.pipeline.json"))!;
  assert.deepEqual(brokenReport.diagnostics, [
    {
      code: "depends-on-unknown-step",
      severity: "error",
      message: "DependsOn names 'Nope', which is not a step of this pipeline.",
      range: { start: { line: 2, character: 56 }, end: { line: 2, character: 62 } },
    },
  ]);
});

test("cli lint: SARIF 2.1.0 with rules and 1-based regions", (t) => {
  const dir = workspace(t);
  const result = run("lint", "--format", "sarif", join(dir, "pipelines/broken.pipeline.json"));
  assert.equal(result.status, 1);
  const sarif = JSON.parse(result.stdout);
  assert.equal(sarif.version, "2.1.0");
  const [only] = sarif.runs[0].results;
  assert.equal(only.ruleId, "depends-on-unknown-step");
  assert.equal(only.level, "error");
  assert.deepEqual(only.locations[0].physicalLocation.region, { startLine: 3, startColumn: 57, endLine: 3, endColumn: 63 });
  assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === "dependency-cycle"));
});

test("cli lint: --rule re-levels a rule; an error turned into a warning exits 0", (t) => {
  const dir = workspace(t);
  const result = run("lint", "--rule", "depends-on-unknown-step=warning", join(dir, "pipelines/broken.pipeline.json"));
  assert.equal(result.status, 0);
  assert.match(result.stdout, /warning depends-on-unknown-step/);
  assert.equal(run("lint", "--rule", "depends-on-unknown-step=off", join(dir, "pipelines/broken.pipeline.json")).stdout.includes("depends-on"), false);
});

test("cli lint: usage errors exit 2 with a message", () => {
  assert.equal(run("lint").status, 2);
  assert.equal(run("lint", "--format", "xml", "x.json").status, 2);
  const missing = run("lint", "/no/such/file.json");
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such file or directory/);
  assert.equal(run("lint", "--rule", "bogus", "x.json").status, 2);
  assert.equal(run("frobnicate").status, 2);
  assert.equal(run().status, 2);
});

test("cli: --help and --version exit 0", () => {
  assert.equal(run("--help").status, 0);
  assert.match(run("--version").stdout, /\d+\.\d+\.\d+/);
});
