import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, FAIL_STEP, PROCESSING_STEP } from "../../helpers/marked";

const failWith = (name: string, get: string) => `{"Name": "${name}", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "${get}"}}}`;

test("reference-unknown-step: the step name inside the Get string", () => {
  const [d] = expectDiagnostics(
    definition(`[${PROCESSING_STEP("Prep")}, ${failWith("F", "Steps.⟦Prepp⟧.ProcessingJobName")}]`),
    "reference-unknown-step",
    "error",
  );
  assert.match(d.message, /Did you mean 'Prep'\?/);
});

test("reference-unknown-parameter: the parameter name inside the Get string", () => {
  const params = `[{"Name": "InputData", "Type": "String", "DefaultValue": "s3://b/k"}]`;
  const [d] = expectDiagnostics(definition(`[${failWith("F", "Parameters.⟦InputDta⟧")}]`, params), "reference-unknown-parameter", "error");
  assert.match(d.message, /Did you mean 'InputData'\?/);
});

test("reference-unknown-execution-variable: Execution.X and PipelineExperimentConfig.X", () => {
  const text = definition(
    `[${failWith("F", "Execution.⟦PipelineExecutionID⟧")}, ${failWith("G", "PipelineExperimentConfig.⟦Trial⟧")}, ${failWith("H", "Execution.StartDateTime")}]`,
  );
  const [first] = expectDiagnostics(text, "reference-unknown-execution-variable", "error");
  assert.match(first.message, /Did you mean 'PipelineExecutionId'\?/);
});

test("reference-malformed: an unknown root and a bad path segment", () => {
  const text = definition(
    `[${PROCESSING_STEP("P")}, ${failWith("F", "Params.X").replace(`"Params.X"`, `⟦"Params.X"⟧`)}, ${failWith("G", "Steps.P.ProcessingOutputConfig⟦[train]⟧")}]`,
  );
  expectDiagnostics(text, "reference-malformed", "error");
});

test("reference-properties-segment: the Python '.Properties' segment, with the fixed path in data", () => {
  const text = definition(`[${PROCESSING_STEP("P")}, ${failWith("F", "Steps.P⟦.Properties⟧.ProcessingJobName")}]`);
  const [d] = expectDiagnostics(text, "reference-properties-segment", "error");
  assert.equal(d.data?.replacement, "Steps.P.ProcessingJobName");
  assert.deepEqual(expectDiagnostics(text.replace(/⟦|⟧/g, ""), "reference-invalid-property", "error"), []);
});

test("reference-invalid-property: the first segment that is not a property of the step type", () => {
  const text = definition(`[${PROCESSING_STEP("P")}, ${failWith("F", "Steps.P.ProcessingOutputConfig.Outputs['train'].S3Output.⟦S3Url⟧")}]`);
  const [d] = expectDiagnostics(text, "reference-invalid-property", "error");
  assert.match(d.message, /'S3Url' is not a property of S3Output\. Did you mean 'S3Uri'\?/);
});

test("reference-invalid-property: a Training path used on a Processing step", () => {
  const text = definition(`[${PROCESSING_STEP("P")}, ${failWith("F", "Steps.P.⟦ModelArtifacts⟧.S3ModelArtifacts")}]`);
  expectDiagnostics(text, "reference-invalid-property", "error");
});

test("reference-invalid-property: an index on a structure", () => {
  const text = definition(`[${PROCESSING_STEP("P")}, ${failWith("F", "Steps.P.AppSpecification⟦[0]⟧")}]`);
  const [d] = expectDiagnostics(text, "reference-invalid-property", "error");
  assert.match(d.message, /it is an object/);
});

test("reference-invalid-property: valid paths of several step types pass", () => {
  const text = definition(`[${PROCESSING_STEP("P")},
    ${failWith("A", "Steps.P.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri")},
    ${failWith("B", "Steps.P.ProcessingOutputConfig.Outputs[0].OutputName")},
    ${failWith("C", "Steps.P.ProcessingJobArn")}]`);
  expectDiagnostics(text, "reference-invalid-property", "error");
});

test("reference-unknown-output: Outputs['name'] that the processing step does not declare", () => {
  const text = definition(`[${PROCESSING_STEP("P")}, ${failWith("F", "Steps.P.ProcessingOutputConfig.Outputs['⟦trian⟧'].S3Output.S3Uri")}]`);
  const [d] = expectDiagnostics(text, "reference-unknown-output", "error");
  assert.match(d.message, /Did you mean 'train'\?/);
});

test("reference-unknown-output: OutputParameters['name'] of a Lambda step", () => {
  const lambda = `{"Name": "L", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Arguments": {},
    "OutputParameters": [{"OutputName": "out1", "OutputType": "String"}]}`;
  const text = definition(`[${lambda}, ${failWith("F", "Steps.L.OutputParameters['⟦out2⟧']")}, ${failWith("G", "Steps.L.OutputParameters['out1']")}]`);
  expectDiagnostics(text, "reference-unknown-output", "error");
});

test("property-file-unknown: an undeclared property file, and a property file of a non-Processing step", () => {
  const eval_ = PROCESSING_STEP("Eval", `, "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "train", "FilePath": "e.json"}]`);
  const condition = (file: string) => `{"Name": "C${file.length}", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "LessThan",
      "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "${file}"}, "Path": "mse"}}, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}`;
  const text = definition(
    `[${eval_}, ${FAIL_STEP("X")}, ${condition("Steps.Eval.PropertyFiles.⟦Reprt⟧")}, ${condition("Steps.⟦X⟧.PropertyFiles.R")}, ${condition("Steps.Eval.PropertyFiles.Report_")}]`.replace(
      "Report_",
      "Report",
    ),
  );
  const found = expectDiagnostics(text, "property-file-unknown", "error");
  assert.match(found[0].message, /Did you mean 'Report'\?/);
  assert.match(found[1].message, /a Fail/);
});

test("property-file-unknown-output: a PropertyFiles entry naming no output of the step", () => {
  const text = definition(
    `[${PROCESSING_STEP("Eval", `, "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": ⟦"evaluation"⟧, "FilePath": "e.json"}]`)}]`,
  );
  const [d] = expectDiagnostics(text, "property-file-unknown-output", "error");
  assert.match(d.message, /Outputs: train\./);
});
