import { test, after } from "node:test";
import assert from "node:assert/strict";
import { CreatePipelineCommand, DescribePipelineExecutionCommand, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { abaloneLikeDefinition, startEngine, stepsOf, waitForExecution, type TestEngine } from "./helpers";

let t: TestEngine;
let reference: string;
after(async () => t.engine.close());

test("selective: setup — a full run to refer to", async () => {
  t = await startEngine();
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 2 } } }) } });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: "sel",
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: "f".repeat(32),
    }),
  );
  reference = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "sel" }))).PipelineExecutionArn!;
  assert.equal((await waitForExecution(t.client, reference)).PipelineExecutionStatus, "Succeeded");
});

test("selective: Train+Eval with a reference reuses Process, runs Train and Eval, and nothing downstream", async () => {
  const config = { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: "Train" }, { StepName: "Eval" }] };
  const arn = (
    await t.client.send(
      new StartPipelineExecutionCommand({ PipelineName: "sel", SelectiveExecutionConfig: config, PipelineParameters: [{ Name: "MaxDepth", Value: "8" }] }),
    )
  ).PipelineExecutionArn!;
  const execution = await waitForExecution(t.client, arn);
  assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  assert.deepEqual(execution.SelectiveExecutionConfig, config);
  const steps = await stepsOf(t.client, arn);
  assert.deepEqual(Object.keys(steps).sort(), ["Eval", "Process", "Train"]);
  assert.deepEqual(steps.Process.SelectiveExecutionResult, { SourcePipelineExecutionArn: reference });
  assert.equal(steps.Process.StepStatus, "Succeeded");
  assert.equal(steps.Train.SelectiveExecutionResult, undefined);
  assert.deepEqual(t.runner.ran(arn).sort(), ["Eval", "Train"]);
  // The reused step's outputs are what Train reads.
  const train = t.runner.calls.filter((c) => c.stepName === "Train").pop()!;
  assert.equal((train.arguments.InputDataConfig as any)[0].DataSource.S3DataSource.S3Uri, "s3://bucket/train");
  assert.deepEqual(train.arguments.HyperParameters, { max_depth: "8" });
});

test("selective: Train+Check without Eval is refused: every step between two selected steps must be selected", async () => {
  await assert.rejects(
    t.client.send(
      new StartPipelineExecutionCommand({
        PipelineName: "sel",
        SelectiveExecutionConfig: { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: "Train" }, { StepName: "Check" }] },
      }),
    ),
    (e: Error) => e.name === "ValidationException" && /Steps \[Eval\] lie between the selected steps \[Train, Check\]/.test(e.message),
  );
});

test("selective: Process+Train needs no reference", async () => {
  const arn = (
    await t.client.send(
      new StartPipelineExecutionCommand({ PipelineName: "sel", SelectiveExecutionConfig: { SelectedSteps: [{ StepName: "Process" }, { StepName: "Train" }] } }),
    )
  ).PipelineExecutionArn!;
  assert.equal((await waitForExecution(t.client, arn)).PipelineExecutionStatus, "Succeeded");
  assert.deepEqual(Object.keys(await stepsOf(t.client, arn)).sort(), ["Process", "Train"]);
});

test("selective: a step with upstream dependencies and no reference is refused as the service does", async () => {
  await assert.rejects(
    t.client.send(new StartPipelineExecutionCommand({ PipelineName: "sel", SelectiveExecutionConfig: { SelectedSteps: [{ StepName: "Train" }] } })),
    (e: Error) =>
      e.name === "ValidationException" &&
      /Invalid SourcePipelineExecutionArn: null\. The selected steps \[Train\] have dependencies on \[Process\]/.test(e.message),
  );
});

test("selective: unknown steps, other pipelines' executions and running references are refused", async () => {
  const start = (config: object) => t.client.send(new StartPipelineExecutionCommand({ PipelineName: "sel", SelectiveExecutionConfig: config as never }));
  await assert.rejects(start({ SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: "Trian" }] }), /not in the pipeline definition/);
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: "other",
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: "g".repeat(32),
    }),
  );
  const foreign = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "other" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, foreign);
  await assert.rejects(start({ SourcePipelineExecutionArn: foreign, SelectedSteps: [{ StepName: "Train" }] }), /another pipeline/);
  // A reference that is still running.
  let release!: () => void;
  t.runner.behaviour.set("Process", () => new Promise((resolve) => (release = () => resolve({ properties: {}, runner: "test" }))));
  const running = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "sel" }))).PipelineExecutionArn!;
  await assert.rejects(
    start({ SourcePipelineExecutionArn: running, SelectedSteps: [{ StepName: "Train" }] }),
    /is Executing; the reference execution must be Succeeded, Failed or Stopped/,
  );
  t.runner.behaviour.delete("Process");
  release();
  await waitForExecution(t.client, running);
});

test("selective: a branch step can be selected; its Condition is reused from the reference", async () => {
  const arn = (
    await t.client.send(
      new StartPipelineExecutionCommand({
        PipelineName: "sel",
        SelectiveExecutionConfig: { SourcePipelineExecutionArn: reference, SelectedSteps: [{ StepName: "Register" }] },
      }),
    )
  ).PipelineExecutionArn!;
  const execution = await waitForExecution(t.client, arn);
  assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  const steps = await stepsOf(t.client, arn);
  assert.equal(steps.Register.StepStatus, "Succeeded");
  assert.ok(steps.Check.SelectiveExecutionResult);
  void DescribePipelineExecutionCommand;
});
