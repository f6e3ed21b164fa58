import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../core/src";
import type { PythonExportResult } from "../../sagemaker/src";
import { pythonFileDiagnostics } from "../../client/src/python/file-diagnostics";

const root = join(import.meta.dirname, "../..");
const definition = readFileSync(join(root, "examples/abalone.pipeline.json"), "utf8");
const python = readFileSync(join(root, "examples/python/pipeline.py"), "utf8");
const lintedUris: string[] = [];
// The analysis the language server answers LintRequest with.
const lint = async (uri: string, text: string) => {
  lintedUris.push(uri);
  return analyze(text).diagnostics;
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length - 1;

test("pythonFileDiagnostics: a misspelled output of the exported definition lands on its literal in the .py, with its rule code", async () => {
  const typoDefinition = definition.replace("Outputs['evaluation']", "Outputs['evalution']");
  const typoPython = python.replace(`Outputs["evaluation"]`, `Outputs["evalution"]`);
  const result: PythonExportResult = { ok: true, definition: typoDefinition, found: "get_pipeline()", uploads: [], sdk: "2.257.7", stderr: "" };
  const placed = await pythonFileDiagnostics(result, typoPython, lint, "sagemaker-pipeline-python:/x/pipeline.py.pipeline.json");
  assert.equal(lintedUris.at(-1), "sagemaker-pipeline-python:/x/pipeline.py.pipeline.json");
  const unknown = placed.filter((d) => d.code === "reference-unknown-output");
  assert.equal(unknown.length, 1, JSON.stringify(placed));
  const line = lineOf(typoPython, `"evalution"`);
  const column = typoPython.split("\n")[line].indexOf(`"evalution"`);
  assert.deepEqual(unknown[0].range, { start: { line, character: column }, end: { line, character: column + `"evalution"`.length } });
  assert.equal(unknown[0].severity, "error");
  // The correct definition has no error at all.
  const clean = await pythonFileDiagnostics({ ...result, definition }, python, lint, "u");
  assert.deepEqual(
    clean.filter((d) => d.severity === "error"),
    [],
  );
});

test("pythonFileDiagnostics: a failed export is one python-export error, on the literal the SDK names or at the top", async () => {
  const broken = python.replace(`name="AbaloneEval",`, `name="AbaloneEvl",`);
  const raised: PythonExportResult = {
    ok: false,
    kind: "raised",
    message: "ValueError: The input steps do not contain the step of name: AbaloneEvl",
    traceback: "Traceback (most recent call last):\n  ...\nValueError: The input steps do not contain the step of name: AbaloneEvl",
    frameLines: [],
    stderr: "",
  };
  const [onLiteral, ...more] = await pythonFileDiagnostics(raised, broken, lint, "u");
  assert.equal(more.length, 0);
  assert.equal(onLiteral.code, "python-export");
  assert.equal(onLiteral.message, "ValueError: The input steps do not contain the step of name: AbaloneEvl");
  assert.equal(onLiteral.range.start.line, lineOf(broken, `"AbaloneEvl"`));
  const missing: PythonExportResult = {
    ok: false,
    kind: "sdk-missing",
    message: "The SageMaker Python SDK is not installed in python3.",
    frameLines: [],
    stderr: "",
  };
  const [top] = await pythonFileDiagnostics(missing, python, lint, "u");
  assert.deepEqual(top.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(top.message, "The SageMaker Python SDK is not installed in python3.");
});
