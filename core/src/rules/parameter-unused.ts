import { span } from "../json";
import type { Rule } from "../rule";

export const parameterUnused: Rule = {
  code: "parameter-unused",
  defaultSeverity: "hint",
  description: "A parameter that no `Get` reads.",
  acrossSteps: ["references"],
  check(context) {
    const used = new Set(context.model.references.filter((r) => r.parsed.root === "Parameters").map((r) => (r.parsed as { name: string }).name));
    return context.model.parameters
      .filter((p) => p.name !== undefined && !used.has(p.name) && context.model.parametersByName.get(p.name) === p)
      .map((p) => ({
        code: "parameter-unused",
        message: `Parameter '${p.name}' is never used.`,
        ...span(p.nameNode!),
        data: { name: p.name },
      }));
  },
};
