import type { Node } from "../json";

/** Members whose values the rules across steps read (besides every key, reference and `DependsOn` entry). */
const READ_VALUES = new Set(["Name", "Type", "OutputName", "PropertyFileName", "FilePath"]);

/**
 * What the rules across steps (`Rule.acrossSteps`) can read of a step, as text: every key in order, the values of the
 * members they read (names, types, output and property file names), whole `Get` and `Std:JsonGet` expressions and `DependsOn`
 * entries; every other value is reduced to its JSON type. An edit that leaves it unchanged (typing inside an S3 URI, an
 * image, a hyperparameter) cannot change those rules' findings, only move them.
 */
export function stepInterface(node: Node, text: string): string {
  const out: string[] = [];
  sketch(node, text, false, out);
  return out.join("");
}

function raw(node: Node, text: string): string {
  return text.slice(node.offset, node.offset + node.length);
}

function sketch(node: Node, text: string, whole: boolean, out: string[]): void {
  if (whole) {
    out.push(raw(node, text));
    return;
  }
  const children = node.children ?? [];
  if (node.type === "object") {
    if (children.some((property) => isExpressionKey(property.children?.[0]?.value))) {
      out.push(raw(node, text));
      return;
    }
    out.push("{");
    for (const property of children) {
      const [key, value] = property.children ?? [];
      out.push(key ? raw(key, text) : "?", ":");
      if (value) sketch(value, text, key?.value === "DependsOn" || READ_VALUES.has(key?.value as string), out);
      out.push(",");
    }
    out.push("}");
  } else if (node.type === "array") {
    out.push("[");
    for (const element of children) {
      sketch(element, text, false, out);
      out.push(",");
    }
    out.push("]");
  } else {
    out.push(node.type[0]);
  }
}

/** `Get` and `Std:JsonGet` (property file and path) are read whole; `Std:Join` only for the `Get`s among its values. */
function isExpressionKey(key: unknown): boolean {
  return key === "Get" || key === "Std:JsonGet";
}
