import { span, stringContentSpan } from "../json";
import { cyclicEdges } from "../graph";
import type { Rule } from "../rule";

export const dependencyCycle: Rule = {
  code: "dependency-cycle",
  defaultSeverity: "error",
  description: "Steps that depend on each other in a cycle (through DependsOn, `Steps.X` references and Condition branches).",
  acrossSteps: ["names", "references", "dependsOn"],
  check(context) {
    const edges = context.edges.filter((e) => !(e.kind === "dependsOn" && e.from === e.to));
    return cyclicEdges(context.model.steps, edges).map((edge) => {
      const how = edge.kind === "dependsOn" ? "depends on" : edge.kind === "reference" ? "reads the output of" : "is in a branch of";
      const location = edge.nameSpan ? stringContentSpan(context.text, edge.token, edge.nameSpan.start, edge.nameSpan.end) : span(edge.token);
      const message =
        edge.from === edge.to
          ? `Step '${edge.to.name}' reads its own output: a step cannot depend on itself.`
          : `Dependency cycle: '${edge.to.name}' ${how} '${edge.from.name}', which (directly or indirectly) depends on '${edge.to.name}'.`;
      return { code: "dependency-cycle", message, ...location, data: { from: edge.from.name, to: edge.to.name } };
    });
  },
};
