import { test } from "node:test";
import assert from "node:assert/strict";
import { codesOf, definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

const processing = (argumentsExtra: string) => definition(`[${PROCESSING_STEP("P", "", argumentsExtra)}]`);

test("value-too-long: an Environment value over ProcessingEnvironmentValue's 256 characters (the API model's max)", () => {
  const [d] = expectDiagnostics(processing(`, "Environment": {"OK": "${"x".repeat(256)}", "LONG": ⟦"${"x".repeat(257)}"⟧}`), "value-too-long", "error");
  assert.match(
    d.message,
    /^Steps\[0\]\.Arguments\.Environment\.LONG is 257 characters long; the API model allows at most 256\. CreatePipeline takes it, but the step fails/,
  );
  assert.deepEqual(d.data, { limit: 256, length: 257 });
});

test("value-too-long: ContainerArguments items (256), Training HyperParameters (2500), a model package group name (ArnOrName, 170)", () => {
  expectDiagnostics(
    processing(`, "AppSpecification": {"ImageUri": "i", "ContainerArguments": ["--a", ⟦"${"a".repeat(300)}"⟧]}`).replace(
      `"AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sklearn:1"},`,
      "",
    ),
    "value-too-long",
    "error",
  );
  const training = definition(`[{"Name": "T", "Type": "Training", "Arguments": {
    "AlgorithmSpecification": {"TrainingImage": "i", "TrainingInputMode": "File"},
    "RoleArn": "arn:aws:iam::123456789012:role/Role",
    "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
    "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
    "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    "HyperParameters": {"ok": "${"h".repeat(2500)}", "long": ⟦"${"h".repeat(2501)}"⟧}}}]`);
  expectDiagnostics(training, "value-too-long", "error");
  const model = definition(`[{"Name": "R", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": ⟦"${"g".repeat(171)}"⟧,
    "InferenceSpecification": {"Containers": [{"Image": "i"}], "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}}]`);
  expectDiagnostics(model, "value-too-long", "error");
});

test("value-too-long: the schema rule no longer reports lengths; expressions and template placeholders are not measured", () => {
  const text = processing(`, "Environment": {"LONG": "${"x".repeat(300)}", "E": {"Get": "Parameters.${"p".repeat(300)}"}, "T": "\${${"t".repeat(300)}}"}`);
  const codes = codesOf(text);
  assert.equal(codes.filter((c) => c === "value-too-long").length, 1);
  assert.equal(codes.includes("schema"), false);
});
