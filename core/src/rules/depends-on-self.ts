import { span } from "../json";
import type { Rule } from "../rule";

export const dependsOnSelf: Rule = {
  code: "depends-on-self",
  defaultSeverity: "error",
  description: "A step lists itself in its own `DependsOn`.",
  check: (context) =>
    context.eachStep("depends-on-self", (step) =>
      step.dependsOn
        .filter((dep) => dep.name === step.name)
        .map((dep) => ({
          code: "depends-on-self",
          message: `Step '${dep.name}' cannot depend on itself.`,
          ...span(dep.node),
          data: { name: dep.name },
        })),
    ),
};
