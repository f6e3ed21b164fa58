import { elements, keyOf, memberValue, span } from "../json";
import type { Rule } from "../rule";

export const retryPolicyConflict: Rule = {
  code: "retry-policy-conflict",
  defaultSeverity: "error",
  description: "A retry policy sets both `MaxAttempts` and `ExpireAfterMin` (the service takes one or the other).",
  check: (context) =>
    context.eachStep("retry-policy-conflict", (step) =>
      elements(memberValue(step.node, "RetryPolicies")).flatMap((policy) => {
        const maxAttempts = memberValue(policy, "MaxAttempts");
        const expireAfterMin = memberValue(policy, "ExpireAfterMin");
        if (!maxAttempts || !expireAfterMin) return [];
        return [
          {
            code: "retry-policy-conflict",
            message: "A retry policy takes MaxAttempts or ExpireAfterMin, not both: remove one.",
            ...span(keyOf(expireAfterMin)!),
          },
        ];
      }),
    ),
};
