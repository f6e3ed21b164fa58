import { test } from "node:test";
import assert from "node:assert/strict";
import { executionIdOf, executionLabel, executionLabelOf, isChosenDisplayName } from "../../core/src";

const ARN = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone/execution/b6ljc700s359";

test("execution label: the display name someone chose, else the id (the ARN's last segment)", () => {
  assert.equal(executionIdOf(ARN), "b6ljc700s359");
  assert.equal(executionIdOf("b6ljc700s359"), "b6ljc700s359", "an id stays an id");
  assert.equal(executionLabel({ arn: ARN }), "b6ljc700s359");
  assert.equal(executionLabel({ arn: ARN, displayName: "nightly-retrain" }), "nightly-retrain");
  assert.equal(executionLabel({ arn: ARN, displayName: "b6ljc700s359" }), "b6ljc700s359");
});

test("execution label: the generated `execution-<epoch ms>` display name and an empty one are not the user's", () => {
  assert.equal(executionLabel({ arn: ARN, displayName: "execution-1796000405561" }), "b6ljc700s359");
  assert.equal(executionLabel({ arn: ARN, displayName: "" }), "b6ljc700s359");
  assert.equal(executionLabel({ arn: ARN, displayName: "   " }), "b6ljc700s359");
  assert.equal(isChosenDisplayName("execution-1796000405561"), false);
  assert.equal(isChosenDisplayName("execution-retrain-2"), true, "a name that only starts like the generated one is chosen");
  assert.equal(isChosenDisplayName(undefined), false);
});

test("execution label of an ARN: the known execution's name, else the id", () => {
  const known = [
    { arn: ARN, displayName: "nightly-retrain" },
    { arn: `${ARN}x`, displayName: "execution-1" },
  ];
  assert.equal(executionLabelOf(ARN, known), "nightly-retrain");
  assert.equal(executionLabelOf(`${ARN}x`, known), "b6ljc700s359x");
  assert.equal(executionLabelOf(`${ARN}y`, known), "b6ljc700s359y");
  assert.equal(executionLabelOf(ARN), "b6ljc700s359");
});
