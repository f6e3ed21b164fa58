import { span } from "../json";
import type { Rule } from "../rule";

export const conditionNested: Rule = {
  code: "condition-nested",
  defaultSeverity: "warning",
  description: "A Condition step inside another Condition step's branch (the documentation says nesting is not supported).",
  acrossSteps: ["names"],
  check: (context) =>
    context.model.steps
      .filter((step) => step.type === "Condition" && step.condition)
      .map((step) => ({
        code: "condition-nested",
        message: `Condition step '${step.name}' is nested in the ${step.branch} of '${step.condition!.name}': the documentation says nested Condition steps are not supported (the SDK still emits them).`,
        ...span(step.typeNode!),
      })),
};
