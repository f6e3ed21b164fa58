/**
 * Property-based fuzzing of the local engine's API: every operation with random and malformed members
 * (wrong types, huge strings, odd names, ARNs of other resources, random definitions) gets a 4xx with
 * the service's error type, never an internal error, and the engine keeps serving. Fixed seed; more
 * runs with FUZZ_SCALE.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { abaloneLikeDefinition, startEngine, type TestEngine } from "../engine/helpers";
import { signedFetch } from "../helpers/sign";
import { FUZZ_SCALE } from "./exercise";

const SEED = Number(process.env.FUZZ_SEED ?? 20240901);
let t: TestEngine;
let executionArn = "";
before(async () => {
  t = await startEngine();
  const post = (target: string, body: unknown) => call(target, JSON.stringify(body));
  await post("CreatePipeline", {
    PipelineName: "fuzz",
    PipelineDefinition: abaloneLikeDefinition(),
    RoleArn: "arn:aws:iam::123456789012:role/R",
    ClientRequestToken: "c".repeat(32),
  });
  executionArn = ((await post("StartPipelineExecution", { PipelineName: "fuzz" })).body as { PipelineExecutionArn: string }).PipelineExecutionArn;
});
after(async () => t.engine.close());

async function call(operation: string, body: string) {
  const response = await signedFetch(t.endpoint, t.engine.credentials, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `SageMaker.${operation}` },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const OPERATIONS = [
  "CreatePipeline",
  "UpdatePipeline",
  "DescribePipeline",
  "ListPipelines",
  "DeletePipeline",
  "StartPipelineExecution",
  "DescribePipelineExecution",
  "ListPipelineExecutions",
  "ListPipelineExecutionSteps",
  "ListPipelineParametersForExecution",
  "DescribePipelineDefinitionForExecution",
  "StopPipelineExecution",
  "SendPipelineExecutionStepSuccess",
  "SendPipelineExecutionStepFailure",
];
const MEMBERS = [
  "PipelineName",
  "PipelineDefinition",
  "RoleArn",
  "ClientRequestToken",
  "PipelineExecutionArn",
  "PipelineParameters",
  "SelectiveExecutionConfig",
  "ParallelismConfiguration",
  "NextToken",
  "MaxResults",
  "SortOrder",
  "SortBy",
  "CallbackToken",
  "OutputParameters",
  "FailureReason",
  "PipelineDisplayName",
  "PipelineExecutionDisplayName",
  "CreatedAfter",
  "CreatedBefore",
  "PipelineNamePrefix",
  "PipelineDefinitionS3Location",
  "Tags",
];
const ERROR_TYPES = new Set([
  "ValidationException",
  "ResourceNotFound",
  "ConflictException",
  "ResourceLimitExceeded",
  "SerializationException",
  "ResourceInUse",
]);

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    "fuzz",
    "",
    "x".repeat(5_000),
    "../../etc/passwd",
    "arn:aws:sagemaker:us-east-1:000000000000:pipeline/fuzz/execution/nope",
    "null",
    -1,
    0,
    1e308,
    "2020-12-01",
  ),
  fc.constant("EXECUTION"),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ Version: "2020-12-01", Steps: [v] })),
  fc.array(fc.record({ Name: fc.oneof(fc.string(), fc.integer()), Value: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.record(
    {
      SourcePipelineExecutionArn: fc.oneof(fc.string(), fc.constant("EXECUTION")),
      SelectedSteps: fc.array(fc.record({ StepName: fc.oneof(fc.string(), fc.constantFrom("Process", "Train")) }, { requiredKeys: [] }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
);
const body = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .dictionary(fc.oneof(fc.constantFrom(...MEMBERS), fc.string({ maxLength: 6 })), value, { maxKeys: 5 })
      .map((b) => JSON.stringify(b).replaceAll('"EXECUTION"', JSON.stringify(executionArn))),
  },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("", "{", "[]", "null", "1", '{"a":', "\u0000")) },
);

test("engine fuzz: random and malformed requests to every operation get the service's 4xx errors, never an internal error", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...OPERATIONS), body, async (operation, text) => {
      const { status, body: answer } = await call(operation, text);
      if (status === 200) return;
      assert.ok(status >= 400 && status < 500, `${operation} ${text.slice(0, 200)} → ${status} ${JSON.stringify(answer).slice(0, 300)}`);
      assert.ok(ERROR_TYPES.has(String(answer.__type)), `${operation} → ${String(answer.__type)}: ${String(answer.message).slice(0, 200)}`);
      assert.equal(typeof answer.message, "string");
    }),
    { seed: SEED, numRuns: 1_000 * FUZZ_SCALE },
  );
  // Still serving, and the pipeline made before is intact.
  const described = await call("DescribePipeline", JSON.stringify({ PipelineName: "fuzz" }));
  assert.ok(described.status === 200 || described.status === 400); // a fuzzed DeletePipeline may have removed it
  assert.equal((await call("ListPipelines", "{}")).status, 200);
});
