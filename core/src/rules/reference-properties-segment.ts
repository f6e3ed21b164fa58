import { stringContentSpan } from "../json";
import type { Rule } from "../rule";

export const referencePropertiesSegment: Rule = {
  code: "reference-properties-segment",
  defaultSeverity: "error",
  description: "`Steps.X.Properties.…` is the Python SDK's spelling; in JSON the path has no `Properties.` segment.",
  acrossSteps: ["references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root !== "Steps") return [];
      const first = parsed.path[0];
      if (first?.kind !== "member" || first.name !== "Properties") return [];
      const location = stringContentSpan(context.text, ref.node, first.start - 1, first.end);
      const fixed = ref.text.slice(0, first.start - 1) + ref.text.slice(first.end);
      return [
        {
          code: "reference-properties-segment",
          message: `Remove '.Properties': step.properties.X in Python is written 'Steps.${parsed.stepName}.X' in the JSON definition ('${fixed}').`,
          ...location,
          data: { replacement: fixed },
        },
      ];
    });
  },
};
