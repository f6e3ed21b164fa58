import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

test("unknown-argument: a member the API request lacks, on its key, with a suggestion", () => {
  const text = definition(`[${PROCESSING_STEP("Prep", "", `, ⟦"ProcessingInput"⟧: []`)}]`);
  const [d] = expectDiagnostics(text, "unknown-argument", "error");
  assert.match(d.message, /'ProcessingInput' is not an argument of Processing steps/);
  assert.match(d.message, /Did you mean 'ProcessingInputs'\?/);
  assert.equal(d.data?.suggestion, "ProcessingInputs");
});

test("unknown-argument: ModelPackageName in RegisterModel arguments (the service rejects it)", () => {
  const text = definition(`[{"Name": "Reg", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "g", ⟦"ModelPackageName"⟧: "x",
    "InferenceSpecification": {"Containers": [{"Image": "i"}], "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}}]`);
  expectDiagnostics(text, "unknown-argument", "error");
});

test("unknown-argument: nested unknown members inside Arguments are reported too", () => {
  const text = definition(`[${PROCESSING_STEP("Prep")}]`).replace(`"VolumeSizeInGB": 30`, `⟦"VolumeSize"⟧: 30`);
  const [d] = expectDiagnostics(text, "unknown-argument", "error");
  assert.match(d.message, /Did you mean 'VolumeSizeInGB'\?/);
});

test("unknown-argument: members of a branch step's Arguments are checked", () => {
  const text = definition(`[{"Name": "C", "Type": "Condition", "Arguments": {"Conditions": [], "IfSteps": [
    {"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": "x", ⟦"Message"⟧: "y"}}], "ElseSteps": []}}]`);
  expectDiagnostics(text, "unknown-argument", "error");
});

test("unknown-argument: Lambda and Callback arguments are free-form", () => {
  const text = definition(`[{"Name": "L", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Arguments": {"anything": 1}}]`);
  expectDiagnostics(text, "unknown-argument", "error");
});
