import { stringContentSpan } from "../json";
import { checkPropertyPath } from "../properties";
import { isStepPath, type PathSegment } from "../references";
import type { Rule } from "../rule";

/** The verdicts by step type and reference text (a pure function, asked again at each edit for every reference). */
const verdicts = new Map<string, ReturnType<typeof checkPropertyPath>>();
const MAX_VERDICTS = 20_000;

function checkedPath(stepType: string, text: string, path: PathSegment[]): ReturnType<typeof checkPropertyPath> {
  const key = `${stepType}\u0000${text}`;
  if (verdicts.has(key)) return verdicts.get(key);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  const verdict = checkPropertyPath(stepType, path);
  verdicts.set(key, verdict);
  return verdict;
}

export const referenceInvalidProperty: Rule = {
  code: "reference-invalid-property",
  defaultSeverity: "error",
  description: "A `Steps.X.<path>` whose path is not a property of X's step type (checked against the Describe* API shapes).",
  acrossSteps: ["names", "references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (!isStepPath(parsed) || parsed.path.some((s) => s.kind === "malformed")) return [];
      const target = context.model.stepsByName.get(parsed.stepName);
      if (!target?.type) return [];
      const first = parsed.path[0];
      // `.Properties` belongs to reference-properties-segment, `.PropertyFiles` to property-file-unknown.
      if (first?.kind === "member" && (first.name === "Properties" || first.name === "PropertyFiles")) return [];
      const result = checkedPath(target.type, ref.text, parsed.path);
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
