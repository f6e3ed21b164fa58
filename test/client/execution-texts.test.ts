import { test } from "node:test";
import assert from "node:assert/strict";
import { executionRow, outcomeMessage, progressTitle, stepDescription } from "../../client/src/views/execution-texts";

const ARN = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone/execution/";
const now = new Date("2026-11-30T10:00:00Z");

test("Executions view: an execution row is named by its one name, with the ARN in the tooltip", () => {
  const generated = executionRow(
    {
      PipelineExecutionArn: `${ARN}b6ljc700s359`,
      PipelineExecutionDisplayName: "execution-1796000405561",
      PipelineExecutionStatus: "Succeeded",
      StartTime: new Date("2026-11-30T09:57:00Z"),
    },
    now,
  );
  assert.deepEqual(generated, { label: "b6ljc700s359", description: "Succeeded · 3 min ago", tooltip: `${ARN}b6ljc700s359\nSucceeded` });
  const chosen = executionRow(
    { PipelineExecutionArn: `${ARN}x1`, PipelineExecutionDisplayName: "nightly", PipelineExecutionStatus: "Failed", PipelineExecutionFailureReason: "boom" },
    now,
  );
  assert.deepEqual(chosen, { label: "nightly", description: "Failed", tooltip: `${ARN}x1\nFailed\nboom` });
});

test("Executions view: a step reused or cached from another execution names it as its row does", () => {
  const known = [
    { arn: `${ARN}b6ljc700s359`, displayName: "execution-1796000405561" },
    { arn: `${ARN}x1`, displayName: "nightly" },
  ];
  const reused = stepDescription(
    {
      StepName: "Prep",
      StepStatus: "Succeeded",
      StartTime: new Date("2026-11-30T09:59:58Z"),
      EndTime: new Date("2026-11-30T09:59:59.5Z"),
      SelectiveExecutionResult: { SourcePipelineExecutionArn: `${ARN}b6ljc700s359` },
    },
    known,
    now,
  );
  assert.equal(reused, "Succeeded · 1.5 s · reused from b6ljc700s359");
  const hit = stepDescription({ StepName: "Train", StepStatus: "Succeeded", CacheHitResult: { SourcePipelineExecutionArn: `${ARN}x1` } }, known, now);
  assert.equal(hit, "Succeeded · cache hit from nightly");
  const unknown = stepDescription({ StepName: "Train", StepStatus: "Succeeded", CacheHitResult: { SourcePipelineExecutionArn: `${ARN}zz9` } }, known, now);
  assert.equal(unknown, "Succeeded · cache hit from zz9");
});

test("run notifications: the progress title and the outcome use the same one name", () => {
  const execution = { arn: `${ARN}b6ljc700s359`, displayName: "execution-1796000405561" };
  assert.equal(progressTitle("abalone", execution), "abalone: execution b6ljc700s359");
  assert.equal(outcomeMessage("abalone", execution, "Succeeded"), "Execution b6ljc700s359 of abalone: Succeeded");
  assert.equal(outcomeMessage("abalone", { arn: `${ARN}x1`, displayName: "nightly" }, "Failed", "boom"), "Execution nightly of abalone: Failed — boom");
});
