import { test } from "node:test";
import assert from "node:assert/strict";
import { isPipelineDefinition, looksLikeBrokenDefinition } from "../../core/src";

test("detect: Version 2020-12-01 with Steps is a definition", () => {
  assert.equal(isPipelineDefinition(`{"Version": "2020-12-01", "Steps": []}`), true);
});

test("detect: a Steps array of Name/Type objects without Version is a definition", () => {
  assert.equal(isPipelineDefinition(`{"Steps": [{"Name": "A", "Type": "Processing"}]}`), true);
});

test("detect: a definition being edited (syntax error) is still recognised", () => {
  assert.equal(isPipelineDefinition(`{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": }`), true);
});

test("detect: a Step Functions state machine named pipeline_definition.json is not claimed", () => {
  const asl = `{"Comment": "pipeline", "StartAt": "Train", "States": {"Train": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync", "End": true}}}`;
  assert.equal(isPipelineDefinition(asl), false);
});

test("detect: other JSON is not claimed", () => {
  for (const text of [
    `{"name": "pkg", "version": "1.0.0"}`,
    `[1,2]`,
    `"x"`,
    ``,
    `{"Steps": []}`,
    `{"Steps": [{"Name": "A"}]}`,
    `{"Version": "2012-10-17", "Statement": []}`,
  ]) {
    assert.equal(isPipelineDefinition(text), false, text);
  }
});

test("detect: broken attempts at a definition are recognised as such (Python repr, double-encoded, unparsable with Steps)", () => {
  assert.equal(looksLikeBrokenDefinition(`{'Version': '2020-12-01', 'Steps': [{'Name': 'A', 'Type': 'Fail', 'Arguments': {}}], 'Metadata': None}`), true);
  assert.equal(looksLikeBrokenDefinition(JSON.stringify(JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: "Fail" }] }))), true);
  assert.equal(looksLikeBrokenDefinition(`{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Processing",}`), true);
});

test("detect: other JSON, valid or not, is not a broken definition", () => {
  for (const text of [
    `{"name": "pkg", "version": "1.0.0"}`,
    `"just a string"`,
    JSON.stringify(JSON.stringify({ name: "pkg" })),
    `{"Stages": [], "broken": }`,
    `{'a': True}`,
    ``,
    `{"Steps": []}`,
    `// comments are fine\n{"Steps": [1]}`,
  ]) {
    assert.equal(looksLikeBrokenDefinition(text), false, text);
  }
});
