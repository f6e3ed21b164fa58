import { test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic, TextEdit } from "vscode-languageserver-types";
import { codeActions } from "../../core/src/features/code-actions";
import { PipelineDocument } from "../../core/src/features/document";
import { nearest } from "../../core/src/features/quick-fixes/nearest";

const URI = "file:///p.pipeline.json";

/** The document's diagnostics of `code`, as the server publishes them (and the client sends them back). */
function diagnosticsOf(document: PipelineDocument, code: string): Diagnostic[] {
  return document.analysis.diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({
      range: document.rangeOf(d.start, d.end),
      code: d.code,
      source: "sagemaker-pipelines",
      message: d.message,
      ...(d.data ? { data: d.data } : {}),
    }));
}

function apply(document: PipelineDocument, edits: TextEdit[]): string {
  let text = document.text;
  for (const edit of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
    text = text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
  }
  return text;
}

/** Applies the first action offered for the (single) diagnostic of `code`. */
function fix(text: string, code: string): string {
  const document = new PipelineDocument(text);
  const [diagnostic] = diagnosticsOf(document, code);
  assert.ok(diagnostic, `a ${code} diagnostic`);
  const [action] = codeActions(document, URI, [diagnostic]);
  assert.ok(action, `an action for ${code}`);
  return apply(document, action.edit!.changes![URI]);
}

const processing = (cacheConfig: string) => `{
	"Version": "2020-12-01",
	"Parameters": [],
	"Steps": [
		{
			"Name": "P",
			"Type": "Processing",
			"Arguments": {},
			"CacheConfig": ${cacheConfig}
		}
	]
}`;

test("add ExpireAfter: tabs and CRLF line endings are kept", () => {
  const before = processing(`{\n\t\t\t\t"Enabled": true\n\t\t\t}`).replace(/\n/g, "\r\n");
  const after = processing(`{\n\t\t\t\t"Enabled": true,\n\t\t\t\t"ExpireAfter": "P30D"\n\t\t\t}`).replace(/\n/g, "\r\n");
  assert.equal(fix(before, "cache-expire-after-missing"), after);
});

test("add ExpireAfter: the neighbours' colon and comma spacing is kept inline", () => {
  assert.equal(fix(processing(`{ "Enabled" : true }`), "cache-expire-after-missing"), processing(`{ "Enabled" : true, "ExpireAfter" : "P30D" }`));
  assert.equal(fix(processing(`{"Foo":1,"Enabled":true}`), "cache-expire-after-missing"), processing(`{"Foo":1,"Enabled":true,"ExpireAfter":"P30D"}`));
});

test("add ExpireAfter: members on one line after a brace on its own line", () => {
  assert.equal(
    fix(processing(`{\n\t\t\t\t"Foo": 1, "Enabled": true\n\t\t\t}`), "cache-expire-after-missing"),
    processing(`{\n\t\t\t\t"Foo": 1, "Enabled": true, "ExpireAfter": "P30D"\n\t\t\t}`),
  );
});

const failWithGet = (get: string, extra = "") => `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "InputData", "Type": "String"}],
  "Steps": [
    {"Name": "Preprocess", "Type": "Processing", "Arguments": {}},
    {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": ${get}}}${extra}}
  ]
}`;

test("a Get string with escape sequences is rewritten whole, still valid JSON", () => {
  const escaped = String.raw`"Steps.Preprocess.Properties.ProcessingOutputConfig.Outputs[\"train\"].S3Output.S3Uri"`;
  const fixed = String.raw`"Steps.Preprocess.ProcessingOutputConfig.Outputs[\"train\"].S3Output.S3Uri"`;
  assert.equal(fix(failWithGet(escaped), "reference-properties-segment"), failWithGet(fixed));

  const unknown = String.raw`"Steps.Preprocesss.ProcessingJobName\u0021"`;
  assert.equal(fix(failWithGet(unknown), "reference-unknown-step"), failWithGet(`"Steps.Preprocess.ProcessingJobName!"`));
});

test("a parameter reference keeps everything but the name", () => {
  assert.equal(fix(failWithGet(`"Parameters.inputdata"`), "reference-unknown-parameter"), failWithGet(`"Parameters.InputData"`));
});

test("no actions for diagnostics the client made up or that do not match the text", () => {
  const document = new PipelineDocument(failWithGet(`"Parameters.InputDat"`));
  const [diagnostic] = diagnosticsOf(document, "reference-unknown-parameter");
  assert.equal(codeActions(document, URI, [diagnostic]).length, 1);
  assert.deepEqual(codeActions(document, URI, [{ ...diagnostic, range: { start: diagnostic.range.start, end: diagnostic.range.start } }]), []);
  assert.deepEqual(codeActions(document, URI, [{ ...diagnostic, code: 42 }]), []);
  // The facts are the server's own: a forged `data` changes nothing.
  const [action] = codeActions(document, URI, [{ ...diagnostic, data: { name: "InputDat", suggestion: "Evil" } }]);
  assert.equal(action.title, "Change to 'InputData'");
});

test("a broken document offers nothing (its diagnostics are syntax errors only)", () => {
  const document = new PipelineDocument(`{"Steps": [`);
  const diagnostic: Diagnostic = { range: document.rangeOf(0, 1), code: "depends-on-unknown-step", message: "x", data: { name: "A", suggestion: "B" } };
  assert.deepEqual(codeActions(document, URI, [diagnostic]), []);
});

test("nearest: the same measure and cut-off as the rules' closest(), best first", () => {
  assert.deepEqual(
    nearest("Preprocesss", ["Preprocessing", "Preprocess", "Zzz"]).map((s) => s.name),
    ["Preprocess", "Preprocessing"],
  );
  assert.deepEqual(
    nearest("VolumeSize", ["InstanceCount", "VolumeSizeInGB"]).map((s) => s.name),
    ["VolumeSizeInGB"],
  );
  assert.deepEqual(nearest("Nope", ["Preprocess", "Evaluate"]), []);
  assert.equal(nearest("ab", ["a", "b", "c", "d"]).length, 3);
});
