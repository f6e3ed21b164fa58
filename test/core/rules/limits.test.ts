import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";
import { analyze } from "../../../core/src";

const input = (i: number) =>
  `{"InputName": "in${i}", "AppManaged": false, "S3Input": {"S3Uri": "s3://b/${i}", "LocalPath": "/opt/ml/processing/in${i}", "S3DataType": "S3Prefix", "S3InputMode": "File"}}`;

test("processing-inputs-limit: eleven inputs, reported on the ProcessingInputs key", () => {
  const inputs = Array.from({ length: 11 }, (_, i) => input(i)).join(",");
  const text = definition(`[${PROCESSING_STEP("P", "", `, ⟦"ProcessingInputs"⟧: [${inputs}]`)}]`);
  const [d] = expectDiagnostics(text, "processing-inputs-limit", "error");
  assert.match(d.message, /11 ProcessingInputs/);
  // The API limit is not reported a second time by the schema.
  assert.deepEqual(
    analyze(text.replace(/⟦|⟧/g, "")).diagnostics.filter((x) => x.code === "schema"),
    [],
  );
});

test("processing-inputs-limit: ten inputs pass", () => {
  const inputs = Array.from({ length: 10 }, (_, i) => input(i)).join(",");
  expectDiagnostics(definition(`[${PROCESSING_STEP("P", "", `, "ProcessingInputs": [${inputs}]`)}]`), "processing-inputs-limit", "error");
});

test("definition-too-large: a warning from 100 KiB, an error over 1,048,576 characters", () => {
  const padded = (size: number) => {
    const base = definition(`[{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": "PAD"}}]`);
    return base.replace("PAD", "x".repeat(size - base.length + 3));
  };
  const warning = analyze(padded(110 * 1024)).diagnostics.filter((d) => d.code === "definition-too-large");
  assert.deepEqual(
    warning.map((d) => [d.severity, d.start, d.end]),
    [["warning", 0, 1]],
  );
  const error = analyze(padded(1_048_577)).diagnostics.filter((d) => d.code === "definition-too-large");
  assert.deepEqual(
    error.map((d) => [d.severity, d.start, d.end]),
    [["error", 0, 1]],
  );
  assert.match(error[0].message, /at most 1,048,576/);
  assert.deepEqual(
    analyze(padded(50 * 1024)).diagnostics.filter((d) => d.code === "definition-too-large"),
    [],
  );
});
