import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeLens } from "vscode-languageserver-protocol";
import { COMMANDS, EAGER_STEP_LENSES_UP_TO, LineIndex, type StepLensData } from "../../core/src";
import { InProcessClient } from "../helpers/in-process";

let client: InProcessClient;
before(async () => (client = await InProcessClient.start()));
after(async () => client.stop());

const source = `{
  "Version": "2020-12-01",
  "Steps": [
    {"Name": "Prep", "Type": "Processing", "CacheConfig": {"Enabled": true, "ExpireAfter": "30dT5h"}, "Arguments": {
      "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
      "AppSpecification": {"ImageUri": "img"}, "RoleArn": "arn:aws:iam::123456789012:role/R"}},
    {"Name": "Check", "Type": "Condition", "DependsOn": ["Prep"], "Arguments": {"Conditions": [],
      "IfSteps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "no"}}], "ElseSteps": []}}
  ]
}`;

const lensTable = (lenses: CodeLens[]) => lenses.map((l) => [l.range.start.line, l.command!.title, l.command!.command, l.command!.arguments]);

test("code lenses: run, reference and graph above Steps; run, run from here and cache above each step", async () => {
  const uri = await client.open(source);
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  assert.deepEqual(lensTable(lenses), [
    [2, "▶ Run pipeline", COMMANDS.runPipeline, [uri]],
    [2, "Reference: latest finished execution", COMMANDS.chooseReference, [uri]],
    [2, "Show graph", COMMANDS.showGraph, [uri]],
    [3, "▶ Run step", COMMANDS.runSteps, [uri, ["Prep"]]],
    [3, "▶ Run from here", COMMANDS.runFromStep, [uri, "Prep"]],
    [3, "Cache: on · 30 days and 5 hours", COMMANDS.explainCache, [uri, "Prep"]],
    [6, "▶ Run step", COMMANDS.runSteps, [uri, ["Check"]]],
    [6, "▶ Run from here", COMMANDS.runFromStep, [uri, "Check"]],
    [6, "Cache: n/a", COMMANDS.explainCache, [uri, "Check"]],
    [7, "▶ Run step", COMMANDS.runSteps, [uri, ["Stop"]]],
    [7, "▶ Run from here", COMMANDS.runFromStep, [uri, "Stop"]],
    [7, "Cache: n/a", COMMANDS.explainCache, [uri, "Stop"]],
  ]);
});

test("code lenses: cache off, and the chosen reference execution with status and age", async () => {
  const uri = await client.open(source.replace(`"Enabled": true`, `"Enabled": false`));
  const startTime = new Date(Date.now() - 3 * 3600 * 1000 - 60_000).toISOString();
  await client.notifySetReference({ uri, reference: { id: "exec-1", displayName: "nightly", status: "Succeeded", startTime } });
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  const titles = lenses.map((l) => l.command!.title);
  assert.ok(titles.includes("Reference: nightly · Succeeded · 3 h ago"), titles.join(" | "));
  assert.ok(titles.includes("Cache: off"));
});

test("code lenses: the codeLens setting turns them off", async () => {
  client.settings = { ...client.settings, codeLens: false };
  const uri = await client.open(source);
  assert.deepEqual(await client.request("textDocument/codeLens", { textDocument: { uri } }), []);
  client.settings = { ...client.settings, codeLens: true };
  assert.ok((await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } })).length > 0);
});

test("code lenses: still there while the file has a syntax error", async () => {
  const uri = await client.open(source.replace(`"Version": "2020-12-01",`, `"Version": "2020-12-01"`));
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  assert.equal(lenses.filter((l) => l.command!.title === "▶ Run step").length, 3);
});

test("code lenses on a corpus file: one run lens per step, branch steps included", async () => {
  const text = readFileSync(join(import.meta.dirname, "../fixtures/corpus/aws-examples_abalone-2022-03.json"), "utf8");
  const uri = await client.open(text);
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  const stepCount = (text.match(/"Type": "(Processing|Training|Condition|Model|RegisterModel|Transform|Fail)"/g) ?? []).length;
  assert.equal(lenses.filter((l) => l.command!.title === "▶ Run step").length, stepCount);
  assert.ok(lenses.some((l) => l.command!.title === "Cache: off"));
});

test("steps in ranges: the steps selections touch, a branch step rather than its Condition", async () => {
  const uri = await client.open(source);
  const lines = new LineIndex(source);
  const span = (from: string, to: string) => lines.rangeOf(source.indexOf(from), source.indexOf(to) + to.length);
  const steps = (ranges: unknown[]) => client.request<string[]>("sagemakerPipelines/stepsInRanges", { uri, ranges });
  assert.deepEqual(await steps([span(`"AppSpecification"`, `"img"`)]), ["Prep"]);
  assert.deepEqual(await steps([span(`"ErrorMessage"`, `"no"`)]), ["Stop"]);
  assert.deepEqual(await steps([span(`"RoleArn"`, `"DependsOn"`)]), ["Prep", "Check"]);
  assert.deepEqual(await steps([span(`"Version"`, `"Version"`)]), []);
});

test("a document of more than 200 steps: each step's lenses come without their command, and resolve to the same commands", async () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => `{"Name": "S${i}", "Type": "Fail", "Arguments": {"ErrorMessage": "no"}}`);
  const document = (n: number) => `{"Version": "2020-12-01", "Steps": [\n${steps(n).join(",\n")}\n]}`;
  const lenses = async (text: string) => client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: await client.open(text) } });

  const eager = await lenses(document(EAGER_STEP_LENSES_UP_TO));
  assert.ok(
    eager.every((lens) => lens.command && lens.data === undefined),
    `up to ${EAGER_STEP_LENSES_UP_TO} steps, every lens has its command`,
  );

  const text = document(EAGER_STEP_LENSES_UP_TO + 1);
  const deferred = await lenses(text);
  assert.equal(deferred.length, 3 + 3 * (EAGER_STEP_LENSES_UP_TO + 1));
  assert.ok(
    deferred.slice(0, 3).every((lens) => lens.command),
    "the three lenses above Steps keep their commands",
  );
  const stepLenses = deferred.slice(3);
  assert.ok(stepLenses.every((lens) => lens.command === undefined && lens.data));
  const resolved = await Promise.all(stepLenses.map((lens) => client.request<CodeLens>("codeLens/resolve", lens)));
  const uri = String((stepLenses[0].data as StepLensData)[0]);
  const lines = new LineIndex(text);
  // The same lenses, lines and commands as a small document gets at once.
  assert.deepEqual(lensTable(resolved).slice(0, 3), [
    [lines.positionAt(text.indexOf('"S0"')).line, "▶ Run step", COMMANDS.runSteps, [uri, ["S0"]]],
    [lines.positionAt(text.indexOf('"S0"')).line, "▶ Run from here", COMMANDS.runFromStep, [uri, "S0"]],
    [lines.positionAt(text.indexOf('"S0"')).line, "Cache: n/a", COMMANDS.explainCache, [uri, "S0"]],
  ]);
  assert.deepEqual(
    resolved.map((lens) => lens.command!.arguments![1]),
    stepLenses.map((lens) => {
      const [, step, kind] = lens.data as StepLensData;
      return kind === "run" ? [step] : step;
    }),
  );

  // A lens of a step that an edit removed, or that the server did not make, comes back as it was.
  await client.change(uri, text.replace('"S7"', '"Renamed"'));
  const gone = stepLenses.find((lens) => (lens.data as StepLensData)[1] === "S7")!;
  assert.deepEqual(await client.request<CodeLens>("codeLens/resolve", gone), gone);
  const foreign = { range: gone.range, data: [uri, "S8", "deleteEverything"] };
  assert.deepEqual(await client.request<CodeLens>("codeLens/resolve", foreign), foreign);
});
