import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, FAIL_STEP } from "../../helpers/marked";

test("step-name-invalid: spaces and dots are not allowed; the range is the name string", () => {
  const text = definition(`[{"Name": ⟦"Train model.v2"⟧, "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}]`);
  const [d] = expectDiagnostics(text, "step-name-invalid", "error");
  assert.match(d.message, /contains a space, '\.'/);
  assert.equal(d.data?.suggestion, "Train-model-v2");
});

test("step-name-invalid: more than 64 characters", () => {
  const long = "a".repeat(65);
  const [d] = expectDiagnostics(definition(`[{"Name": ⟦"${long}"⟧, "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}]`), "step-name-invalid", "error");
  assert.match(d.message, /65 characters long/);
});

test("step-name-invalid: letters, digits, '-' and '_' pass", () => {
  expectDiagnostics(definition(`[${FAIL_STEP("Abalone-Train_2")}]`), "step-name-invalid", "error");
});
