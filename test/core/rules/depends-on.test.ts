import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, FAIL_STEP } from "../../helpers/marked";

test("depends-on-unknown-step: on the entry, with a suggestion", () => {
  const text = definition(`[${FAIL_STEP("Preprocess")}, ${FAIL_STEP("Train", `, "DependsOn": [⟦"Preprocss"⟧]`)}]`);
  const [d] = expectDiagnostics(text, "depends-on-unknown-step", "error");
  assert.match(d.message, /Did you mean 'Preprocess'\?/);
});

test("depends-on-unknown-step: a step inside a branch is a valid target", () => {
  const text = definition(`[{"Name": "C", "Type": "Condition", "Arguments": {"Conditions": [], "IfSteps": [${FAIL_STEP("B")}], "ElseSteps": []}},
    ${FAIL_STEP("D", `, "DependsOn": ["B"]`)}]`);
  expectDiagnostics(text, "depends-on-unknown-step", "error");
});

test("depends-on-self: a step that lists itself", () => {
  const text = definition(`[${FAIL_STEP("A", `, "DependsOn": [⟦"A"⟧]`)}]`);
  expectDiagnostics(text, "depends-on-self", "error");
  expectDiagnostics(text.replace(/⟦|⟧/g, ""), "dependency-cycle", "error");
});
