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

/** A name offered as "did you mean", with its edit distance from what was written. */
export interface Suggestion {
  name: string;
  distance: number;
}

/**
 * The options close enough to `written` to suggest, best first (ties keep the options' order), at
 * most `limit`. A truncated or extended name ("VolumeSize" for "VolumeSizeInGB") counts as close.
 */
export function nearest(written: string, options: Iterable<string>, limit = 3): Suggestion[] {
  const cutoff = Math.max(2, Math.floor(written.length / 3));
  const a = written.toLowerCase();
  const ranked: Suggestion[] = [];
  const seen = new Set<string>();
  for (const option of options) {
    if (option === written || seen.has(option)) continue;
    seen.add(option);
    const b = option.toLowerCase();
    const prefix = a !== b && a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a));
    // The distance is at least the difference in length: skip the quadratic computation when that is too far already.
    if (!prefix && Math.abs(a.length - b.length) > cutoff) continue;
    const distance = prefix ? 1 : levenshtein(a, b);
    if (distance <= cutoff) ranked.push({ name: option, distance });
  }
  return ranked.sort((x, y) => x.distance - y.distance).slice(0, limit);
}

/** The single best "did you mean" suggestion, if any option is close enough. */
export function closest(written: string, options: Iterable<string>): string | undefined {
  return nearest(written, options, 1)[0]?.name;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
