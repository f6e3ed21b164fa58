import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, FAIL_STEP, PROCESSING_STEP } from "../../helpers/marked";

test("dependency-cycle: every DependsOn edge of the cycle is marked, edges off the cycle are not", () => {
  const text = definition(`[
    ${FAIL_STEP("A", `, "DependsOn": [⟦"C"⟧]`)},
    ${FAIL_STEP("B", `, "DependsOn": [⟦"A"⟧]`)},
    ${FAIL_STEP("C", `, "DependsOn": [⟦"B"⟧]`)},
    ${FAIL_STEP("D", `, "DependsOn": ["C"]`)}]`);
  const found = expectDiagnostics(text, "dependency-cycle", "error");
  assert.match(found[0].message, /'A' depends on 'C'/);
});

test("dependency-cycle: a cycle through a Steps reference marks the step name inside the Get", () => {
  const text = definition(`[
    ${PROCESSING_STEP("P", `, "DependsOn": [⟦"Q"⟧]`)},
    {"Name": "Q", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.⟦P⟧.ProcessingJobName"}}}]`);
  const found = expectDiagnostics(text, "dependency-cycle", "error");
  assert.match(found[1].message, /'Q' reads the output of 'P'/);
});

test("dependency-cycle: a Condition that reads a step of its own branch", () => {
  const text = definition(`[{"Name": "C", "Type": "Condition", "Arguments": {
    "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.⟦P⟧.ProcessingJobStatus"}, "RightValue": "Completed"}],
    "IfSteps": [${PROCESSING_STEP("P").replace(`"Name": "P"`, `"Name": ⟦"P"⟧`)}], "ElseSteps": []}}]`);
  expectDiagnostics(text, "dependency-cycle", "error");
});

test("dependency-cycle: a step that reads its own output", () => {
  const text = definition(`[{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.⟦F⟧.ErrorMessage"}}}]`);
  const [d] = expectDiagnostics(text, "dependency-cycle", "error");
  assert.match(d.message, /reads its own output/);
});

test("dependency-cycle: a long chain has no cycle and does not overflow the stack", () => {
  const steps = Array.from({ length: 5000 }, (_, i) => FAIL_STEP(`S${i}`, i ? `, "DependsOn": ["S${i - 1}"]` : ""));
  expectDiagnostics(definition(`[${steps.join(",")}]`), "dependency-cycle", "error");
});
