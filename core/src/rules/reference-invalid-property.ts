import { stringContentSpan } from "../json";
import { checkPropertyPath } from "../properties";
import { isStepPath } from "../references";
import type { Rule } from "../rule";

export const referenceInvalidProperty: Rule = {
  code: "reference-invalid-property",
  defaultSeverity: "error",
  description: "A `Steps.X.<path>` whose path is not a property of X's step type (checked against the Describe* API shapes).",
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (!isStepPath(parsed) || parsed.path.some((s) => s.kind === "malformed")) return [];
      const target = context.model.stepsByName.get(parsed.stepName);
      if (!target?.type) return [];
      const first = parsed.path[0];
      // `.Properties` belongs to reference-properties-segment, `.PropertyFiles` to property-file-unknown.
      if (first?.kind === "member" && (first.name === "Properties" || first.name === "PropertyFiles")) return [];
      const result = checkPropertyPath(target.type, parsed.path);
      if (!result || result.ok) return [];
      const segment = parsed.path[result.segment];
      return [
        {
          code: "reference-invalid-property",
          message: result.message,
          ...stringContentSpan(context.text, ref.node, segment?.start ?? parsed.nameEnd, segment?.end ?? ref.text.length),
          data: { suggestion: result.suggestion, options: result.options.slice(0, 50) },
        },
      ];
    });
  },
};
