import { test } from "node:test";
import assert from "node:assert/strict";
import { logText, type LogHeader } from "../../client/src/logs/log-text";
import { logUriParts, pipelineOfExecution } from "../../client/src/logs/log-target";

const header: LogHeader = {
  step: "AbaloneTrain",
  stepType: "TrainingJob",
  execution: "nightly (arn:aws:sagemaker:eu-west-1:1:pipeline/abalone/execution/abc)",
  status: "Failed · 42 s",
  failureReason: "AlgorithmError: see the log\nexit code 1",
  definition: "/work/abalone.pipeline.json:57",
  target: "AWS eu-west-1 (profile dev)",
  following: false,
};

test("log tab: the step, its status, FailureReason on one line and its definition on top, then each stream", () => {
  const text = logText(header, {
    notes: [],
    sections: [
      { title: "Training job x · /aws/sagemaker/TrainingJobs x/algo-1", lines: ["epoch 1", "Traceback"], earlier: true, dropped: 0, empty: false },
      { title: "Training job x · /aws/sagemaker/TrainingJobs x/algo-2", lines: [], earlier: false, dropped: 0, empty: true },
    ],
  });
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 7), [
    "Step:       AbaloneTrain (TrainingJob)",
    "Execution:  nightly (arn:aws:sagemaker:eu-west-1:1:pipeline/abalone/execution/abc)",
    "Status:     Failed · 42 s",
    "Failure:    AlgorithmError: see the log ⏎ exit code 1",
    "Definition: /work/abalone.pipeline.json:57",
    "Target:     AWS eu-west-1 (profile dev)",
    "Following:  no (Follow: the ▶ button above)",
  ]);
  assert.ok(
    text.includes("── Training job x · /aws/sagemaker/TrainingJobs x/algo-1\n… earlier lines: Load Earlier (the ↑ button above) …\nepoch 1\nTraceback\n"),
  );
  assert.ok(text.includes("x/algo-2\nNo log yet.\n"));
});

test("log tab: loading, errors, notes and let-go lines are said", () => {
  assert.match(logText({ ...header, following: true }, undefined), /Following: {2}new lines appear .*\n─+\nLoading the log…\n$/);
  const text = logText(header, {
    notes: ["Processing job p: no log yet (no stream p/… in /aws/sagemaker/ProcessingJobs)."],
    error: "Access denied: … (logs:GetLogEvents) …",
    sections: [{ title: "Local engine", lines: ["a"], earlier: false, dropped: 1500, empty: false }],
  });
  assert.match(text, /⚠ Access denied: … \(logs:GetLogEvents\) …\nProcessing job p: no log yet/);
  assert.match(text, /… 1,500 earlier lines let go of \(this tab keeps the latest ones\) …\na\n$/);
  assert.ok(!text.includes("── Local engine"), "one local log needs no title");
});

test("log tab: its URI names the step (the tab's title), the pipeline and the execution", () => {
  assert.deepEqual(logUriParts({ executionArn: "arn:aws:sagemaker:us-east-1:0:pipeline/abalone/execution/k3v9", step: "Train" }), {
    scheme: "sagemaker-pipelines-log",
    path: "/abalone/k3v9/Train.log",
  });
  assert.equal(pipelineOfExecution("arn:aws:sagemaker:us-east-1:0:pipeline/abalone/execution/k3v9"), "abalone");
});
