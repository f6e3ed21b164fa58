import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

const withRetry = (policy: string) => definition(`[${PROCESSING_STEP("P", `, "RetryPolicies": [${policy}]`)}]`);

test("retry-policy-conflict: MaxAttempts and ExpireAfterMin together", () => {
  expectDiagnostics(withRetry(`{"ExceptionType": ["Step.SERVICE_FAULT"], "MaxAttempts": 3, ⟦"ExpireAfterMin"⟧: 10}`), "retry-policy-conflict", "error");
});

test("retry-policy-range: values outside the documented ranges and unknown exception types", () => {
  const found = expectDiagnostics(
    withRetry(`{"ExceptionType": ["Step.SERVICE_FAULT", ⟦"Step.TIMEOUT"⟧], "MaxAttempts": ⟦21⟧, "IntervalSeconds": ⟦50000⟧, "BackoffRate": 2.0}`),
    "retry-policy-range",
    "error",
  );
  assert.match(found[0].message, /Unknown retry ExceptionType "Step.TIMEOUT"/);
  assert.match(found[1].message, /MaxAttempts must be a whole number from 0 to 20; found 21/);
});

test("retry-policy-range: a policy within range passes", () => {
  expectDiagnostics(
    withRetry(`{"ExceptionType": ["SageMaker.CAPACITY_ERROR"], "IntervalSeconds": 1, "BackoffRate": 2.0, "ExpireAfterMin": 14400}`),
    "retry-policy-range",
    "error",
  );
});
