import { span } from "../json";
import type { Rule } from "../rule";
import { LineIndex } from "../text";

export const stepNameDuplicate: Rule = {
  code: "step-name-duplicate",
  defaultSeverity: "error",
  description: "Two steps with the same name, anywhere in the pipeline (Condition branches included).",
  acrossSteps: ["names"],
  check(context) {
    let lines: LineIndex | undefined; // only when there is a duplicate: it scans the whole text
    return context.model.steps.flatMap((step) => {
      if (step.name === undefined) return [];
      const first = context.model.stepsByName.get(step.name)!;
      if (first === step) return [];
      lines ??= new LineIndex(context.text);
      const line = lines.positionAt(first.nameNode!.offset).line + 1;
      return [
        {
          code: "step-name-duplicate",
          message: `Step name '${step.name}' is already used on line ${line}: step names must be unique across the pipeline, Condition branches included.`,
          ...span(step.nameNode!),
          data: { name: step.name },
        },
      ];
    });
  },
};
