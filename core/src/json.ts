import type { Node } from "jsonc-parser";

export type { Node };

/** The property node (key + value) named `key` of an object node. */
export function propertyNode(object: Node | undefined, key: string): Node | undefined {
  if (!object || object.type !== "object" || !object.children) return undefined;
  for (const property of object.children) {
    if (property.children?.[0]?.value === key) return property;
  }
  return undefined;
}

/** The value node of member `key` of an object node. */
export function memberValue(object: Node | undefined, key: string): Node | undefined {
  return propertyNode(object, key)?.children?.[1];
}

/** Key node of the property that holds `value`, if `value` is a property value. */
export function keyOf(value: Node): Node | undefined {
  const parent = value.parent;
  if (parent?.type === "property" && parent.children?.[1] === value) return parent.children[0];
  return undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === "string" ? (node.value as string) : undefined;
}

export function elements(node: Node | undefined): Node[] {
  return node?.type === "array" ? (node.children ?? []) : [];
}

export function members(node: Node | undefined): Array<{ key: Node; value: Node | undefined }> {
  if (node?.type !== "object") return [];
  return (node.children ?? []).map((p) => ({ key: p.children![0], value: p.children?.[1] }));
}

/** Visits every node below (and including) `node`; return false from `visit` to skip a subtree. */
export function walk(node: Node | undefined, visit: (node: Node) => boolean | void): void {
  if (!node) return;
  if (visit(node) === false) return;
  for (const child of node.children ?? []) walk(child, visit);
}

/**
 * Document offsets of characters [from, to) of a string node's content. Exact when the
 * source has no escape sequences; otherwise the whole string token (still the right token).
 */
export function stringContentSpan(text: string, node: Node, from: number, to: number): { start: number; end: number } {
  const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
  if (raw.includes("\\")) return { start: node.offset, end: node.offset + node.length };
  return { start: node.offset + 1 + from, end: node.offset + 1 + to };
}

export function span(node: Node): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

export { closest, nearest, type Suggestion } from "./suggestions";
