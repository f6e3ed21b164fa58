import { test, after } from "node:test";
import assert from "node:assert/strict";
import { CreatePipelineCommand, StartPipelineExecutionCommand, UpdatePipelineCommand } from "@aws-sdk/client-sagemaker";
import { abaloneLikeDefinition, failWith, startEngine, stepsOf, waitForExecution, type TestEngine } from "./helpers";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

async function setUp(name: string, cache = "PT1H"): Promise<TestEngine> {
  const t = await startEngine();
  engines.push(t);
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 1 } } }) } });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: abaloneLikeDefinition({ processCache: cache }),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: `${name}-${"0".repeat(30)}`,
    }),
  );
  return t;
}

async function run(t: TestEngine, name: string, parameters: Array<{ Name: string; Value: string }> = []) {
  t.clock.now += 1000;
  const arn = (await t.client.send(new StartPipelineExecutionCommand({ PipelineName: name, PipelineParameters: parameters }))).PipelineExecutionArn!;
  const execution = await waitForExecution(t.client, arn);
  return { arn, execution, steps: await stepsOf(t.client, arn) };
}

test("cache: a second run within ExpireAfter is a hit: no work, CacheHitResult names the first run", async () => {
  const t = await setUp("hit");
  const first = await run(t, "hit");
  const second = await run(t, "hit");
  assert.equal(second.execution.PipelineExecutionStatus, "Succeeded");
  assert.deepEqual(second.steps.Process.CacheHitResult, { SourcePipelineExecutionArn: first.arn });
  assert.equal(second.steps.Train.CacheHitResult, undefined, "Train has no CacheConfig");
  assert.deepEqual(t.runner.ran(second.arn).sort(), ["Eval", "Train"]);
  // A hit still feeds its outputs to the steps after it.
  const train = t.runner.calls.filter((c) => c.stepName === "Train").pop()!;
  assert.equal((train.arguments.InputDataConfig as any)[0].DataSource.S3DataSource.S3Uri, "s3://bucket/train");
});

test("cache: a change to a key attribute (after parameter resolution) is a miss; a non-key change is still a hit", async () => {
  const t = await setUp("keys");
  await run(t, "keys");
  const nonKey = await run(t, "keys", [{ Name: "InstanceType", Value: "ml.m5.4xlarge" }]);
  assert.ok(nonKey.steps.Process.CacheHitResult, "ProcessingResources is not a cache-key attribute");
  const key = await run(t, "keys", [{ Name: "InputData", Value: "s3://bucket/raw/other.csv" }]);
  assert.equal(key.steps.Process.CacheHitResult, undefined, "ProcessingInputs is a cache-key attribute");
  assert.ok(t.runner.ran(key.arn).includes("Process"));
});

test("cache: after ExpireAfter the step runs again; the latest matching run is the one reused", async () => {
  const t = await setUp("expiry", "PT1H");
  await run(t, "expiry");
  t.clock.now += 2 * 3600 * 1000;
  const expired = await run(t, "expiry");
  assert.equal(expired.steps.Process.CacheHitResult, undefined);
  const hit = await run(t, "expiry");
  assert.deepEqual(hit.steps.Process.CacheHitResult, { SourcePipelineExecutionArn: expired.arn });
});

test("cache: failed runs are never reused, and caching is per pipeline", async () => {
  const t = await setUp("failed");
  t.runner.behaviour.set("Process", failWith("boom"));
  const failed = await run(t, "failed");
  assert.equal(failed.execution.PipelineExecutionStatus, "Failed");
  assert.match(failed.execution.FailureReason ?? "", /Process: boom/);
  assert.equal(failed.steps.Train, undefined, "nothing after a failed step starts");
  t.runner.behaviour.delete("Process");
  const next = await run(t, "failed");
  assert.equal(next.steps.Process.CacheHitResult, undefined);
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: "twin",
      PipelineDefinition: abaloneLikeDefinition({ processCache: "PT1H" }),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: `twin-${"0".repeat(30)}`,
    }),
  );
  const twin = await run(t, "twin");
  assert.equal(twin.steps.Process.CacheHitResult, undefined, "another pipeline's run with the same key is not reused");
});

test("cache: turning caching off runs the step even with an identical key", async () => {
  const t = await setUp("off");
  await run(t, "off");
  await t.client.send(new UpdatePipelineCommand({ PipelineName: "off", PipelineDefinition: abaloneLikeDefinition() }));
  const again = await run(t, "off");
  assert.equal(again.steps.Process.CacheHitResult, undefined);
});
