import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentHighlight, Location, Range, WorkspaceEdit } from "vscode-languageserver-protocol";
import { LineIndex } from "../../core/src";
import { cursor } from "../helpers/lsp";
import { InProcessClient } from "../helpers/in-process";

let client: InProcessClient;
before(async () => (client = await InProcessClient.start()));
after(async () => client.stop());

const source = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "InputData", "Type": "String", "DefaultValue": "s3://b/in"}],
  "Steps": [
    {"Name": "Prep", "Type": "Processing", "Arguments": {
      "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
      "AppSpecification": {"ImageUri": "img"}, "RoleArn": "arn:aws:iam::123456789012:role/R",
      "ProcessingInputs": [{"InputName": "in", "S3Input": {"S3Uri": {"Get": "Parameters.InputData"}, "LocalPath": "/opt/ml/processing/in", "S3DataType": "S3Prefix", "S3InputMode": "File"}}],
      "ProcessingOutputConfig": {"Outputs": [{"OutputName": "report", "S3Output": {"S3Uri": "s3://b/r", "LocalPath": "/opt/ml/processing/r", "S3UploadMode": "EndOfJob"}}]}},
      "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "report", "FilePath": "r.json"}]},
    {"Name": "Check", "Type": "Condition", "DependsOn": ["Prep"], "Arguments": {
      "Conditions": [{"Type": "LessThan", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.Report"}, "Path": "mse"}}, "RightValue": 1}],
      "IfSteps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.Prep.ProcessingJobName"}}}],
      "ElseSteps": []}}
  ]
}`;

/** The range of the n-th occurrence of `needle` (inside quotes when `quoted`). */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${nth}`);
  return new LineIndex(text).rangeOf(at, at + needle.length);
}

function at(needle: string, nth = 0, delta = 1) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(needle, offset + 1);
  return cursor(source.slice(0, offset + delta) + "‸" + source.slice(offset + delta));
}

test("definition: from a Get step name, a DependsOn entry and a parameter Get to the declaration", async () => {
  const uri = await client.open(source);
  for (const from of [at("Steps.Prep", 0, 7), at(`["Prep"]`, 0, 3)]) {
    const result = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: from.position });
    assert.deepEqual(result, [{ uri, range: rangeOf(source, "Prep", 0) }]);
  }
  const parameter = await client.request<Location[]>("textDocument/definition", {
    textDocument: { uri },
    position: at("Parameters.InputData", 0, 14).position,
  });
  assert.deepEqual(parameter, [{ uri, range: rangeOf(source, "InputData", 0) }]);
});

test("definition: a property file reference goes to its PropertyFileName", async () => {
  const uri = await client.open(source);
  const result = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: at("PropertyFiles.Report", 0, 16).position });
  assert.deepEqual(result, [{ uri, range: rangeOf(source, "Report", 0) }]);
});

test("references and highlights: every use of a step, declaration first", async () => {
  const uri = await client.open(source);
  const position = at(`"Name": "Prep"`, 0, 10).position;
  const refs = await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position, context: { includeDeclaration: true } });
  assert.deepEqual(
    refs.map((r) => r.range),
    [0, 1, 2, 3].map((n) => rangeOf(source, "Prep", n)),
  );
  const withoutDeclaration = await client.request<Location[]>("textDocument/references", {
    textDocument: { uri },
    position,
    context: { includeDeclaration: false },
  });
  assert.equal(withoutDeclaration.length, 3);
  const highlights = await client.request<DocumentHighlight[]>("textDocument/documentHighlight", { textDocument: { uri }, position });
  assert.deepEqual(
    highlights.map((h) => h.kind),
    [3, 2, 2, 2],
  );
});

test("rename: a step everywhere it is written (Name, DependsOn, Get strings, property-file references)", async () => {
  const uri = await client.open(source);
  const position = at(`["Prep"]`, 0, 3).position;
  const prepared = await client.request<{ range: Range; placeholder: string }>("textDocument/prepareRename", { textDocument: { uri }, position });
  assert.deepEqual(prepared, { range: rangeOf(source, "Prep", 1), placeholder: "Prep" });
  const edit = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position, newName: "Preprocess" });
  const renamed = applyEdits(source, edit.changes![uri]);
  assert.equal(renamed, source.replaceAll(`"Prep"`, `"Preprocess"`).replaceAll("Steps.Prep.", "Steps.Preprocess."));
  // The renamed document is still clean.
  const check = await client.open(renamed);
  const { diagnostics } = await client.diagnostics(check);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1),
    [],
  );
});

const forEach = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "Items", "Type": "String", "DefaultValue": "[1, 2]"}],
  "Steps": [
    {"Name": "Loop", "Type": "ForEach", "Arguments": {"IterableItems": {"Get": "Parameters.Items"}, "MaxConcurrency": 2,
      "Selector": {"Pick": "MaxBy", "Field": {"Get": "IterationOutput.Score.OutputParameters['s']"}},
      "ForEachBody": [{"Name": "Score", "Type": "Lambda", "Arguments": {"item": {"Get": "ForEach.CurrentItem"}},
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "OutputParameters": [{"OutputName": "s", "OutputType": "Float"}]}]}},
    {"Name": "Notify", "Type": "Fail", "Arguments": {"ErrorMessage": "failed"}, "DependsOn": [{"Step": "Loop", "Trigger": "Failed"}]}
  ]
}`;

test("rename: a ForEach body step in its IterationOutput reference, and a step in a {Step, Trigger} DependsOn (SDK v3)", async () => {
  const uri = await client.open(forEach);
  const inside = (needle: string) => new LineIndex(forEach).positionAt(forEach.indexOf(needle) + 2);
  const score = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: inside(`"Score"`), newName: "Rate" });
  const renamed = applyEdits(forEach, score.changes![uri]);
  assert.equal(renamed, forEach.replace(`"Name": "Score"`, `"Name": "Rate"`).replace("IterationOutput.Score.", "IterationOutput.Rate."));
  const loop = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: inside(`"Loop"`), newName: "PerItem" });
  assert.equal(applyEdits(forEach, loop.changes![uri]), forEach.replaceAll(`"Loop"`, `"PerItem"`));
  const check = await client.open(renamed);
  const { diagnostics } = await client.diagnostics(check);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1),
    [],
  );
});

test("rename: a parameter in its declaration and its Get strings", async () => {
  const uri = await client.open(source);
  const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
    textDocument: { uri },
    position: at(`"InputData"`, 0, 2).position,
    newName: "TrainData",
  });
  assert.equal(applyEdits(source, edit.changes![uri]), source.replaceAll("InputData", "TrainData"));
});

test("rename: refuses invalid and duplicate names with a message", async () => {
  const uri = await client.open(source);
  const position = at(`"Name": "Prep"`, 0, 10).position;
  await assert.rejects(client.request("textDocument/rename", { textDocument: { uri }, position, newName: "Pre process" }), /not a valid step name/);
  await assert.rejects(client.request("textDocument/rename", { textDocument: { uri }, position, newName: "Stop" }), /already exists/);
  const off = await client.request("textDocument/prepareRename", { textDocument: { uri }, position: at(`"Version"`, 0, 2).position });
  assert.equal(off, null);
});

interface Symbol_ {
  name: string;
  detail?: string;
  children?: Symbol_[];
}

test("document symbols: parameters and steps, branch steps nested under their Condition", async () => {
  const uri = await client.open(source);
  const symbols = await client.request<Symbol_[]>("textDocument/documentSymbol", { textDocument: { uri } });
  const shape = (s: Symbol_): unknown => ({ name: s.name, detail: s.detail, ...(s.children?.length ? { children: s.children.map(shape) } : {}) });
  assert.deepEqual(symbols.map(shape), [
    { name: "Parameters", detail: undefined, children: [{ name: "InputData", detail: "String" }] },
    {
      name: "Steps",
      detail: undefined,
      children: [
        { name: "Prep", detail: "Processing" },
        {
          name: "Check",
          detail: "Condition",
          children: [
            { name: "IfSteps", detail: undefined, children: [{ name: "Stop", detail: "Fail" }] },
            { name: "ElseSteps", detail: undefined },
          ],
        },
      ],
    },
  ]);
});

test("document symbols: a ForEach step's body steps are nested under its ForEachBody", async () => {
  const uri = await client.open(forEach);
  const symbols = await client.request<Symbol_[]>("textDocument/documentSymbol", { textDocument: { uri } });
  const shape = (s: Symbol_): unknown => ({ name: s.name, ...(s.children?.length ? { children: s.children.map(shape) } : {}) });
  assert.deepEqual(shape(symbols[1]), {
    name: "Steps",
    children: [{ name: "Loop", children: [{ name: "ForEachBody", children: [{ name: "Score" }] }] }, { name: "Notify" }],
  });
});

test("navigation works while the file has a syntax error elsewhere", async () => {
  const broken = source.replace(`"Version": "2020-12-01",`, `"Version": "2020-12-01"`);
  const offset = broken.indexOf(`["Prep"]`) + 3;
  const position = new LineIndex(broken).positionAt(offset);
  const uri = await client.open(broken);
  const result = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position });
  assert.deepEqual(result, [{ uri, range: rangeOf(broken, "Prep", 0) }]);
});

test("navigation on a corpus file: every reference of AbaloneProcess", async () => {
  const text = readFileSync(join(import.meta.dirname, "../fixtures/corpus/aws-examples_abalone-2022-03.json"), "utf8");
  const uri = await client.open(text);
  const position = new LineIndex(text).positionAt(text.indexOf(`"AbaloneProcess"`) + 2);
  const refs = await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position, context: { includeDeclaration: true } });
  const expected = (text.match(/"AbaloneProcess"|Steps\.AbaloneProcess\./g) ?? []).length;
  assert.equal(refs.length, expected);
  assert.ok(refs.length >= 4);
});

function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = new LineIndex(text);
  return [...edits]
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((acc, e) => acc.slice(0, e.start) + e.newText + acc.slice(e.end), text);
}
