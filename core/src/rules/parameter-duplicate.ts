import { span } from "../json";
import type { Rule } from "../rule";

export const parameterDuplicate: Rule = {
  code: "parameter-duplicate",
  defaultSeverity: "error",
  description: "Two parameters with the same name.",
  acrossSteps: [],
  check: (context) =>
    context.model.parameters
      .filter((p) => p.name !== undefined && context.model.parametersByName.get(p.name) !== p)
      .map((p) => ({
        code: "parameter-duplicate",
        message: `Parameter '${p.name}' is declared more than once.`,
        ...span(p.nameNode!),
        data: { name: p.name },
      })),
};
