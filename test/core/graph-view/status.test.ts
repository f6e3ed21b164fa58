import assert from "node:assert/strict";
import { test } from "node:test";
import { executionOverlay, formatStepDuration, isFromWebview, stepRunStatuses } from "../../../core/src/graph-view";

const ARN = "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/";

test("status: status, reused and cache-hit sources, duration, failure, condition outcome; the newest entry of a name wins", () => {
  const now = new Date("2024-01-01T00:10:00Z");
  const statuses = stepRunStatuses(
    [
      { StepName: "Train", StepStatus: "Executing", StartTime: new Date("2024-01-01T00:08:30Z") },
      {
        StepName: "Prep",
        StepStatus: "Succeeded",
        StartTime: new Date("2024-01-01T00:00:00Z"),
        EndTime: new Date("2024-01-01T00:00:12.5Z"),
        SelectiveExecutionResult: { SourcePipelineExecutionArn: `${ARN}ref1` },
      },
      {
        StepName: "Eval",
        StepStatus: "Succeeded",
        StartTime: new Date("2024-01-01T00:00:00Z"),
        EndTime: new Date("2024-01-01T01:02:00Z"),
        CacheHitResult: { SourcePipelineExecutionArn: `${ARN}old2` },
      },
      { StepName: "Cond", StepStatus: "Succeeded", Metadata: { Condition: { Outcome: "False" } } },
      { StepName: "Fail", StepStatus: "Failed", FailureReason: "boom" },
      { StepName: "Train", StepStatus: "Failed" },
      { StepStatus: "Succeeded" },
    ],
    now,
  );
  assert.deepEqual(statuses, [
    { name: "Train", status: "Executing", duration: "1 min 30 s" },
    { name: "Prep", status: "Succeeded", reusedFrom: "ref1", duration: "12.5 s" },
    { name: "Eval", status: "Succeeded", cacheHitFrom: "old2", duration: "1 h 2 min" },
    { name: "Cond", status: "Succeeded", conditionOutcome: "False" },
    { name: "Fail", status: "Failed", failureReason: "boom" },
  ]);
});

test("status: reused and cached steps name their source by its one name when the execution is known", () => {
  const steps = [
    { StepName: "Prep", StepStatus: "Succeeded", SelectiveExecutionResult: { SourcePipelineExecutionArn: `${ARN}ref1` } },
    { StepName: "Eval", StepStatus: "Succeeded", CacheHitResult: { SourcePipelineExecutionArn: `${ARN}old2` } },
  ];
  const known = [
    { arn: `${ARN}ref1`, displayName: "baseline" },
    { arn: `${ARN}old2`, displayName: "execution-1796000405561" },
  ];
  assert.deepEqual(
    stepRunStatuses(steps, new Date(), known).map((s) => s.reusedFrom ?? s.cacheHitFrom),
    ["baseline", "old2"],
  );
});

test("status: `__proto__` is a step name like any other", () => {
  assert.deepEqual(stepRunStatuses([{ StepName: "__proto__", StepStatus: "Succeeded" }], new Date()), [{ name: "__proto__", status: "Succeeded" }]);
});

test("status: the overlay names the execution and polls only while it runs", () => {
  const running = executionOverlay({ arn: `${ARN}abc`, status: "Executing", displayName: "nightly" }, "running", [], new Date());
  assert.equal(running.label, "nightly", "one name: the chosen display name");
  assert.equal(running.running, true);
  const done = executionOverlay({ arn: `${ARN}abc`, status: "Succeeded", displayName: "abc" }, "reference", [], new Date());
  assert.equal(done.label, "abc");
  const generated = executionOverlay({ arn: `${ARN}abc`, status: "Succeeded", displayName: "execution-1796000405561" }, "latest", [], new Date());
  assert.equal(generated.label, "abc", "the generated display name is not the user's");
  assert.equal(done.running, false);
  assert.equal(formatStepDuration(-5), "0.0 s");
});

test("protocol: messages from the webview are checked", () => {
  assert.ok(isFromWebview({ type: "ready" }));
  assert.ok(isFromWebview({ type: "reveal", id: "A" }));
  assert.ok(isFromWebview({ type: "runSelected", steps: ["A", "B"] }));
  assert.ok(isFromWebview({ type: "exportSvg", svg: "<svg/>" }));
  assert.ok(isFromWebview({ type: "collapse", ids: ["Cond", "__proto__"] }));
  assert.ok(!isFromWebview({ type: "collapse", ids: "Cond" }));
  assert.ok(!isFromWebview({ type: "collapse", ids: [1] }));
  assert.ok(!isFromWebview({ type: "runSelected", steps: [1] }));
  assert.ok(!isFromWebview({ type: "reveal" }));
  assert.ok(isFromWebview({ type: "showLog", step: "Train" }));
  assert.ok(!isFromWebview({ type: "showLog", step: 1 }));
  assert.ok(!isFromWebview({ type: "showLog" }));
  assert.ok(!isFromWebview({ type: "other" }));
  assert.ok(!isFromWebview(null));
});
