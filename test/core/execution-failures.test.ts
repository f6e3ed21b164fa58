import { test } from "node:test";
import assert from "node:assert/strict";
import { EXECUTION_REFUSED, EXECUTION_STEP_FAILED, failuresAfterExecution, stepFailureFindings, type StepFailure } from "../../core/src";

const TEXT = JSON.stringify(
  {
    Version: "2020-12-01",
    Steps: [
      { Name: "Prepare", Type: "Processing", Arguments: {} },
      { Name: "Train", Type: "Training", Arguments: {}, DependsOn: ["Prepare"] },
    ],
  },
  null,
  2,
);

const failed = (step: string, reason: string, execution = "abc123"): StepFailure => ({ step, code: EXECUTION_STEP_FAILED, reason, execution });

test("execution-step-failed: the failure lands on the step's Name value, with the execution and the reason", () => {
  const [finding, ...rest] = stepFailureFindings(TEXT, [failed("Train", "AlgorithmError: exit code 1")]);
  assert.equal(rest.length, 0);
  assert.equal(TEXT.slice(finding.start, finding.end), '"Train"');
  assert.ok(TEXT.lastIndexOf('"Name": "Train"') + 8 === finding.start, "on the Name member's value, not on DependsOn");
  assert.equal(finding.code, EXECUTION_STEP_FAILED);
  assert.equal(finding.severity, "error");
  assert.equal(finding.message, "Train failed in execution abc123: AlgorithmError: exit code 1");
});

test("execution-step-failed: a step the text no longer has gets nothing; a text that is not a definition neither", () => {
  assert.deepEqual(stepFailureFindings(TEXT, [failed("Evaluate", "x")]), []);
  assert.deepEqual(stepFailureFindings("[1, 2", [failed("Train", "x")]), []);
  assert.deepEqual(stepFailureFindings("", [failed("Train", "x")]), []);
});

test("execution-step-failed: follows the name after an edit moved it", () => {
  const edited = TEXT.replace('"Version"', '"Metadata": {"note": "moved"},\n  "Version"');
  const [finding] = stepFailureFindings(edited, [failed("Prepare", "boom")]);
  assert.equal(edited.slice(finding.start, finding.end), '"Prepare"');
});

test("execution-refused: the service's message, on the step it names", () => {
  const refusal: StepFailure = { step: "Prepare", code: EXECUTION_REFUSED, reason: "Step Prepare: ImageUri is not valid" };
  const [finding] = stepFailureFindings(TEXT, [refusal]);
  assert.equal(TEXT.slice(finding.start, finding.end), '"Prepare"');
  assert.equal(finding.message, "The service refused the pipeline: Step Prepare: ImageUri is not valid");
});

test("after an execution: failed steps get its reason, succeeded ones lose theirs, untouched ones keep theirs", () => {
  const before = [failed("Prepare", "old", "e1"), failed("Train", "old", "e1"), failed("Evaluate", "old", "e1")];
  const after = failuresAfterExecution(
    before,
    [
      { StepName: "Prepare", StepStatus: "Succeeded" },
      { StepName: "Train", StepStatus: "Failed", FailureReason: "new reason" },
    ],
    "e2",
  );
  assert.deepEqual(after, [failed("Evaluate", "old", "e1"), failed("Train", "new reason", "e2")]);
});

test("after an execution: a stopped step keeps its earlier failure; refusals are gone once an execution ran", () => {
  const before: StepFailure[] = [failed("Train", "old", "e1"), { step: "Prepare", code: EXECUTION_REFUSED, reason: "r" }];
  const after = failuresAfterExecution(before, [{ StepName: "Train", StepStatus: "Stopped" }], "e2");
  assert.deepEqual(after, [failed("Train", "old", "e1")]);
});

test("after an execution: a failure without a reason still says that the step failed", () => {
  const after = failuresAfterExecution([], [{ StepName: "Train", StepStatus: "Failed" }], "e3");
  const [finding] = stepFailureFindings(TEXT, after);
  assert.equal(finding.message, "Train failed in execution e3: no reason given");
});

test("after an execution: a failure keeps the execution's ARN, for its Show Log lens", () => {
  const arn = "arn:aws:sagemaker:us-east-1:0:pipeline/p/execution/e4";
  const [failure] = failuresAfterExecution([], [{ StepName: "Train", StepStatus: "Failed", FailureReason: "boom" }], "e4", arn);
  assert.deepEqual(failure, { step: "Train", code: "execution-step-failed", reason: "boom", execution: "e4", executionArn: arn });
});
