import { stringContentSpan } from "../json";
import type { Rule } from "../rule";

export const referenceUnknownParameter: Rule = {
  code: "reference-unknown-parameter",
  defaultSeverity: "error",
  description: "A `Get` of `Parameters.X` where the pipeline declares no parameter X.",
  acrossSteps: ["references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root !== "Parameters" || context.model.parametersByName.has(parsed.name)) return [];
      const suggestion = context.closest("parameters", parsed.name, () => context.model.parametersByName.keys());
      return [
        {
          code: "reference-unknown-parameter",
          message: `'${parsed.name}' is not a parameter of this pipeline.${suggestion ? ` Did you mean '${suggestion}'?` : " Declare it under Parameters."}`,
          ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
          data: { name: parsed.name, suggestion },
        },
      ];
    });
  },
};
