import { elements, memberValue, stringContentSpan, stringValue } from "../json";
import { listed } from "../listed";
import type { Rule } from "../rule";
import type { StepModel } from "../model";
import { isStepPath, type PathSegment } from "../references";

/**
 * `Outputs['name']` must name an output the step declares (ProcessingOutputConfig.Outputs[].OutputName);
 * `OutputParameters['name']` must name a declared Lambda/Callback output parameter.
 */
export const referenceUnknownOutput: Rule = {
  code: "reference-unknown-output",
  defaultSeverity: "error",
  description: "`Outputs['name']` or `OutputParameters['name']` names an output the referenced step does not declare.",
  acrossSteps: ["names", "outputs", "references"],
  check(context) {
    // Each step's declared names are read once, however many references read it (linear on adversarial input).
    const declaredOf = new Map<string, { names: string[]; set: Set<string> } | undefined>();
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (!isStepPath(parsed)) return [];
      const target = context.model.stepsByName.get(parsed.stepName);
      if (!target) return [];
      const keyed = findKeyedOutput(parsed.path);
      if (!keyed) return [];
      const memoKey = `${keyed.collection}:${parsed.stepName}`;
      if (!declaredOf.has(memoKey)) {
        const names = declaredOutputs(target, keyed.collection);
        declaredOf.set(memoKey, names && { names, set: new Set(names) });
      }
      const known = declaredOf.get(memoKey);
      if (known === undefined || known.set.has(keyed.key)) return [];
      const declared = known.names;
      const suggestion = context.closest(`outputs:${memoKey}`, keyed.key, () => declared);
      const list = declared.length ? `Declared: ${listed(declared, (d) => `'${d}'`)}.` : "It declares none.";
      return [
        {
          code: "reference-unknown-output",
          message: `Step '${parsed.stepName}' has no output named '${keyed.key}'. ${suggestion ? `Did you mean '${suggestion}'? ` : ""}${list}`,
          ...stringContentSpan(context.text, ref.node, keyed.start, keyed.end),
          data: { name: keyed.key, suggestion, declared },
        },
      ];
    });
  },
};

function findKeyedOutput(path: PathSegment[]): { collection: "Outputs" | "OutputParameters"; key: string; start: number; end: number } | undefined {
  for (let i = 0; i + 1 < path.length; i++) {
    const member = path[i];
    const key = path[i + 1];
    if (member.kind !== "member" || key.kind !== "key") continue;
    if (member.name === "OutputParameters" && i === 0) return { collection: "OutputParameters", key: key.key, start: key.start, end: key.end };
    if (member.name === "Outputs" && path[i - 1]?.kind === "member" && (path[i - 1] as { name: string }).name === "ProcessingOutputConfig") {
      return { collection: "Outputs", key: key.key, start: key.start, end: key.end };
    }
  }
  return undefined;
}

/** Declared names, or undefined when they cannot be known statically (e.g. the list is an expression). */
export function declaredOutputs(step: StepModel, collection: "Outputs" | "OutputParameters"): string[] | undefined {
  const list =
    collection === "Outputs" ? memberValue(memberValue(step.argumentsNode, "ProcessingOutputConfig"), "Outputs") : memberValue(step.node, "OutputParameters");
  if (list === undefined) return [];
  if (list.type !== "array") return undefined;
  const field = collection === "Outputs" ? "OutputName" : "OutputName";
  const names: string[] = [];
  for (const item of elements(list)) {
    const name = stringValue(memberValue(item, field));
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}
