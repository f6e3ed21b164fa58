import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../../core/src";
import { definition, expectDiagnostics, FAIL_STEP, PROCESSING_STEP } from "../../helpers/marked";

const LAMBDA = (name: string, args: string) =>
  `{"Name": "${name}", "Type": "Lambda", "Arguments": ${args}, "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
    "OutputParameters": [{"OutputName": "score", "OutputType": "Float"}]}`;

const forEach = (body: string, selectorField = `{"Get": "IterationOutput.Score.OutputParameters['score']"}`, after = "") =>
  definition(
    `[{"Name": "Loop", "Type": "ForEach", "Arguments": {"IterableItems": {"Get": "Parameters.Items"}, "MaxConcurrency": 5,
       "Selector": {"Pick": "MaxBy", "Field": ${selectorField}}, "ForEachBody": [${body}]}}${after}]`,
    `[{"Name": "Items", "Type": "String", "DefaultValue": "[1, 2]"}]`,
  );

const errors = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === "error");

test("ForEach: the SDK v3 shape has no error; CurrentItem and IterationOutput references are checked, not called malformed", () => {
  const text = forEach(
    LAMBDA("Score", `{"item": {"Get": "ForEach.CurrentItem"}, "name": {"Get": "ForEach.CurrentItem.name"}, "rows": {"Get": "ForEach.CurrentItem['rows']"}}`),
    undefined,
    `, ${LAMBDA(
      "After",
      `{"best": {"Get": "Steps.Loop.Selected.OutputParameters['score']"}, "first": {"Get": "Steps.Loop.IterationOutputs[0].Score.OutputParameters['score']"},
        "n": {"Get": "Steps.Loop.InputItemCount"}, "status": {"Get": "Steps.Loop.Status"}}`,
    )}`,
  );
  assert.deepEqual(errors(text), []);
});

test("ForEach: a body step's own Arguments are checked as a step", () => {
  const text = forEach(`{"Name": "Score", "Type": "Lambda", "Arguments": {}, "FunctionArn": 5}`, `{"Get": "IterationOutput.Score.OutputParameters['x']"}`);
  assert.ok(errors(text).some((d) => d.code === "schema" && /FunctionArn/.test(d.message)));
});

test("IterationOutput: an unknown body step, an undeclared output, a step outside the body, a missing path", () => {
  expectDiagnostics(forEach(LAMBDA("Score", "{}"), `{"Get": "IterationOutput.⟦Scor⟧.OutputParameters['score']"}`), "reference-unknown-step", "error");
  expectDiagnostics(forEach(LAMBDA("Score", "{}"), `{"Get": "IterationOutput.Score.OutputParameters['⟦scor⟧']"}`), "reference-unknown-output", "error");
  expectDiagnostics(forEach(LAMBDA("Score", "{}"), `{"Get": "IterationOutput.Score.⟦Nope⟧"}`), "reference-invalid-property", "error");
  const [outside] = expectDiagnostics(
    forEach(LAMBDA("Score", "{}"), `{"Get": "IterationOutput.⟦Other⟧.OutputParameters['score']"}`, `, ${LAMBDA("Other", "{}")}`),
    "reference-unknown-step",
    "error",
  );
  assert.match(outside.message, /not a step of the ForEachBody of 'Loop'/);
  const [bare] = expectDiagnostics(forEach(LAMBDA("Score", "{}"), `{"Get": ⟦"IterationOutput.Score"⟧}`), "reference-malformed", "error");
  assert.match(bare.message, /names no output/);
});

test("ForEach.CurrentItem outside a ForEach body, and IterationOutput outside a ForEach step, are malformed", () => {
  const [item] = expectDiagnostics(definition(`[${LAMBDA("L", `{"x": {"Get": ⟦"ForEach.CurrentItem.name"⟧}}`)}]`), "reference-malformed", "error");
  assert.match(item.message, /only defined in a step of a ForEach step's ForEachBody/);
  expectDiagnostics(definition(`[${LAMBDA("L", `{"x": {"Get": ⟦"IterationOutput.L.OutputParameters['score']"⟧}}`)}]`), "reference-malformed", "error");
  expectDiagnostics(forEach(LAMBDA("Score", `{"x": {"Get": "ForEach.⟦Item⟧"}}`)), "reference-malformed", "error");
});

test("Cleanup: the SDK v3 shape has no error; its S3 sources are checked", () => {
  const cleanup = (args: string) =>
    definition(`[${PROCESSING_STEP("Prepare")}, {"Name": "Clean", "Type": "Cleanup", "Arguments": ${args}, "DependsOn": ["Prepare"]}]`);
  assert.deepEqual(errors(cleanup(`{"Resources": {"S3": [{"StepName": "Prepare", "S3Uris": ["s3://b/train/part-0.csv"]}]}}`)), []);
  assert.ok(errors(cleanup(`{"Resources": {"S3": []}}`)).some((d) => d.code === "schema"));
});

test("DependsOn {Step, Trigger} (SDK v3 run conditions) is accepted, and its step name is checked", () => {
  const withDeps = (deps: string) => definition(`[${FAIL_STEP("A")}, ${FAIL_STEP("B", `, "DependsOn": ${deps}`)}]`);
  assert.deepEqual(errors(withDeps(`[{"Step": "A", "Trigger": "Failed"}, "A"]`)), []);
  expectDiagnostics(withDeps(`[{"Step": ⟦"Z"⟧, "Trigger": "Any"}]`), "depends-on-unknown-step", "error");
  assert.ok(errors(withDeps(`[{"Step": "A", "Trigger": "Sometimes"}]`)).some((d) => d.code === "schema"));
});

test("QualityCheck and ClarifyCheck: null ModelPackageGroupName and supplied baselines (as the SDK writes them) are accepted", () => {
  const check = (type: string, extra: string) =>
    definition(`[{"Name": "C", "Type": "${type}", "CheckType": "${type === "QualityCheck" ? "DATA_QUALITY" : "DATA_BIAS"}", "Arguments": {
      "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
      "AppSpecification": {"ImageUri": "i"}, "RoleArn": "arn:aws:iam::123456789012:role/Role"},
      "ModelPackageGroupName": null, "SkipCheck": false, "FailOnViolation": true, "RegisterNewBaseline": false, "SuppliedBaselineConstraints": null${extra}}]`);
  assert.deepEqual(errors(check("QualityCheck", `, "SuppliedBaselineStatistics": null`)), []);
  assert.deepEqual(errors(check("ClarifyCheck", "")), []);
  assert.ok(errors(check("QualityCheck", `, "SuppliedBaselineStatistics": 5`)).some((d) => /string or null/.test(d.message)));
});

test("cache-unsupported-step-type does not fire on EMRServerless (SDK v3 caches it)", () => {
  const text = definition(
    `[{"Name": "S", "Type": "EMRServerless", "Arguments": {"ApplicationId": "a"}, "CacheConfig": {"Enabled": true, "ExpireAfter": "PT1H"}}]`,
  );
  expectDiagnostics(text, "cache-unsupported-step-type", "warning");
});

test("Job (SDK v3 JobStep): a reference may descend into JobConfigDocument; other paths follow DescribeJobResponse", () => {
  const job = (get: string) => definition(`[{"Name": "J", "Type": "Job", "Arguments": {"JobCategory": "x"}}, ${LAMBDA("L", `{"x": {"Get": "${get}"}}`)}]`);
  assert.deepEqual(errors(job("Steps.J.JobConfigDocument.OutputModelPackageArn")), []);
  assert.deepEqual(errors(job("Steps.J.JobArn")), []);
  expectDiagnostics(job("Steps.J.⟦NoSuchMember⟧"), "reference-invalid-property", "error");
});
