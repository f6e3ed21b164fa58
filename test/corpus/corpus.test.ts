import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, isPipelineDefinition, LineIndex } from "../../core/src";

const corpus = join(import.meta.dirname, "../fixtures/corpus");
const files = readdirSync(corpus).filter((f) => f.endsWith(".json"));

test("the corpus is there: 36 real definitions", () => {
  assert.equal(files.length, 36);
});

for (const file of files) {
  test(`corpus ${file}: no error-severity diagnostic, and it is detected as a definition`, () => {
    const text = readFileSync(join(corpus, file), "utf8");
    const errors = analyze(text).diagnostics.filter((d) => d.severity === "error");
    const lines = new LineIndex(text);
    assert.deepEqual(
      errors.map((d) => `${lines.positionAt(d.start).line + 1}: ${d.code}: ${d.message}`),
      [],
    );
    assert.equal(isPipelineDefinition(text), true);
  });
}

test("edge case: a Python dict repr gets one json-syntax error that names it", () => {
  const text = readFileSync(join(corpus, "edge-cases/skrishnakumar_python-repr.json"), "utf8");
  const diagnostics = analyze(text).diagnostics;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, "json-syntax");
  assert.match(diagnostics[0].message, /Python dict \(repr\), not JSON/);
  assert.equal(text.slice(diagnostics[0].start, diagnostics[0].end), "'Version'");
});

test("edge case: a double-encoded definition says to decode it once", () => {
  const text = readFileSync(join(corpus, "edge-cases/skrishnakumar_double-encoded-string.json"), "utf8");
  const diagnostics = analyze(text).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ["not-a-pipeline-definition"],
  );
  assert.match(diagnostics[0].message, /JSON-encoded a second time/);
});

test("edge case: a Mustache template names its unquoted placeholder", () => {
  const text = readFileSync(join(corpus, "edge-cases/aws-samples_asset-prediction_pipeline-template.json"), "utf8");
  const diagnostics = analyze(text).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ["json-syntax"],
  );
  assert.equal(text.slice(diagnostics[0].start, diagnostics[0].end), "{{ processingInstanceCountDefault }}");
  assert.match(diagnostics[0].message, /render the template/);
});

test("the bundled example has no diagnostics at all", () => {
  const text = readFileSync(join(import.meta.dirname, "../../examples/abalone.pipeline.json"), "utf8");
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
  );
});
