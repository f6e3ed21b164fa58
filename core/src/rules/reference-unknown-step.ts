import { stringContentSpan } from "../json";
import type { Rule } from "../rule";

export const referenceUnknownStep: Rule = {
  code: "reference-unknown-step",
  defaultSeverity: "error",
  description: "A `Get` of `Steps.X…` where no step is named X.",
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root !== "Steps" || context.model.stepsByName.has(parsed.stepName)) return [];
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
