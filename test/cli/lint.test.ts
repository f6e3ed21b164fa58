import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
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

const edgeCases = join(import.meta.dirname, "../fixtures/corpus/edge-cases");

/** A folder of three broken attempts at a definition (a Python repr, a double-encoded string, an unparsable file) and two other JSON files. */
function brokenFolder(t: TestContext): string {
  const dir = tempDir(t, "smp-cli-broken-");
  copyFileSync(join(edgeCases, "skrishnakumar_python-repr.json"), join(dir, "python-repr.json"));
  copyFileSync(join(edgeCases, "skrishnakumar_double-encoded-string.json"), join(dir, "double-encoded.json"));
  writeFileSync(join(dir, "half-written.json"), `{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Fail",`);
  writeFileSync(join(dir, "package.json"), `{"name": "not-a-pipeline"}`);
  writeFileSync(join(dir, "string.json"), JSON.stringify("just a string"));
  return dir;
}

test("cli lint: in a directory, broken attempts at a definition are checked and fail; other JSON files are counted as skipped", (t) => {
  const dir = brokenFolder(t);
  const result = run("lint", dir);
  assert.equal(result.status, 1, result.stdout);
  assert.match(result.stdout, /python-repr\.json:1:2: error json-syntax: This is a Python dict \(repr\), not JSON/);
  assert.match(result.stdout, /double-encoded\.json:1:1: error not-a-pipeline-definition: The definition is JSON-encoded a second time/);
  assert.match(result.stdout, /half-written\.json:\d+:\d+: error json-syntax: /);
  assert.match(result.stdout, /^3 files checked, 2 other JSON files skipped: [3-9] errors,/m);
  assert.doesNotMatch(result.stdout, /package\.json|string\.json/, "skipped files are listed only with --verbose");
});

test("cli lint: --verbose lists the skipped files; --format json has them under skipped", (t) => {
  const dir = brokenFolder(t);
  const verbose = run("lint", "--verbose", dir);
  assert.match(
    verbose.stdout,
    new RegExp(`^${join(dir, "package.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: skipped \\(not a pipeline definition\\)$`, "m"),
  );
  assert.match(verbose.stdout, /string\.json: skipped \(not a pipeline definition\)$/m);
  const json = JSON.parse(run("lint", "--format", "json", dir).stdout) as { files: Array<{ path: string }>; skipped: string[] };
  assert.deepEqual(json.files.map((f) => f.path.slice(dir.length + 1)).sort(), ["double-encoded.json", "half-written.json", "python-repr.json"]);
  assert.deepEqual(
    json.skipped.map((p) => p.slice(dir.length + 1)),
    ["package.json", "string.json"],
  );
});

test("cli lint: the real definitions of the corpus give no error and are all checked, edge cases apart", () => {
  const corpus = join(import.meta.dirname, "../fixtures/corpus");
  const result = run("lint", "--format", "json", corpus);
  const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: Array<{ severity: string }> }>; skipped: string[] };
  assert.deepEqual(report.skipped, []);
  const failing = report.files.filter((f) => f.diagnostics.some((d) => d.severity === "error")).map((f) => f.path.slice(corpus.length + 1));
  assert.deepEqual(failing.sort(), [
    "edge-cases/aws-samples_asset-prediction_pipeline-template.json",
    "edge-cases/skrishnakumar_double-encoded-string.json",
    "edge-cases/skrishnakumar_python-repr.json",
  ]);
});

test("cli lint: --require-definitions fails, naming the folder, when a named directory holds no definition", (t) => {
  const dir = tempDir(t, "smp-cli-empty-");
  writeFileSync(join(dir, "package.json"), `{"name": "not-a-pipeline"}`);
  const lenient = run("lint", dir);
  assert.equal(lenient.status, 0);
  assert.match(lenient.stdout, /^0 files checked, 1 other JSON file skipped: 0 errors/m);
  const strict = run("lint", "--require-definitions", dir);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, new RegExp(`No pipeline definitions found under: ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
  const withDefinition = workspace(t);
  assert.equal(run("lint", "--require-definitions", join(withDefinition, "pipelines")).status, 1, "broken.pipeline.json has an error");
  assert.equal(run("lint", "--require-definitions", join(withDefinition, "pipelines/clean.json")).status, 0, "a named file is not a folder");
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
