import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

test("schema: a wrong type lands on the value with a readable message", () => {
  const text = definition(`[${PROCESSING_STEP("Prep")}]`).replace(`"InstanceCount": 1`, `"InstanceCount": ⟦"1"⟧`);
  const [d] = expectDiagnostics(text, "schema", "error");
  assert.match(
    d.message,
    /Expected an integer in Steps\[0\]\.Arguments\.ProcessingResources\.ClusterConfig\.InstanceCount, found the string "1"\. Write 1 without quotes\./,
  );
});

test("schema: an expression is accepted where an integer is expected", () => {
  const text = definition(`[${PROCESSING_STEP("Prep")}]`, `[{"Name": "N", "Type": "Integer", "DefaultValue": 1}]`).replace(
    `"InstanceCount": 1`,
    `"InstanceCount": {"Get": "Parameters.N"}`,
  );
  expectDiagnostics(text, "schema", "error");
});

test("schema: an unknown step type suggests the closest one", () => {
  const [d] = expectDiagnostics(definition(`[{"Name": "A", "Type": ⟦"Proccessing"⟧, "Arguments": {}}]`), "schema", "error");
  assert.match(d.message, /Did you mean 'Processing'\?/);
});

test("schema: a missing required member is reported on the key of the object", () => {
  const text = definition(`[${PROCESSING_STEP("Prep")}]`).replace(
    `"AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sklearn:1"}`,
    `⟦"AppSpecification"⟧: {}`,
  );
  const [d] = expectDiagnostics(text, "schema", "error");
  assert.match(d.message, /Missing required member 'ImageUri'/);
});

test("schema: an enum value off by case is named with the allowed values", () => {
  const text = definition(`[${PROCESSING_STEP("Prep")}]`).replace(`"S3UploadMode": "EndOfJob"`, `"S3UploadMode": ⟦"endofjob"⟧`);
  const [d] = expectDiagnostics(text, "schema", "error");
  assert.match(d.message, /Expected one of: Continuous, EndOfJob\. Did you mean 'EndOfJob'\?/);
});

test("schema: an unknown member outside Arguments is a schema error, not unknown-argument", () => {
  const [d] = expectDiagnostics(definition(`[{"Name": "A", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}, ⟦"Depends"⟧: []}]`), "schema", "error");
  assert.match(d.message, /Unknown member 'Depends'/);
});

test("schema: a malformed Get expression is reported on its value", () => {
  expectDiagnostics(definition(`[{"Name": "A", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": ⟦5⟧}}}]`), "schema", "error");
});

test("schema: envelope members the SDK emits are accepted, null included", () => {
  const text = `{"Version": "2020-12-01", "Metadata": {}, "Parameters": [{"Name": "E", "Type": "String", "DefaultValue": "a", "EnumValues": ["a", "b"]}],
    "PipelineExperimentConfig": null, "MlflowConfig": null, "Steps": [{"Name": "A", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Parameters.E"}}}]}`;
  expectDiagnostics(text, "schema", "error");
});
