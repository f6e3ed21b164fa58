/**
 * Concurrent executions of the same pipeline on the local engine: they overlap, keep their own
 * parameters, steps, jobs, outputs and records, one can be stopped without touching the others, an
 * update of the pipeline while they run does not change their definitions, and concurrent starts with
 * one ClientRequestToken make one execution. (Kill and restart: test/cli/serve.test.ts and
 * test/engine/lifecycle.test.ts; malformed requests, loopback-only binds and object-store escapes:
 * test/engine/protocol.test.ts.)
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreatePipelineCommand,
  DescribePipelineDefinitionForExecutionCommand,
  ListPipelineExecutionsCommand,
  ListPipelineParametersForExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  UpdatePipelineCommand,
} from "@aws-sdk/client-sagemaker";
import { abaloneLikeDefinition, startEngine, StepGate, stepsOf, waitForExecution, type TestEngine } from "../engine/helpers";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

const CONCURRENT = 8;

async function setUp(name: string): Promise<TestEngine> {
  const t = await startEngine();
  engines.push(t);
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 1 } } }) } });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: `${name}-${"0".repeat(30)}`,
    }),
  );
  return t;
}

test("concurrency: executions of one pipeline started together overlap and keep their own parameters, steps, jobs and records", async () => {
  const t = await setUp("together");
  // Every execution's first step is held until all of them are running: they are all in flight at once.
  const gate = new StepGate();
  const work = t.runner.run.bind(t.runner);
  t.runner.run = async (job) => {
    if (job.stepName === "Process") await gate.hold(job);
    return work(job);
  };
  void gate.whenHeld(CONCURRENT).then(() => gate.open());
  const arns = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      t.client
        .send(new StartPipelineExecutionCommand({ PipelineName: "together", PipelineParameters: [{ Name: "MaxDepth", Value: String(i + 1) }] }))
        .then((r) => r.PipelineExecutionArn!),
    ),
  );
  assert.equal(new Set(arns).size, CONCURRENT);
  const executions = await Promise.all(arns.map((arn) => waitForExecution(t.client, arn)));
  assert.deepEqual(
    executions.map((e) => e.PipelineExecutionStatus),
    Array(CONCURRENT).fill("Succeeded"),
  );
  assert.ok(t.runner.maxConcurrent > 1, `at most ${t.runner.maxConcurrent} step(s) ran at once`);

  const jobNames = new Set<string>();
  for (const [i, arn] of arns.entries()) {
    const id = arn.split("/").pop()!;
    const steps = await stepsOf(t.client, arn);
    assert.deepEqual(Object.keys(steps).sort(), ["Check", "Eval", "Process", "Register", "Train"], arn);
    assert.ok(Object.values(steps).every((s) => s.StepStatus === "Succeeded" && s.AttemptCount === 1));
    // Each execution ran each of its steps once, with its own parameters and its own upstream outputs.
    const calls = t.runner.calls.filter((c) => c.executionId === id);
    assert.deepEqual(calls.map((c) => c.stepName).sort(), ["Eval", "Process", "Train"]);
    const train = calls.find((c) => c.stepName === "Train")!;
    assert.deepEqual(train.arguments.HyperParameters, { max_depth: String(i + 1) });
    const evalModel = (calls.find((c) => c.stepName === "Eval")!.arguments.ProcessingInputs as Array<{ S3Input: { S3Uri: string } }>)[0].S3Input.S3Uri;
    assert.equal(evalModel, `s3://bucket/model/${train.jobName}/output/model.tar.gz`);
    for (const c of calls) jobNames.add(c.jobName);
    assert.match(steps.Train.Metadata?.TrainingJob?.Arn ?? "", new RegExp(`${train.jobName}$`, "i"));
    const parameters = await t.client.send(new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: arn }));
    assert.equal(parameters.PipelineParameters?.find((p) => p.Name === "MaxDepth")?.Value, String(i + 1));
  }
  assert.equal(jobNames.size, CONCURRENT * 3, "job names are unique across executions");
  const listed = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "together", MaxResults: 100 }));
  assert.deepEqual(new Set(listed.PipelineExecutionSummaries?.map((s) => s.PipelineExecutionArn)), new Set(arns));
  // The registered model versions are numbered without gaps or duplicates, whatever the interleaving.
  const versions = await Promise.all(arns.map(async (arn) => (await stepsOf(t.client, arn)).Register.Metadata?.RegisterModel?.Arn?.split("/").pop()));
  assert.deepEqual(
    versions.map(Number).sort((a, b) => a - b),
    Array.from({ length: CONCURRENT }, (_, i) => i + 1),
  );
});

test("concurrency: stopping one execution leaves the others running to success; an update while they run keeps their definitions", async () => {
  const t = await setUp("stop-one");
  // Every execution's Process step runs until the test releases it (or stops its execution), so the stop
  // and the update land while all four are running.
  const gate = new StepGate();
  t.runner.behaviour.set("Process", gate.step);
  const start = () => t.client.send(new StartPipelineExecutionCommand({ PipelineName: "stop-one" })).then((r) => r.PipelineExecutionArn!);
  const first = await start();
  const victim = first.split("/").pop()!;
  const others = await Promise.all([start(), start(), start()]);
  await gate.whenHeld(4);
  const updated = abaloneLikeDefinition({ processCache: "P1D" });
  await t.client.send(new UpdatePipelineCommand({ PipelineName: "stop-one", PipelineDefinition: updated }));
  await t.client.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: first, ClientRequestToken: "s".repeat(32) }));
  assert.equal((await waitForExecution(t.client, first)).PipelineExecutionStatus, "Stopped");
  assert.deepEqual(gate.held.map((job) => job.executionId).sort(), others.map((arn) => arn.split("/").pop()).sort(), "the others are still running");
  assert.ok(!gate.held.some((job) => job.executionId === victim));
  gate.open();
  for (const arn of others) {
    assert.equal((await waitForExecution(t.client, arn)).PipelineExecutionStatus, "Succeeded");
    const definition = await t.client.send(new DescribePipelineDefinitionForExecutionCommand({ PipelineExecutionArn: arn }));
    assert.equal(definition.PipelineDefinition, abaloneLikeDefinition(), "an execution keeps the definition it started with");
  }
  const after = await start();
  assert.equal((await waitForExecution(t.client, after)).PipelineExecutionStatus, "Succeeded");
  assert.equal((await t.client.send(new DescribePipelineDefinitionForExecutionCommand({ PipelineExecutionArn: after }))).PipelineDefinition, updated);
});

test("concurrency: starts with one ClientRequestToken at the same moment make one execution", async () => {
  const t = await setUp("token");
  const token = "t".repeat(32);
  const arns = await Promise.all(
    Array.from({ length: CONCURRENT }, () =>
      t.client.send(new StartPipelineExecutionCommand({ PipelineName: "token", ClientRequestToken: token })).then((r) => r.PipelineExecutionArn!),
    ),
  );
  assert.equal(new Set(arns).size, 1);
  assert.equal((await waitForExecution(t.client, arns[0])).PipelineExecutionStatus, "Succeeded");
  const listed = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "token" }));
  assert.equal(listed.PipelineExecutionSummaries?.length, 1);
});
