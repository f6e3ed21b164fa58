import { elements, keyOf, memberValue, span } from "../json";
import type { Rule } from "../rule";

const LIMIT = 10;

export const processingInputsLimit: Rule = {
  code: "processing-inputs-limit",
  defaultSeverity: "error",
  description: "More than 10 `ProcessingInputs`: CreatePipeline accepts it, but the step fails when it runs.",
  check: (context) =>
    context.eachStep("processing-inputs-limit", (step) => {
      const inputs = memberValue(step.argumentsNode, "ProcessingInputs");
      const count = elements(inputs).length;
      if (count <= LIMIT) return [];
      return [
        {
          code: "processing-inputs-limit",
          message: `${count} ProcessingInputs: a processing job takes at most ${LIMIT}. CreatePipeline accepts this, but step '${step.name}' will fail when it runs.`,
          ...span(keyOf(inputs!)!),
        },
      ];
    }),
};
