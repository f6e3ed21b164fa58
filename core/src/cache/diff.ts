import { isExpression } from "./policy";
import { elementNames, elementPath, isPlainObject, memberPath } from "./paths";
import type { AttributeChange } from "./types";

/**
 * The places where two resolved values differ, deepest first-differing place each. Expressions are compared
 * whole (two identical expressions are equal here; whether that can hit the cache is the caller's question).
 * Lists of objects whose elements all have names are matched by name; a list of plain values is one value.
 */
export function diffValues(before: unknown, after: unknown, path = ""): AttributeChange[] {
  const changes: AttributeChange[] = [];
  collect(before, after, path, changes);
  return changes;
}

function collect(before: unknown, after: unknown, path: string, into: AttributeChange[]): void {
  if (before === undefined && after === undefined) return;
  if (isPlainObject(before) && isPlainObject(after) && !isExpression(before) && !isExpression(after)) {
    const members = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    for (const member of members) collect(before[member], after[member], memberPath(path, member), into);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].some((e) => typeof e === "object" && e !== null)) {
    collectList(before, after, path, into);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) into.push(change(path, before, after));
}

function collectList(before: unknown[], after: unknown[], path: string, into: AttributeChange[]): void {
  const beforeNames = elementNames(before);
  const afterNames = elementNames(after);
  if (!beforeNames || !afterNames) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) collect(before[i], after[i], elementPath(path, i), into);
    return;
  }
  const count = into.length;
  const names = [...beforeNames, ...afterNames.filter((n) => !beforeNames.includes(n))];
  for (const name of names) {
    collect(before[beforeNames.indexOf(name)], after[afterNames.indexOf(name)], elementPath(path, name), into);
  }
  // The same elements in another order still make another key.
  if (into.length === count && beforeNames.join("\u0000") !== afterNames.join("\u0000")) {
    into.push(change(`${path} (order)`, beforeNames, afterNames));
  }
}

function change(path: string, before: unknown, after: unknown): AttributeChange {
  const result: AttributeChange = { path };
  if (before !== undefined) result.before = before;
  if (after !== undefined) result.after = after;
  return result;
}

/** JSON with sorted members, so that member order does not count (as in the engine's key). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
