import type { AttributeChange } from "./types";

/** Longest rendering of one value before it is shortened with `…`. */
const MAX_VALUE_LENGTH = 80;
/** Unchanged characters kept on each side of the part that differs, when a value is shortened. */
const CONTEXT = 16;
const SLACK = 8;

/** `HyperParameters.max_depth: "5" → "6"`; a side that is not set reads `(not set)`. */
export function changeText(change: AttributeChange): string {
  const [before, after] = shortenPair(valueText(change.before), valueText(change.after));
  return `${change.path}: ${before} → ${after}`;
}

/** Compact JSON; `(not set)` for an absent value. */
export function valueText(value: unknown): string {
  return value === undefined ? "(not set)" : JSON.stringify(value);
}

/**
 * Two renderings shortened around the part where they differ, so that long values that differ in the middle
 * (an S3 key with a hash) still show the difference.
 */
export function shortenPair(a: string, b: string): [string, string] {
  if (a.length <= MAX_VALUE_LENGTH && b.length <= MAX_VALUE_LENGTH) return [a, b];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return [around(a, prefix, suffix), around(b, prefix, suffix)];
}

function around(text: string, prefix: number, suffix: number): string {
  if (text.length <= MAX_VALUE_LENGTH) return text;
  let start = Math.max(0, prefix - CONTEXT);
  let end = Math.min(text.length, text.length - suffix + CONTEXT);
  // Cutting off a few characters saves nothing and hides a file extension or a closing quote.
  if (start <= SLACK) start = 0;
  if (text.length - end <= SLACK) end = text.length;
  let middle = text.slice(start, end);
  if (middle.length > MAX_VALUE_LENGTH) middle = `${middle.slice(0, MAX_VALUE_LENGTH - 1)}…`;
  return `${start > 0 ? "…" : ""}${middle}${end < text.length && !middle.endsWith("…") ? "…" : ""}`;
}
