import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreatePipelineCommand,
  ListPipelineExecutionStepsCommand,
  SendPipelineExecutionStepFailureCommand,
  SendPipelineExecutionStepSuccessCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  DescribePipelineExecutionCommand,
} from "@aws-sdk/client-sagemaker";
import { StepJobError } from "../../engine/src/runners/runner";
import { LocalEngine, INTERRUPTED_REASON } from "../../engine/src/engine";
import { EngineRunningError } from "../../engine/src/lock";
import { abaloneLikeDefinition, RecordingRunner, startEngine, StepGate, stepsOf, until, waitForExecution, type TestEngine } from "./helpers";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

async function setUp(name: string, definition: string): Promise<TestEngine> {
  const t = await startEngine();
  engines.push(t);
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 1 } } }) } });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: definition,
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: `${name}-${"0".repeat(30)}`,
    }),
  );
  return t;
}

const failSteps = (names: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: "2020-12-01", Steps: names.map((n) => ({ Name: n, Type: "Fail", Arguments: { ErrorMessage: n }, ...extra })) });

test("stop: a running step is stopped and the execution ends Stopped", async () => {
  const t = await setUp("stop", abaloneLikeDefinition());
  const gate = new StepGate(); // Process runs until stopped: it is never released
  t.runner.behaviour.set("Process", gate.step);
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "stop" }))).PipelineExecutionArn!;
  await gate.whenHeld(1);
  assert.equal((await stepsOf(t.client, arn)).Process?.StepStatus, "Executing");
  await t.client.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "s".repeat(32) }));
  const execution = await waitForExecution(t.client, arn);
  assert.equal(execution.PipelineExecutionStatus, "Stopped");
  const steps = await stepsOf(t.client, arn);
  assert.equal(steps.Process.StepStatus, "Stopped");
  assert.equal(steps.Train, undefined);
  await assert.rejects(
    t.client.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "t".repeat(32) })),
    (e: Error) => e.name === "ConflictException",
  );
});

test("retry: a retryable failure is retried per the step's RetryPolicies; AttemptCount counts attempts", async () => {
  const definition = JSON.parse(abaloneLikeDefinition());
  definition.Steps[0].RetryPolicies = [{ ExceptionType: ["SageMaker.JOB_INTERNAL_ERROR"], IntervalSeconds: 0, BackoffRate: 1, MaxAttempts: 2 }];
  const t = await setUp("retry", JSON.stringify(definition));
  t.runner.behaviour.set("Process", (job, attempt) => {
    if (attempt < 3) throw new StepJobError("capacity hiccup", "SageMaker.JOB_INTERNAL_ERROR");
    return { properties: {}, runner: "test" };
  });
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "retry" }))).PipelineExecutionArn!;
  const execution = await waitForExecution(t.client, arn);
  assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  const steps = await stepsOf(t.client, arn);
  assert.equal(steps.Process.StepStatus, "Succeeded");
  assert.equal(steps.Process.AttemptCount, 3);
});

test("retry: a failure of the user's code is not retried; an exhausted policy fails the step", async () => {
  const definition = JSON.parse(abaloneLikeDefinition());
  definition.Steps[0].RetryPolicies = [{ ExceptionType: ["SageMaker.JOB_INTERNAL_ERROR"], IntervalSeconds: 0, MaxAttempts: 1 }];
  const t = await setUp("noretry", JSON.stringify(definition));
  t.runner.behaviour.set("Process", () => {
    throw new StepJobError("script exited with code 1");
  });
  const first = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "noretry" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, first);
  assert.equal((await stepsOf(t.client, first)).Process.AttemptCount, 1);
  t.runner.behaviour.set("Process", () => {
    throw new StepJobError("internal", "SageMaker.JOB_INTERNAL_ERROR");
  });
  const second = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "noretry" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, second);
  const steps = await stepsOf(t.client, second);
  assert.equal(steps.Process.StepStatus, "Failed");
  assert.equal(steps.Process.AttemptCount, 2);
});

test("callback: the step waits for SendPipelineExecutionStepSuccess, whose outputs later steps read", async () => {
  const definition = JSON.stringify({
    Version: "2020-12-01",
    Steps: [
      {
        Name: "Wait",
        Type: "Callback",
        SqsQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
        Arguments: { x: "1" },
        OutputParameters: [{ OutputName: "answer", OutputType: "String" }],
      },
      {
        Name: "Report",
        Type: "Fail",
        Arguments: { ErrorMessage: { "Std:Join": { On: "=", Values: ["answer", { Get: "Steps.Wait.OutputParameters['answer']" }] } } },
      },
    ],
  });
  const t = await setUp("callback", definition);
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "callback" }))).PipelineExecutionArn!;
  // The engine announces the token only in the step's record.
  const token = await until(
    "the callback token",
    async () => (await stepsOf(t.client, arn)).Wait?.Metadata?.Callback?.CallbackToken ?? "",
    (token) => token.length === 10,
  );
  await t.client.send(new SendPipelineExecutionStepSuccessCommand({ CallbackToken: token, OutputParameters: [{ Name: "answer", Value: "42" }] }));
  const execution = await waitForExecution(t.client, arn);
  assert.match(execution.FailureReason ?? "", /answer=42/);
  const steps = await stepsOf(t.client, arn);
  assert.equal(steps.Wait.StepStatus, "Succeeded");
  assert.deepEqual(steps.Wait.Metadata?.Callback?.OutputParameters, [{ Name: "answer", Value: "42" }]);
  await assert.rejects(
    t.client.send(new SendPipelineExecutionStepFailureCommand({ CallbackToken: token, FailureReason: "late" })),
    (e: Error) => e.name === "ValidationException",
  );
});

test("parallelism: independent steps run together, at most MaxParallelExecutionSteps at once", async () => {
  const steps = Array.from({ length: 6 }, (_, i) => ({
    Name: `P${i}`,
    Type: "Processing",
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: { ImageUri: "i" },
      RoleArn: "arn:aws:iam::123456789012:role/R",
    },
  }));
  const t = await setUp("fan", JSON.stringify({ Version: "2020-12-01", Steps: steps }));
  // Each step is held until `batch` steps are running, then they all finish: with a limit of 2 the steps
  // run in pairs; without one all 6 run together. (The engine starts the steps it can in one pass, so one
  // step too many would be running before the batch is let go.)
  const gate = new StepGate();
  let batch = 2;
  for (const s of steps) {
    t.runner.behaviour.set(s.Name, async (job) => {
      const held = gate.step(job);
      if (gate.held.length === batch) gate.release();
      return held;
    });
  }
  const limited = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "fan", ParallelismConfiguration: { MaxParallelExecutionSteps: 2 } })))
    .PipelineExecutionArn!;
  assert.equal((await waitForExecution(t.client, limited)).PipelineExecutionStatus, "Succeeded");
  assert.equal(t.runner.maxConcurrent, 2);
  t.runner.maxConcurrent = 0;
  batch = 6;
  const open = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "fan" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, open);
  assert.equal(t.runner.maxConcurrent, 6);
});

test("unsupported step types fail with a reason naming what local mode supports", async () => {
  const definition = JSON.stringify({
    Version: "2020-12-01",
    Steps: [{ Name: "L", Type: "Lambda", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", Arguments: {} }],
  });
  const t = await setUp("lambda", definition);
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "lambda" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, arn);
  const steps = await stepsOf(t.client, arn);
  assert.match(steps.L.FailureReason ?? "", /Step type Lambda is not supported in local mode\. Supported step types: Processing, Training/);
});

test("a failed step fails the execution after the steps already running finish", async () => {
  const t = await setUp(
    "two",
    failSteps(["A"]).replace(
      `]}`,
      `, {"Name": "Slow", "Type": "Processing", "Arguments": {"ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 1}}, "AppSpecification": {"ImageUri": "i"}, "RoleArn": "arn:aws:iam::123456789012:role/R"}}]}`,
    ),
  );
  const gate = new StepGate();
  t.runner.behaviour.set("Slow", gate.step);
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "two" }))).PipelineExecutionArn!;
  await gate.whenHeld(1);
  await until(
    "step A to fail",
    () => stepsOf(t.client, arn),
    (steps) => steps.A?.StepStatus === "Failed",
  );
  assert.equal(
    (await t.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus,
    "Executing",
    "Slow is still running",
  );
  gate.release();
  const execution = await waitForExecution(t.client, arn);
  assert.equal(execution.PipelineExecutionStatus, "Failed");
  assert.equal((await stepsOf(t.client, arn)).Slow.StepStatus, "Succeeded");
});

test("recovery: a restarted engine marks interrupted executions and their running steps Failed; finished ones are intact", async () => {
  const t = await setUp("crash", abaloneLikeDefinition());
  const done = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "crash" }))).PipelineExecutionArn!;
  await waitForExecution(t.client, done);
  const gate = new StepGate(); // Process never finishes on its own: the "crash" comes first
  t.runner.behaviour.set("Process", gate.step);
  const interrupted = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "crash" }))).PipelineExecutionArn!;
  await gate.whenHeld(1);
  // While the first engine lives, a second one on its store is refused and recovers (fails) nothing.
  assert.throws(() => new LocalEngine({ root: t.root, runner: new RecordingRunner() }), EngineRunningError);
  assert.equal(
    ((await t.engine.operations.DescribePipelineExecution({ PipelineExecutionArn: interrupted })) as { PipelineExecutionStatus: string })
      .PipelineExecutionStatus,
    "Executing",
  );
  // What a restart after a kill sees: the store's lock names a process that is gone.
  writeFileSync(join(t.root, "engine.lock"), JSON.stringify({ pid: spawnSync(process.execPath, ["-e", ""]).pid, startedAt: Date.now(), nonce: "killed" }));
  const restarted = new LocalEngine({ root: t.root, runner: new RecordingRunner() });
  const ops = restarted.operations;
  const after = (await ops.DescribePipelineExecution({ PipelineExecutionArn: interrupted })) as { PipelineExecutionStatus: string; FailureReason: string };
  assert.equal(after.PipelineExecutionStatus, "Failed");
  assert.equal(after.FailureReason, INTERRUPTED_REASON);
  const steps = (await ops.ListPipelineExecutionSteps({ PipelineExecutionArn: interrupted })) as {
    PipelineExecutionSteps: Array<{ StepName: string; StepStatus: string }>;
  };
  assert.deepEqual(
    steps.PipelineExecutionSteps.map((s) => [s.StepName, s.StepStatus]),
    [["Process", "Failed"]],
  );
  const finished = (await ops.ListPipelineExecutionSteps({ PipelineExecutionArn: done })) as { PipelineExecutionSteps: Array<{ StepStatus: string }> };
  assert.equal(finished.PipelineExecutionSteps.length, 5);
  assert.ok(finished.PipelineExecutionSteps.every((s) => s.StepStatus === "Succeeded"));
  void ListPipelineExecutionStepsCommand;
});
