import { stringContentSpan } from "../json";
import { isStepPath } from "../references";
import type { Rule } from "../rule";

export const referenceUnknownStep: Rule = {
  code: "reference-unknown-step",
  defaultSeverity: "error",
  description: "A `Get` of `Steps.X…` (or `IterationOutput.X…`) where no step is named X.",
  acrossSteps: ["names", "references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (!isStepPath(parsed)) return [];
      const target = context.model.stepsByName.get(parsed.stepName);
      if (target && parsed.root === "IterationOutput" && ref.owner?.type === "ForEach" && target.forEach !== ref.owner) {
        return [
          {
            code: "reference-unknown-step",
            message: `'${parsed.stepName}' is not a step of the ForEachBody of '${ref.owner.name}': IterationOutput reads that ForEach step's own body steps.`,
            ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
            data: { name: parsed.stepName },
          },
        ];
      }
      if (target) return [];
      const suggestion = context.closest("steps", parsed.stepName, () => context.model.stepsByName.keys());
      return [
        {
          code: "reference-unknown-step",
          message: `'${parsed.stepName}' is not a step of this pipeline.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
          ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
          data: { name: parsed.stepName, suggestion },
        },
      ];
    });
  },
};
