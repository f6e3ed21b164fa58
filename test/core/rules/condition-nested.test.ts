import { test } from "node:test";
import { definition, expectDiagnostics, FAIL_STEP } from "../../helpers/marked";

test("condition-nested: a Condition inside a branch is a warning on its Type", () => {
  const inner = `{"Name": "Inner", "Type": ⟦"Condition"⟧, "Arguments": {"Conditions": [], "IfSteps": [${FAIL_STEP("F")}], "ElseSteps": []}}`;
  const text = definition(`[{"Name": "Outer", "Type": "Condition", "Arguments": {"Conditions": [], "IfSteps": [${inner}], "ElseSteps": []}}]`);
  expectDiagnostics(text, "condition-nested", "warning");
});
