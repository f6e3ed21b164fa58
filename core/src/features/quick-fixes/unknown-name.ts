import { parseReference } from "../../references";
import type { PipelineDocument } from "../document";
import type { Occurrence } from "../symbols";
import type { Node } from "../../json";
import { isObvious, leading } from "./nearest";
import { quickFixAction, replaceString, stringContent, stringData, type OffsetEdit, type QuickFix } from "./quick-fix";

const KIND: Record<string, Occurrence["kind"]> = {
  "reference-unknown-step": "step",
  "depends-on-unknown-step": "step",
  "reference-unknown-parameter": "parameter",
};

/**
 * A `Get` or `DependsOn` naming a step or parameter that does not exist: "did you mean" the nearest
 * existing names (up to three, best first), replacing just the name.
 */
export const unknownName: QuickFix = {
  codes: Object.keys(KIND),
  provide(context) {
    const { document, start, end } = context;
    const kind = KIND[String(context.diagnostic.code)];
    const name = stringData(context.data, "name");
    if (!kind || name === undefined) return [];
    const occurrence = document.index.within(start, end).find((o) => o.kind === kind && o.name === name && o.role !== "definition");
    if (!occurrence) return [];
    // A step that depends on (or reads) itself only trades this error for another.
    const own = kind === "step" ? enclosingStepName(document, occurrence.node) : undefined;
    const ranked = document.names(kind === "step" ? "steps" : "parameters").nearest(name, 4);
    const suggestions = leading(ranked.filter((s) => s.name !== own).slice(0, 3), stringData(context.data, "suggestion"));
    return suggestions.flatMap((suggestion, i) => {
      const edit = renameEdit(document, occurrence, suggestion.name);
      return edit ? [quickFixAction(context, `Change to '${suggestion.name}'`, [edit], isObvious(suggestions, i))] : [];
    });
  },
};

function renameEdit(document: PipelineDocument, occurrence: Occurrence, newName: string): OffsetEdit | undefined {
  // The occurrence covers the name's characters, unless the string has escapes: then the whole token.
  if (document.text.slice(occurrence.start, occurrence.end) === occurrence.name) {
    return { start: occurrence.start, end: occurrence.end, newText: stringContent(newName) };
  }
  const value = occurrence.node.value as string;
  if (occurrence.role === "dependsOn") return replaceString(occurrence.node, newName);
  const parsed = parseReference(value);
  if (parsed.root === "unknown") return undefined;
  return replaceString(occurrence.node, value.slice(0, parsed.nameStart) + newName + value.slice(parsed.nameEnd));
}

/** The name of the innermost step whose object contains `node` (up the tree: linear in its depth, not in the steps). */
function enclosingStepName(document: PipelineDocument, node: Node): string | undefined {
  const steps = document.stepsByNode();
  for (let at: Node | undefined = node; at; at = at.parent) {
    if (steps.has(at)) return steps.get(at);
  }
  return undefined;
}
