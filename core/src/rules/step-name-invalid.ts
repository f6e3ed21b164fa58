import { span } from "../json";
import type { Rule } from "../rule";

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

export const stepNameInvalid: Rule = {
  code: "step-name-invalid",
  defaultSeverity: "error",
  description: "A step name that is not 1 to 64 letters, digits, '-' or '_'.",
  check(context) {
    return context.eachStep("step-name-invalid", (step) => {
      if (step.name === undefined || VALID.test(step.name)) return [];
      const reason =
        step.name.length === 0
          ? "is empty"
          : step.name.length > 64
            ? `is ${step.name.length} characters long (at most 64)`
            : `contains ${describeInvalid(step.name)}`;
      return [
        {
          code: "step-name-invalid",
          message: `Step name '${step.name}' ${reason}: use 1 to 64 letters, digits, '-' or '_'.`,
          ...span(step.nameNode!),
          data: { suggestion: step.name.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 64) || undefined },
        },
      ];
    });
  },
};

function describeInvalid(name: string): string {
  const bad = [...new Set(name.replace(/[A-Za-z0-9_-]/g, ""))];
  return bad.map((c) => (c === " " ? "a space" : `'${c}'`)).join(", ");
}
