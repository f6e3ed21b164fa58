import { elements, memberValue, span } from "../json";
import { listed } from "../listed";
import type { Rule } from "../rule";
import { declaredOutputs } from "./reference-unknown-output";

/** Each PropertyFiles entry's OutputName must name one of the step's ProcessingOutputConfig outputs. */
export const propertyFileUnknownOutput: Rule = {
  code: "property-file-unknown-output",
  defaultSeverity: "error",
  description: "A `PropertyFiles` entry whose `OutputName` is not one of the step's processing outputs.",
  acrossSteps: ["names", "outputs"],
  check(context) {
    return context.model.steps.flatMap((step) => {
      const files = elements(memberValue(step.node, "PropertyFiles"));
      if (files.length === 0) return [];
      const outputs = declaredOutputs(step, "Outputs");
      if (outputs === undefined) return [];
      const known = new Set(outputs);
      return files.flatMap((file) => {
        const outputName = memberValue(file, "OutputName");
        if (outputName?.type !== "string" || known.has(outputName.value as string)) return [];
        const suggestion = context.closest(`outputs:Outputs:${step.name}`, outputName.value as string, () => outputs);
        return [
          {
            code: "property-file-unknown-output",
            message: `Property file output '${outputName.value}' is not an output of step '${step.name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ""} Outputs: ${listed(outputs) || "none"}.`,
            ...span(outputName),
            data: { name: outputName.value, suggestion, declared: outputs },
          },
        ];
      });
    });
  },
};
