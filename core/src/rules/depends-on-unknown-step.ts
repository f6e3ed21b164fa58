import { span } from "../json";
import type { Rule } from "../rule";

export const dependsOnUnknownStep: Rule = {
  code: "depends-on-unknown-step",
  defaultSeverity: "error",
  description: "A `DependsOn` entry names no step of the pipeline.",
  acrossSteps: ["names", "dependsOn"],
  check(context) {
    return context.model.steps.flatMap((step) =>
      step.dependsOn
        .filter((dep) => !context.model.stepsByName.has(dep.name))
        .map((dep) => {
          const suggestion = context.closest("steps", dep.name, () => context.model.stepsByName.keys());
          return {
            code: "depends-on-unknown-step",
            message: `DependsOn names '${dep.name}', which is not a step of this pipeline.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
            ...span(dep.node),
            data: { name: dep.name, suggestion },
          };
        }),
    );
  },
};
