import { closest, elements, memberValue, span } from "../json";
import type { Rule } from "../rule";
import { declaredOutputs } from "./reference-unknown-output";

/** Each PropertyFiles entry's OutputName must name one of the step's ProcessingOutputConfig outputs. */
export const propertyFileUnknownOutput: Rule = {
  code: "property-file-unknown-output",
  defaultSeverity: "error",
  description: "A `PropertyFiles` entry whose `OutputName` is not one of the step's processing outputs.",
  check(context) {
    return context.model.steps.flatMap((step) => {
      const files = elements(memberValue(step.node, "PropertyFiles"));
      if (files.length === 0) return [];
      const outputs = declaredOutputs(step, "Outputs");
      if (outputs === undefined) return [];
      return files.flatMap((file) => {
        const outputName = memberValue(file, "OutputName");
        if (outputName?.type !== "string" || outputs.includes(outputName.value as string)) return [];
        const suggestion = closest(outputName.value as string, outputs);
        return [
          {
            code: "property-file-unknown-output",
            message: `Property file output '${outputName.value}' is not an output of step '${step.name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ""} Outputs: ${outputs.join(", ") || "none"}.`,
            ...span(outputName),
            data: { name: outputName.value, suggestion, declared: outputs },
          },
        ];
      });
    });
  },
};
