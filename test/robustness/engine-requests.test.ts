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

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}
const DEEP = "[".repeat(20_000) + "]".repeat(20_000);

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  // Null entries and nulls in the structures of list members; nesting beyond the engine's bound.
  fc.constantFrom(
    [null],
    [null, { Name: "InputData", Value: "x" }],
    [{ Name: null, Value: "v" }],
    [{ Key: null, Value: "v" }],
    { SelectedSteps: [null] },
    {
      MaxParallelExecutionSteps: null,
    },
  ),
  fc.integer({ min: 60, max: 1_000 }).map(nested),
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
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `{"PipelineName":"fuzz","Tags":[{"Key":"k","Value":${DEEP}}]}`,
      `{"PipelineName":"fuzz","SelectiveExecutionConfig":{"SelectedSteps":${DEEP}}}`,
      `{"PipelineName":"fuzz","PipelineParameters":${DEEP}}`,
      `{"CallbackToken":"abcdefghij","OutputParameters":[${DEEP}]}`,
      `{"PipelineName":"fuzz","PipelineParameters":[null],"Tags":[null],"OutputParameters":[null]}`,
    ),
  },
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
  // No execution was left Executing without a run behind it (a request that failed left no ghost).
  for (const execution of t.engine.context.store.executions.values()) {
    if (execution.PipelineExecutionStatus === "Executing") assert.ok(t.engine.context.runs.has(execution.ExecutionId), execution.PipelineExecutionArn);
  }
});

test("engine requests: deep nesting is a ValidationException for every operation; null list entries are never an internal error", async () => {
  const members = ["Tags", "PipelineParameters", "OutputParameters", "SelectiveExecutionConfig", "ParallelismConfiguration", "PipelineName"];
  const nulls = [
    ...members.map((member) => `{"PipelineName":"fuzz","CallbackToken":"abcdefghij","${member}":[null]}`),
    `{"PipelineName":"fuzz","SelectiveExecutionConfig":{"SelectedSteps":[null]}}`,
    `{"PipelineName":"fuzz","PipelineParameters":[{"Name":null,"Value":null}]}`,
    `{"CallbackToken":"abcdefghij","OutputParameters":[{"Name":null,"Value":"v"}]}`,
  ];
  for (const operation of OPERATIONS) {
    for (const member of members) {
      const { status, body: answer } = await call(operation, `{"PipelineName":"fuzz","CallbackToken":"abcdefghij","${member}":${DEEP}}`);
      assert.equal(status, 400, `${operation} ${member} 20,000 deep → ${status}`);
      assert.equal(answer.__type, "ValidationException");
    }
    for (const text of nulls) {
      const { status, body: answer } = await call(operation, text);
      if (status === 200) continue; // a member the operation does not have is ignored, as the service does
      assert.ok(status >= 400 && status < 500, `${operation} ${text} → ${status} ${JSON.stringify(answer).slice(0, 300)}`);
      assert.ok(ERROR_TYPES.has(String(answer.__type)), `${operation} → ${String(answer.__type)}`);
    }
  }
  assert.equal((await call("ListPipelines", "{}")).status, 200);
});
