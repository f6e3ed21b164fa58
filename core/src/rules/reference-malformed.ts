import { span, stringContentSpan } from "../json";
import type { Rule } from "../rule";

export const referenceMalformed: Rule = {
  code: "reference-malformed",
  defaultSeverity: "error",
  description: "A `Get` string that is not `Parameters.X`, `Execution.X`, `PipelineExperimentConfig.X` or `Steps.X.<path>`.",
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root === "unknown") {
        return [
          {
            code: "reference-malformed",
            message: `'${parsed.text}' is not a reference: a Get starts with Parameters., Execution., PipelineExperimentConfig. or Steps.`,
            ...span(ref.node),
          },
        ];
      }
      if (parsed.root === "Steps") {
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
        if (parsed.stepName === "") {
          return [{ code: "reference-malformed", message: "A step name is missing after 'Steps.'.", ...span(ref.node) }];
        }
      }
      return [];
    });
  },
};
