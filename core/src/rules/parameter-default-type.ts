import { elements, span, type Node } from "../json";
import type { Finding } from "../diagnostic";
import type { Rule } from "../rule";

const accepts: Record<string, (node: Node) => boolean> = {
  String: (n) => n.type === "string",
  Integer: (n) => n.type === "number" && Number.isInteger(n.value),
  Float: (n) => n.type === "number",
  Boolean: (n) => n.type === "boolean",
};

export const parameterDefaultType: Rule = {
  code: "parameter-default-type",
  defaultSeverity: "error",
  description: "A parameter's `DefaultValue` (or `EnumValues`) does not match its `Type`, or the default is not one of its `EnumValues`.",
  acrossSteps: [],
  check(context) {
    const findings: Finding[] = [];
    for (const p of context.model.parameters) {
      const test = accepts[p.type];
      if (!test) continue; // an unknown Type is a schema error
      if (p.defaultNode && !test(p.defaultNode)) {
        findings.push({
          code: "parameter-default-type",
          message: `The default of ${p.type} parameter '${p.name}' must be ${expectation(p.type)}, not ${describe(p.defaultNode)}.`,
          ...span(p.defaultNode),
        });
      }
      const enumValues = elements(p.enumValuesNode);
      for (const value of enumValues) {
        if (!test(value)) {
          findings.push({
            code: "parameter-default-type",
            message: `Enum value ${describe(value)} of ${p.type} parameter '${p.name}' must be ${expectation(p.type)}.`,
            ...span(value),
          });
        }
      }
      if (p.defaultNode && enumValues.length > 0 && !enumValues.some((v) => v.value === p.defaultNode!.value)) {
        findings.push({
          code: "parameter-default-type",
          message: `The default ${describe(p.defaultNode)} of parameter '${p.name}' is not one of its EnumValues.`,
          ...span(p.defaultNode),
        });
      }
    }
    return findings;
  },
};

function expectation(type: string): string {
  return { String: "a string", Integer: "a whole number", Float: "a number", Boolean: "true or false" }[type] ?? type;
}

function describe(node: Node): string {
  return node.type === "string" || node.type === "number" || node.type === "boolean" ? JSON.stringify(node.value) : node.type;
}
