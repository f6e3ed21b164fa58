/**
 * A request that fails leaves no trace: nesting deeper than the engine walks, null entries and wrong types in
 * list and structure members are the service's ValidationException (never a 500, never a pipeline or an
 * execution half made), and a write that fails on disk changes nothing in memory. Raw HTTP where the SDK
 * would not send such a body (it drops null list entries).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreatePipelineCommand, DescribePipelineCommand, ListPipelineExecutionsCommand, ListPipelinesCommand } from "@aws-sdk/client-sagemaker";
import { startEngine, type TestEngine } from "./helpers";
import { twoStepDefinition } from "./store-fixtures";
import { signedCall } from "../helpers/sign";

let t: TestEngine;
before(async () => {
  t = await startEngine();
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: "target",
      PipelineDefinition: twoStepDefinition({ parameters: [{ Name: "P", DefaultValue: "p" }] }),
      RoleArn: "arn:aws:iam::123456789012:role/Role",
      ClientRequestToken: "create-target-000000000000000",
    }),
  );
});
after(async () => t.engine.close());

/** A raw signed call: the SDK drops null list entries, so it cannot send these bodies. */
async function post(operation: string, body: string) {
  const { status, body: answer } = await signedCall(t.endpoint, t.engine.credentials, `SageMaker.${operation}`, body);
  return { status, body: answer };
}

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const createBody = (name: string, extra: string) =>
  `{"PipelineName":"${name}","RoleArn":"arn:aws:iam::123456789012:role/Role","PipelineDefinition":${JSON.stringify(twoStepDefinition())}${extra}}`;

async function pipelineNames(): Promise<string[]> {
  return ((await t.client.send(new ListPipelinesCommand({}))).PipelineSummaries ?? []).map((p) => p.PipelineName!);
}

async function executionCount(): Promise<number> {
  return ((await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "target" }))).PipelineExecutionSummaries ?? []).length;
}

test("requests: Tags and SelectiveExecutionConfig nested 20,000 deep are a ValidationException; nothing is created; the engine keeps answering", async () => {
  const tags = await post("CreatePipeline", createBody("deep", `,"Tags":[{"Key":"k","Value":${nested(20_000)}}]`));
  assert.equal(tags.status, 400);
  assert.equal(tags.body.__type, "ValidationException");
  assert.match(tags.body.message ?? "", /more than 64 levels deep/);
  assert.deepEqual(await pipelineNames(), ["target"]);

  for (const config of [`{"SelectedSteps":${nested(20_000)}}`, `{"SelectedSteps":[{"StepName":"First"}],"SourcePipelineExecutionArn":${nested(20_000)}}`]) {
    const started = await post("StartPipelineExecution", `{"PipelineName":"target","SelectiveExecutionConfig":${config}}`);
    assert.equal(started.status, 400, JSON.stringify(started.body));
    assert.equal(started.body.__type, "ValidationException");
  }
  assert.equal(await executionCount(), 0);
  // 64 levels is still a request (here an invalid one, for its content, not its depth).
  const shallow = await post("StartPipelineExecution", `{"PipelineName":"target","SelectiveExecutionConfig":{"SelectedSteps":${nested(62)}}}`);
  assert.equal(shallow.status, 400);
  assert.doesNotMatch(shallow.body.message ?? "", /levels deep/);
  assert.equal((await t.client.send(new DescribePipelineCommand({ PipelineName: "target" }))).PipelineName, "target");
  assert.equal(await executionCount(), 0);
});

test("requests: null entries and wrong types in list and structure members are a ValidationException naming the member", async () => {
  const cases: Array<[operation: string, body: string, member: RegExp]> = [
    ["CreatePipeline", createBody("nulltags", `,"Tags":[null]`), /'tags\.1\.member'.*must not be null/],
    ["CreatePipeline", createBody("nullkey", `,"Tags":[{"Key":null,"Value":"v"}]`), /'tags\.1\.member\.key'.*must not be null/],
    ["CreatePipeline", createBody("numberkey", `,"Tags":[{"Key":7,"Value":"v"}]`), /'tags\.1\.member\.key'.*must be a string/],
    ["CreatePipeline", createBody("tagsobject", `,"Tags":{"Key":"k"}`), /'tags'.*must be a list/],
    ["CreatePipeline", createBody("parallel", `,"ParallelismConfiguration":[]`), /'parallelismConfiguration'/],
    [
      "UpdatePipeline",
      `{"PipelineName":"target","ParallelismConfiguration":{"MaxParallelExecutionSteps":null}}`,
      /maxParallelExecutionSteps.*must not be null/,
    ],
    ["StartPipelineExecution", `{"PipelineName":"target","PipelineParameters":[null]}`, /'pipelineParameters\.1\.member'.*must not be null/],
    ["StartPipelineExecution", `{"PipelineName":"target","PipelineParameters":[{"Name":"P"}]}`, /'pipelineParameters\.1\.member\.value'/],
    ["StartPipelineExecution", `{"PipelineName":"target","PipelineParameters":[{"Name":"P","Value":{}}]}`, /must be a string/],
    ["StartPipelineExecution", `{"PipelineName":"target","PipelineParameters":"P=1"}`, /must be a list/],
    ["StartPipelineExecution", `{"PipelineName":"target","SelectiveExecutionConfig":{"SelectedSteps":[null]}}`, /selectedSteps\.1\.member/],
    ["StartPipelineExecution", `{"PipelineName":"target","SelectiveExecutionConfig":{"SelectedSteps":[]}}`, /selectedSteps.*greater than or equal to 1/],
    ["StartPipelineExecution", `{"PipelineName":"target","SelectiveExecutionConfig":[]}`, /must be a structure/],
    ["SendPipelineExecutionStepSuccess", `{"CallbackToken":"abcdefghij","OutputParameters":[null]}`, /'outputParameters\.1\.member'/],
    ["SendPipelineExecutionStepSuccess", `{"CallbackToken":"abcdefghij","OutputParameters":[{"Name":"n","Value":null}]}`, /outputParameters\.1\.member\.value/],
  ];
  for (const [operation, body, member] of cases) {
    const answer = await post(operation, body);
    assert.equal(answer.status, 400, `${operation} ${body.slice(0, 120)} → ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.__type, "ValidationException", operation);
    assert.match(answer.body.message ?? "", member, operation);
  }
  assert.deepEqual(await pipelineNames(), ["target"]);
  assert.equal(await executionCount(), 0);
  const described = await t.client.send(new DescribePipelineCommand({ PipelineName: "target" }));
  assert.equal(described.ParallelismConfiguration, undefined, "the failed UpdatePipeline changed nothing");
  assert.deepEqual(described.LastModifiedTime, described.CreationTime);
});

test("requests: a write that fails on disk leaves no phantom pipeline and no ghost execution", async () => {
  // A folder where the pipeline's temporary file must go makes its write fail.
  const blocker = join(t.root, "pipelines", `phantom.json.${process.pid}.tmp`);
  mkdirSync(blocker);
  const created = await post("CreatePipeline", createBody("phantom", ""));
  assert.equal(created.status, 500);
  assert.deepEqual(await pipelineNames(), ["target"]);
  assert.equal((await post("DescribePipeline", `{"PipelineName":"phantom"}`)).body.__type, "ResourceNotFound");
  rmSync(blocker, { recursive: true });
  assert.equal((await post("CreatePipeline", createBody("phantom", ""))).status, 200);

  // A file where the executions folder was: no execution can be recorded, so none is started or listed.
  const executions = join(t.root, "executions");
  renameSync(executions, `${executions}-away`);
  writeFileSync(executions, "not a folder");
  try {
    const started = await post("StartPipelineExecution", `{"PipelineName":"target"}`);
    assert.equal(started.status, 500);
    assert.equal(await executionCount(), 0);
    assert.equal(t.engine.context.runs.size, 0);
  } finally {
    rmSync(executions);
    renameSync(`${executions}-away`, executions);
  }
  assert.equal(t.runner.calls.length, 0);
});
