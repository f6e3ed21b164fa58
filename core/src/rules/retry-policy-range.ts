import { elements, memberValue, span } from "../json";
import type { Finding } from "../diagnostic";
import type { Rule } from "../rule";

/** Documented limits (retry policy documentation and the SDK's RetryPolicy). */
const RANGES: Record<string, { min: number; max: number; integer: boolean }> = {
  MaxAttempts: { min: 0, max: 20, integer: true },
  ExpireAfterMin: { min: 0, max: 14400, integer: true },
  IntervalSeconds: { min: 0, max: 43200, integer: true },
  BackoffRate: { min: 0, max: Number.MAX_VALUE, integer: false },
};

export const RETRY_EXCEPTION_TYPES = [
  "Step.SERVICE_FAULT",
  "Step.THROTTLING",
  "SageMaker.JOB_INTERNAL_ERROR",
  "SageMaker.CAPACITY_ERROR",
  "SageMaker.RESOURCE_LIMIT",
  "Emr.RESOURCE_LIMIT",
];

export const retryPolicyRange: Rule = {
  code: "retry-policy-range",
  defaultSeverity: "error",
  description:
    "A retry policy value outside its documented range (MaxAttempts ≤ 20, ExpireAfterMin ≤ 14400, IntervalSeconds ≤ 43200) or an unknown ExceptionType.",
  check: (context) =>
    context.eachStep("retry-policy-range", (step) => {
      const findings: Finding[] = [];
      for (const policy of elements(memberValue(step.node, "RetryPolicies"))) {
        for (const [member, range] of Object.entries(RANGES)) {
          const value = memberValue(policy, member);
          if (value?.type !== "number") continue;
          const n = value.value as number;
          if (n < range.min || n > range.max || (range.integer && !Number.isInteger(n))) {
            const bound =
              range.max === Number.MAX_VALUE ? `at least ${range.min}` : `${range.integer ? "a whole number " : ""}from ${range.min} to ${range.max}`;
            findings.push({ code: "retry-policy-range", message: `${member} must be ${bound}; found ${n}.`, ...span(value) });
          }
        }
        const exceptionType = memberValue(policy, "ExceptionType");
        const entries = exceptionType?.type === "string" ? [exceptionType] : elements(exceptionType);
        for (const entry of entries) {
          if (entry.type === "string" && !RETRY_EXCEPTION_TYPES.includes(entry.value as string)) {
            findings.push({
              code: "retry-policy-range",
              message: `Unknown retry ExceptionType ${JSON.stringify(entry.value)}. Known: ${RETRY_EXCEPTION_TYPES.join(", ")}.`,
              ...span(entry),
            });
          }
        }
      }
      return findings;
    }),
};
