import { stringContentSpan } from "../json";
import { EXECUTION_VARIABLES, EXPERIMENT_CONFIG_MEMBERS } from "../references";
import type { Rule } from "../rule";

export const referenceUnknownExecutionVariable: Rule = {
  code: "reference-unknown-execution-variable",
  defaultSeverity: "error",
  description: "A `Get` of `Execution.X` (or `PipelineExperimentConfig.X`) that the service does not define.",
  acrossSteps: ["references"],
  check(context) {
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root !== "Execution" && parsed.root !== "PipelineExperimentConfig") return [];
      const known = parsed.root === "Execution" ? Object.keys(EXECUTION_VARIABLES) : EXPERIMENT_CONFIG_MEMBERS;
      if (known.includes(parsed.name)) return [];
      const suggestion = context.closest(`variables:${parsed.root}`, parsed.name, () => known);
      return [
        {
          code: "reference-unknown-execution-variable",
          message: `'${parsed.root}.${parsed.name}' is not defined. ${suggestion ? `Did you mean '${suggestion}'?` : `Known: ${known.join(", ")}.`}`,
          ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
          data: { name: parsed.name, suggestion },
        },
      ];
    });
  },
};
