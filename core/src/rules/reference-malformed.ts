import { span, stringContentSpan } from "../json";
import type { GetReference, StepModel } from "../model";
import type { Rule } from "../rule";

export const referenceMalformed: Rule = {
  code: "reference-malformed",
  defaultSeverity: "error",
  description:
    "A `Get` string that is not `Parameters.X`, `Execution.X`, `PipelineExperimentConfig.X` or `Steps.X.<path>` (nor, in a ForEach step, `ForEach.CurrentItem…` or `IterationOutput.X.<path>`).",
  acrossSteps: ["references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root === "unknown") {
        return [
          {
            code: "reference-malformed",
            message: `'${parsed.text}' is not a reference: a Get starts with Parameters., Execution., PipelineExperimentConfig. or Steps. (ForEach.CurrentItem and IterationOutput. inside a ForEach step)`,
            ...span(ref.node),
          },
        ];
      }
      if (parsed.root === "ForEach" || parsed.root === "IterationOutput") {
        const misplaced = forEachMisuse(ref);
        if (misplaced) return [{ code: "reference-malformed", message: misplaced, ...span(ref.node) }];
      }
      if (parsed.root === "ForEach" && parsed.name !== "CurrentItem") {
        return [
          {
            code: "reference-malformed",
            message: `'ForEach.${parsed.name}' is not a reference: inside a ForEach body the current item is ForEach.CurrentItem.`,
            ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
          },
        ];
      }
      if (parsed.root === "IterationOutput" && parsed.stepName !== "" && parsed.path.length === 0) {
        return [
          {
            code: "reference-malformed",
            message: `'${ref.text}' names no output: write IterationOutput.${parsed.stepName}.<member>, e.g. .OutputParameters['name'].`,
            ...span(ref.node),
          },
        ];
      }
      if ("path" in parsed) {
        const bad = parsed.path.find((s) => s.kind === "malformed");
        if (bad) {
          return [
            {
              code: "reference-malformed",
              message: `'${bad.kind === "malformed" ? bad.text : ""}' is not a valid property path segment: use .Member, [index] or ['key'].`,
              ...stringContentSpan(context.text, ref.node, bad.start, bad.end),
            },
          ];
        }
        if (parsed.root !== "ForEach" && parsed.stepName === "") {
          return [{ code: "reference-malformed", message: `A step name is missing after '${parsed.root}.'.`, ...span(ref.node) }];
        }
      }
      return [];
    });
  },
};

/**
 * ForEach.CurrentItem exists only in a step of a ForEachBody; IterationOutput.X only in the Selector of the ForEach
 * step whose body holds X (the SDK's own rules, ForEachStep._validate_selector).
 */
function forEachMisuse(ref: GetReference): string | undefined {
  const parsed = ref.parsed;
  if (parsed.root === "ForEach") {
    return ref.owner?.forEach ? undefined : `'${ref.text}' is only defined in a step of a ForEach step's ForEachBody.`;
  }
  if (parsed.root !== "IterationOutput") return undefined;
  const owner: StepModel | undefined = ref.owner;
  if (owner?.type !== "ForEach") return `'${ref.text}' is only defined in the Selector.Field of a ForEach step.`;
  return undefined;
}
