import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheContextProblem, codeActionContext, lintProblem, setReferenceProblem, stepsInRangesProblem } from "../../server/src/messages";

const execution = {
  executionArn: "arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/e",
  status: "Succeeded",
  definition: "{}",
  parameters: { A: "1" },
  steps: { Train: { status: "Succeeded", cacheHitFrom: "arn:x" } },
};

test("messages: well-formed custom params pass", () => {
  assert.equal(cacheContextProblem({ uri: "file:///p", executions: [execution], parameters: {} }), undefined);
  assert.equal(setReferenceProblem({ uri: "file:///p" }), undefined);
  assert.equal(setReferenceProblem({ uri: "file:///p", reference: null }), undefined);
  assert.equal(setReferenceProblem({ uri: "file:///p", reference: { id: "e", status: "Succeeded", startTime: "2024-01-01" } }), undefined);
  assert.equal(stepsInRangesProblem({ uri: "u", ranges: [{ start: { line: 0, character: 0 }, end: { line: 1, character: 2 } }] }), undefined);
  assert.equal(lintProblem({ uri: "u", text: "" }), undefined);
});

test("messages: the first problem is named with its path", () => {
  const context = (change: object) => cacheContextProblem({ uri: "u", executions: [{ ...execution, ...change }], parameters: {} });
  assert.equal(
    context({ steps: { Train: { status: "Succeeded", reusedFrom: 1 } } }),
    "executions[0].steps.Train.reusedFrom: expected a string, found a number",
  );
  assert.equal(context({ parameters: { A: null } }), "executions[0].parameters.A: expected a string, found null");
  assert.equal(context({ executionArn: undefined }), "executions[0].executionArn: expected a string, found nothing");
  assert.equal(context({ startTime: 5 }), "executions[0].startTime: expected a string, found a number");
  assert.equal(context({ displayName: ["x"] }), "executions[0].displayName: expected a string, found an array");
  assert.equal(context({ displayName: "nightly" }), undefined);
  assert.equal(cacheContextProblem("x"), "params: expected an object, found a string");
  assert.equal(
    stepsInRangesProblem({ uri: "u", ranges: [{ start: { line: 0.5, character: 0 }, end: { line: 0, character: 0 } }] }),
    "ranges[0].start.line: expected a whole number ≥ 0, found a number",
  );
  assert.equal(setReferenceProblem({ uri: "u", reference: [] }), "reference: expected an object, found an array");
});

test("messages: a code action's context keeps its well-formed diagnostics", () => {
  const good = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: "m" };
  const read = codeActionContext({ diagnostics: [good, { message: "m" }, null], only: ["quickfix"] });
  assert.deepEqual(read.diagnostics, [good]);
  assert.deepEqual(read.only, ["quickfix"]);
  assert.equal(read.problems.length, 2);
  assert.deepEqual(codeActionContext({ diagnostics: null }).diagnostics, []);
});
