import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, FAIL_STEP } from "../../helpers/marked";

test("step-name-duplicate: the second use is reported, naming the line of the first", () => {
  const text = definition(`[
    ${FAIL_STEP("A")},
    {"Name": ⟦"A"⟧, "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}]`);
  const [d] = expectDiagnostics(text, "step-name-duplicate", "error");
  assert.match(d.message, /already used on line 7/);
});

test("step-name-duplicate: a branch step may not reuse a top-level name", () => {
  const text = definition(`[${FAIL_STEP("A")}, {"Name": "C", "Type": "Condition", "Arguments": {"Conditions": [],
    "IfSteps": [{"Name": ⟦"A"⟧, "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}], "ElseSteps": []}}]`);
  expectDiagnostics(text, "step-name-duplicate", "error");
});
