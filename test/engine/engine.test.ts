import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreatePipelineCommand,
  DescribePipelineCommand,
  DescribePipelineDefinitionForExecutionCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionsCommand,
  ListPipelineParametersForExecutionCommand,
  ListPipelinesCommand,
  StartPipelineExecutionCommand,
  UpdatePipelineCommand,
  DeletePipelineCommand,
} from "@aws-sdk/client-sagemaker";
import { abaloneLikeDefinition, startEngine, stepsOf, waitForExecution, type TestEngine } from "./helpers";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

async function setUp(name: string, definition = abaloneLikeDefinition(), mse = 3): Promise<TestEngine> {
  const t = await startEngine();
  engines.push(t);
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: mse } } }) } });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: definition,
      RoleArn: "arn:aws:iam::123456789012:role/Role",
      ClientRequestToken: `create-${name}-000000000000000000000000`,
    }),
  );
  return t;
}

test("engine: a full run succeeds, outputs flow between steps, the condition takes the if-branch", async () => {
  const { client, runner } = await setUp("full");
  const { PipelineExecutionArn: arn } = await client.send(new StartPipelineExecutionCommand({ PipelineName: "full", ClientRequestToken: "a".repeat(32) }));
  const execution = await waitForExecution(client, arn!);
  assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  assert.deepEqual(execution.PipelineExperimentConfig, { ExperimentName: "full", TrialName: arn!.split("/").pop() });
  const steps = await stepsOf(client, arn!);
  assert.deepEqual(Object.keys(steps).sort(), ["Check", "Eval", "Process", "Register", "Train"]);
  assert.ok(Object.values(steps).every((s) => s.StepStatus === "Succeeded" && s.AttemptCount === 1 && s.StartTime instanceof Date));
  assert.equal(steps.Check.Metadata?.Condition?.Outcome, "True");
  assert.match(steps.Register.Metadata?.RegisterModel?.Arn ?? "", /model-package\/abalone\/1$/);
  assert.match(steps.Train.Metadata?.TrainingJob?.Arn ?? "", /training-job\/pipelines-/);
  const train = runner.calls.find((c) => c.stepName === "Train")!;
  assert.equal((train.arguments.InputDataConfig as any)[0].DataSource.S3DataSource.S3Uri, "s3://bucket/train");
  assert.deepEqual(train.arguments.HyperParameters, { max_depth: "5" });
  const evalInputs = (runner.calls.find((c) => c.stepName === "Eval")!.arguments.ProcessingInputs as any[]).map((i) => i.S3Input.S3Uri);
  assert.deepEqual(evalInputs, [`s3://bucket/model/${train.jobName}/output/model.tar.gz`, "s3://bucket/test"]);
});

test("engine: parameters — defaults, overrides, type checks, listing, and the definition snapshot", async () => {
  const { client } = await setUp("params");
  const { PipelineExecutionArn: arn } = await client.send(
    new StartPipelineExecutionCommand({ PipelineName: "params", PipelineParameters: [{ Name: "MaxDepth", Value: "7" }] }),
  );
  await waitForExecution(client, arn!);
  const parameters = await client.send(new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: arn }));
  assert.deepEqual(parameters.PipelineParameters, [
    { Name: "InputData", Value: "s3://bucket/raw/data.csv" },
    { Name: "InstanceType", Value: "ml.m5.xlarge" },
    { Name: "MaxDepth", Value: "7" },
    { Name: "Threshold", Value: "6" },
  ]);
  const definition = await client.send(new DescribePipelineDefinitionForExecutionCommand({ PipelineExecutionArn: arn }));
  assert.equal(definition.PipelineDefinition, abaloneLikeDefinition());
  await assert.rejects(
    client.send(new StartPipelineExecutionCommand({ PipelineName: "params", PipelineParameters: [{ Name: "MaxDepth", Value: "deep" }] })),
    (e: Error) => e.name === "ValidationException" && /not an Integer/.test(e.message),
  );
  await assert.rejects(
    client.send(new StartPipelineExecutionCommand({ PipelineName: "params", PipelineParameters: [{ Name: "Nope", Value: "1" }] })),
    (e: Error) => e.name === "ValidationException" && /'Nope' is not defined/.test(e.message),
  );
});

test("engine: the else-branch Fail step fails the execution with its message", async () => {
  const { client } = await setUp("fail", abaloneLikeDefinition(), 9);
  const { PipelineExecutionArn: arn } = await client.send(new StartPipelineExecutionCommand({ PipelineName: "fail" }));
  const execution = await waitForExecution(client, arn!);
  assert.equal(execution.PipelineExecutionStatus, "Failed");
  assert.match(execution.FailureReason ?? "", /MSE above 6/);
  const steps = await stepsOf(client, arn!);
  assert.equal(steps.Check.Metadata?.Condition?.Outcome, "False");
  assert.equal(steps.TooHigh.StepStatus, "Failed");
  assert.equal(steps.TooHigh.Metadata?.Fail?.ErrorMessage, "MSE above 6");
  assert.equal(steps.Register, undefined, "the branch not taken does not run");
});

test("engine: ClientRequestToken makes StartPipelineExecution idempotent", async () => {
  const { client } = await setUp("idem");
  const token = "b".repeat(32);
  const first = await client.send(new StartPipelineExecutionCommand({ PipelineName: "idem", ClientRequestToken: token }));
  const second = await client.send(new StartPipelineExecutionCommand({ PipelineName: "idem", ClientRequestToken: token }));
  assert.equal(first.PipelineExecutionArn, second.PipelineExecutionArn);
  await waitForExecution(client, first.PipelineExecutionArn!);
  const list = await client.send(new ListPipelineExecutionsCommand({ PipelineName: "idem" }));
  assert.equal(list.PipelineExecutionSummaries?.length, 1);
});

test("engine: pipelines — describe, update (new version), list, delete, unknown names", async () => {
  const { client } = await setUp("crud");
  const described = await client.send(new DescribePipelineCommand({ PipelineName: "crud" }));
  assert.equal(described.PipelineStatus, "Active");
  assert.equal(described.PipelineDefinition, abaloneLikeDefinition());
  const updated = await client.send(new UpdatePipelineCommand({ PipelineName: "crud", PipelineDefinition: abaloneLikeDefinition({ processCache: "P1D" }) }));
  assert.equal(updated.PipelineVersionId, 2);
  const list = await client.send(new ListPipelinesCommand({}));
  assert.deepEqual(
    list.PipelineSummaries?.map((p) => p.PipelineName),
    ["crud"],
  );
  await assert.rejects(
    client.send(
      new CreatePipelineCommand({
        PipelineName: "crud",
        PipelineDefinition: abaloneLikeDefinition(),
        RoleArn: "arn:aws:iam::123456789012:role/R",
        ClientRequestToken: "c".repeat(32),
      }),
    ),
    (e: Error) => e.name === "ValidationException" && /already exists/.test(e.message),
  );
  await assert.rejects(
    client.send(new DescribePipelineCommand({ PipelineName: "nope" })),
    (e: Error) => e.name === "ResourceNotFound" && /does not exist/.test(e.message),
  );
  await assert.rejects(client.send(new StartPipelineExecutionCommand({ PipelineName: "nope" })), (e: Error) => e.name === "ResourceNotFound");
  await client.send(new DeletePipelineCommand({ PipelineName: "crud", ClientRequestToken: "d".repeat(32) }));
  await assert.rejects(client.send(new DescribePipelineCommand({ PipelineName: "crud" })), (e: Error) => e.name === "ResourceNotFound");
});

test("engine: a definition with errors is refused like the service does", async () => {
  const { client } = await setUp("valid");
  const broken = abaloneLikeDefinition().replace(`"Get":"Parameters.MaxDepth"`, `"Get":"Parameters.Depth"`);
  await assert.rejects(
    client.send(
      new CreatePipelineCommand({
        PipelineName: "broken",
        PipelineDefinition: broken,
        RoleArn: "arn:aws:iam::123456789012:role/R",
        ClientRequestToken: "e".repeat(32),
      }),
    ),
    (e: Error) => e.name === "ValidationException" && /Unable to parse pipeline definition\. 'Depth' is not a parameter/.test(e.message),
  );
});

test("engine: ListPipelineExecutions sorts and pages", async () => {
  const t = await setUp("pages");
  const arns: string[] = [];
  for (let i = 0; i < 3; i++) {
    t.clock.now += 1000;
    arns.push((await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "pages" }))).PipelineExecutionArn!);
  }
  for (const arn of arns) await waitForExecution(t.client, arn);
  const first = await t.client.send(
    new ListPipelineExecutionsCommand({ PipelineName: "pages", SortBy: "CreationTime", SortOrder: "Descending", MaxResults: 2 }),
  );
  assert.deepEqual(
    first.PipelineExecutionSummaries?.map((s) => s.PipelineExecutionArn),
    [arns[2], arns[1]],
  );
  assert.ok(first.NextToken);
  const second = await t.client.send(
    new ListPipelineExecutionsCommand({ PipelineName: "pages", SortBy: "CreationTime", SortOrder: "Descending", MaxResults: 2, NextToken: first.NextToken }),
  );
  assert.deepEqual(
    second.PipelineExecutionSummaries?.map((s) => s.PipelineExecutionArn),
    [arns[0]],
  );
  assert.equal(second.NextToken, undefined);
  const ascending = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "pages", SortOrder: "Ascending" }));
  assert.deepEqual(
    ascending.PipelineExecutionSummaries?.map((s) => s.PipelineExecutionArn),
    arns,
  );
  assert.ok(ascending.PipelineExecutionSummaries?.every((s) => s.PipelineExecutionStatus === "Succeeded"));
  void DescribePipelineExecutionCommand;
});
