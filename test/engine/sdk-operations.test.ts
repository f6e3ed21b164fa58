import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  AddTagsCommand,
  CreatePipelineCommand,
  DeleteTagsCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListPipelineVersionsCommand,
  ListTagsCommand,
  RetryPipelineExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  UpdatePipelineCommand,
  UpdatePipelineExecutionCommand,
} from "@aws-sdk/client-sagemaker";
import { abaloneLikeDefinition, failWith, startEngine, StepGate, stepsOf, waitForExecution, type TestEngine } from "./helpers";

/** The operations the SageMaker Python SDK's Pipeline and execution classes call beyond the basics, over HTTP with the AWS SDK. */

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));
const ROLE = "arn:aws:iam::123456789012:role/Role";

async function setUp(name: string, tags?: Array<{ Key: string; Value: string }>): Promise<TestEngine> {
  const t = await startEngine();
  engines.push(t);
  t.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 3 } } }) } });
  await t.client.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: abaloneLikeDefinition(), RoleArn: ROLE, Tags: tags }));
  return t;
}

const rejectsWith = (promise: Promise<unknown>, name: string, message: RegExp) =>
  assert.rejects(promise, (e: Error) => {
    assert.equal(e.name, name, e.message);
    assert.match(e.message, message);
    return true;
  });

test("CreatePipeline of an existing name: the service's ValidationException, whose message says 'already exists' (what upsert() reads)", async () => {
  const t = await setUp("exists");
  await rejectsWith(
    t.client.send(new CreatePipelineCommand({ PipelineName: "EXISTS", PipelineDefinition: abaloneLikeDefinition(), RoleArn: ROLE })),
    "ValidationException",
    /^Pipeline names must be unique within an AWS account and region\. Pipeline with name \(EXISTS\) already exists\.$/,
  );
});

test("versions: UpdatePipeline makes a version; ListPipelineVersions, DescribePipeline and StartPipelineExecution by PipelineVersionId", async () => {
  const t = await setUp("versions");
  const first = await t.client.send(new DescribePipelineCommand({ PipelineName: "versions" }));
  t.clock.now += 5_000;
  const changed = abaloneLikeDefinition({ processCache: "PT1H" });
  const updated = await t.client.send(new UpdatePipelineCommand({ PipelineName: "versions", PipelineDefinition: changed, PipelineDescription: "second" }));
  assert.equal(updated.PipelineVersionId, 2);

  const listed = await t.client.send(new ListPipelineVersionsCommand({ PipelineName: "versions" }));
  assert.deepEqual(
    listed.PipelineVersionSummaries?.map((v) => v.PipelineVersionId),
    [2, 1],
    "newest first, as the SDK's latest_pipeline_version_id (MaxResults=1) expects",
  );
  assert.equal(
    (await t.client.send(new ListPipelineVersionsCommand({ PipelineName: "versions", MaxResults: 1 }))).PipelineVersionSummaries?.[0].PipelineVersionId,
    2,
  );
  const ascending = await t.client.send(new ListPipelineVersionsCommand({ PipelineName: "versions", SortOrder: "Ascending" }));
  assert.deepEqual(
    ascending.PipelineVersionSummaries?.map((v) => [v.PipelineVersionId, v.CreationTime?.getTime()]),
    [
      [1, first.CreationTime?.getTime()],
      [2, first.CreationTime!.getTime() + 5_000],
    ],
  );

  const v1 = await t.client.send(new DescribePipelineCommand({ PipelineName: "versions", PipelineVersionId: 1 }));
  assert.equal(v1.PipelineDefinition, abaloneLikeDefinition());
  assert.equal(v1.PipelineDescription, undefined);
  const latest = await t.client.send(new DescribePipelineCommand({ PipelineName: "versions" }));
  assert.equal(latest.PipelineDefinition, changed);
  assert.equal(latest.PipelineDescription, "second");
  await rejectsWith(t.client.send(new DescribePipelineCommand({ PipelineName: "versions", PipelineVersionId: 3 })), "ResourceNotFound", /version 3/);
  await rejectsWith(t.client.send(new DescribePipelineCommand({ PipelineName: "versions", PipelineVersionId: 0 })), "ValidationException", /pipelineVersionId/);

  const old = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "versions", PipelineVersionId: 1 }));
  const oldRun = await waitForExecution(t.client, old.PipelineExecutionArn!);
  assert.equal(oldRun.PipelineVersionId, 1);
  assert.equal(oldRun.PipelineExecutionStatus, "Succeeded");
  const current = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "versions" }));
  assert.equal((await waitForExecution(t.client, current.PipelineExecutionArn!)).PipelineVersionId, 2);
  const afterRuns = await t.client.send(new ListPipelineVersionsCommand({ PipelineName: "versions" }));
  assert.deepEqual(
    afterRuns.PipelineVersionSummaries?.map((v) => v.LastExecutionPipelineExecutionArn),
    [current.PipelineExecutionArn, old.PipelineExecutionArn],
  );
  await rejectsWith(t.client.send(new StartPipelineExecutionCommand({ PipelineName: "versions", PipelineVersionId: 9 })), "ResourceNotFound", /version 9/);
  await rejectsWith(t.client.send(new ListPipelineVersionsCommand({ PipelineName: "nope" })), "ResourceNotFound", /does not exist/);
});

test("tags: CreatePipeline's tags, AddTags overwrites and adds, ListTags, DeleteTags; other resources and bad tags are refused", async () => {
  const t = await setUp("tagged", [{ Key: "team", Value: "ml" }]);
  const arn = (await t.client.send(new DescribePipelineCommand({ PipelineName: "tagged" }))).PipelineArn!;
  assert.deepEqual((await t.client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags, [{ Key: "team", Value: "ml" }]);
  const added = await t.client.send(
    new AddTagsCommand({
      ResourceArn: arn,
      Tags: [
        { Key: "team", Value: "data" },
        { Key: "stage", Value: "dev" },
      ],
    }),
  );
  assert.equal(added.Tags?.length, 2);
  assert.deepEqual((await t.client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags, [
    { Key: "team", Value: "data" },
    { Key: "stage", Value: "dev" },
  ]);
  await t.client.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ["team", "absent"] }));
  assert.deepEqual((await t.client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags, [{ Key: "stage", Value: "dev" }]);

  const other = arn.replace("tagged", "missing");
  await rejectsWith(t.client.send(new ListTagsCommand({ ResourceArn: other })), "ValidationException", /missing does not exist/);
  await rejectsWith(t.client.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "", Value: "x" }] })), "ValidationException", /tags\.1\.member\.key/);
  await rejectsWith(t.client.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "a#b", Value: "x" }] })), "ValidationException", /regular expression/);
  await rejectsWith(t.client.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: [] })), "ValidationException", /tagKeys/);
  await rejectsWith(t.client.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 10 })), "ValidationException", /greater than or equal to 50/);
  await rejectsWith(t.client.send(new ListTagsCommand({ ResourceArn: "not-an-arn" })), "ValidationException", /resourceArn/);
  const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
  await rejectsWith(t.client.send(new AddTagsCommand({ ResourceArn: arn, Tags: many })), "ValidationException", /at most 50/);
  assert.deepEqual((await t.client.send(new ListTagsCommand({ ResourceArn: arn }))).Tags, [{ Key: "stage", Value: "dev" }], "a refused AddTags adds nothing");
});

test("RetryPipelineExecution: the same execution runs its failed step and what follows; succeeded steps are kept", async () => {
  const t = await setUp("retry");
  t.runner.behaviour.set("Eval", failWith("evaluation crashed"));
  const { PipelineExecutionArn: arn } = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "retry" }));
  const failed = await waitForExecution(t.client, arn!);
  assert.equal(failed.PipelineExecutionStatus, "Failed");
  const before = await stepsOf(t.client, arn!);
  assert.equal(before.Eval.StepStatus, "Failed");
  assert.equal(before.Check, undefined);

  t.runner.behaviour.delete("Eval");
  const token = "retry-token-000000000000000000000000";
  const retried = await t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: token }));
  assert.equal(retried.PipelineExecutionArn, arn, "a retry is the same execution");
  const done = await waitForExecution(t.client, arn!);
  assert.equal(done.PipelineExecutionStatus, "Succeeded", JSON.stringify(done));
  assert.equal(done.FailureReason, undefined);
  const steps = await stepsOf(t.client, arn!);
  for (const name of ["Process", "Train", "Eval", "Check", "Register"]) assert.equal(steps[name]?.StepStatus, "Succeeded", name);
  assert.deepEqual(steps.Process.StartTime, before.Process.StartTime, "a succeeded step is kept, not run again");
  assert.deepEqual(t.runner.ran(arn!), ["Process", "Train", "Eval", "Eval"], "only the failed step's job ran again");

  // The same token again is the same retry (idempotent); a Succeeded execution cannot be retried.
  assert.equal((await t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: token }))).PipelineExecutionArn, arn);
  await rejectsWith(
    t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "another-token-00000000000000000000" })),
    "ConflictException",
    /is Succeeded: only a Failed or Stopped execution can be retried/,
  );
  await rejectsWith(
    t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: `${arn}x`, ClientRequestToken: "third-token-000000000000000000000000" })),
    "ResourceNotFound",
    /does not exist/,
  );
  await rejectsWith(
    t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: "arn:nope", ClientRequestToken: "fourth-token-00000000000000000000000" })),
    "ValidationException",
    /pipelineExecutionArn/,
  );
});

test("RetryPipelineExecution of a Stopped execution runs the stopped step again; a running one cannot be retried", async () => {
  const t = await setUp("retrystop");
  const gate = new StepGate();
  t.runner.behaviour.set("Train", gate.step);
  const { PipelineExecutionArn: arn } = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "retrystop" }));
  await gate.whenHeld(1);
  await rejectsWith(
    t.client.send(new RetryPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "early-token-000000000000000000000000" })),
    "ConflictException",
    /is Executing/,
  );
  await t.client.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "stop-token-0000000000000000000000000" }));
  assert.equal((await waitForExecution(t.client, arn!)).PipelineExecutionStatus, "Stopped");
  t.runner.behaviour.delete("Train");
  await t.client.send(
    new RetryPipelineExecutionCommand({
      PipelineExecutionArn: arn,
      ClientRequestToken: "late-token-0000000000000000000000000",
      ParallelismConfiguration: { MaxParallelExecutionSteps: 2 },
    }),
  );
  const done = await waitForExecution(t.client, arn!);
  assert.equal(done.PipelineExecutionStatus, "Succeeded");
  assert.deepEqual(done.ParallelismConfiguration, { MaxParallelExecutionSteps: 2 }, "the retry's parallelism applies");
  assert.equal((await stepsOf(t.client, arn!)).Train.StepStatus, "Succeeded");
});

test("UpdatePipelineExecution changes the display name, description and parallelism, while it runs and after", async () => {
  const t = await setUp("update");
  const gate = new StepGate();
  t.runner.behaviour.set("Process", gate.step);
  const { PipelineExecutionArn: arn } = await t.client.send(
    new StartPipelineExecutionCommand({ PipelineName: "update", PipelineExecutionDescription: "first" }),
  );
  await gate.whenHeld(1);
  await t.client.send(
    new UpdatePipelineExecutionCommand({
      PipelineExecutionArn: arn,
      PipelineExecutionDisplayName: "renamed",
      ParallelismConfiguration: { MaxParallelExecutionSteps: 3 },
    }),
  );
  gate.release();
  const done = await waitForExecution(t.client, arn!);
  assert.equal(done.PipelineExecutionStatus, "Succeeded");
  assert.equal(done.PipelineExecutionDisplayName, "renamed", "the run's later writes keep the change");
  assert.equal(done.PipelineExecutionDescription, "first");
  assert.deepEqual(done.ParallelismConfiguration, { MaxParallelExecutionSteps: 3 });

  await t.client.send(new UpdatePipelineExecutionCommand({ PipelineExecutionArn: arn, PipelineExecutionDescription: "after" }));
  const described = await t.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
  assert.equal(described.PipelineExecutionDescription, "after");
  assert.equal(described.PipelineExecutionDisplayName, "renamed");
  await rejectsWith(
    t.client.send(new UpdatePipelineExecutionCommand({ PipelineExecutionArn: arn, PipelineExecutionDisplayName: "not_valid" })),
    "ValidationException",
    /pipelineExecutionDisplayName/,
  );
  await rejectsWith(t.client.send(new UpdatePipelineExecutionCommand({ PipelineExecutionArn: `${arn}0` })), "ResourceNotFound", /does not exist/);
});

test("DescribeTrainingJob answers for a Training step's job (what the SDK's result() reads), by the name in its ARN", async () => {
  const t = await setUp("jobs");
  const { PipelineExecutionArn: arn } = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: "jobs" }));
  await waitForExecution(t.client, arn!);
  const train = (await stepsOf(t.client, arn!)).Train;
  const jobArn = train.Metadata?.TrainingJob?.Arn ?? "";
  const job = await t.client.send(new DescribeTrainingJobCommand({ TrainingJobName: jobArn.split("/").pop() }));
  assert.equal(job.TrainingJobArn, jobArn);
  assert.equal(job.TrainingJobStatus, "Completed");
  assert.equal(job.AlgorithmSpecification?.TrainingImage, "image");
  assert.equal(job.OutputDataConfig?.S3OutputPath, "s3://bucket/model");
  assert.match(job.ModelArtifacts?.S3ModelArtifacts ?? "", /^s3:\/\/bucket\/model\/pipelines-.+-Train\/output\/model\.tar\.gz$/);
  assert.deepEqual(job.TrainingStartTime, train.StartTime);
  await rejectsWith(
    t.client.send(new DescribeTrainingJobCommand({ TrainingJobName: "no-such-job" })),
    "ValidationException",
    /^Requested resource not found\.$/,
  );
});
