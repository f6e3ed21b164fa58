import { parseReference } from "../references";
import { isExpression, PER_RUN_EXECUTION_VARIABLES } from "./policy";
import { elementNames, elementPath, isPlainObject, memberPath } from "./paths";
import type { PerRunRead } from "./types";

export interface KeyReads {
  /** Reads of execution variables that change every run. */
  perRun: PerRunRead[];
  /** Upstream step name → the paths that read its outputs. */
  upstream: Map<string, string[]>;
}

/** What the expressions left in resolved key attributes read; a read is placed at the path of its outermost expression. */
export function keyReads(key: Record<string, unknown>): KeyReads {
  const reads: KeyReads = { perRun: [], upstream: new Map() };
  for (const [member, value] of Object.entries(key)) visit(value, memberPath("", member), reads);
  return reads;
}

function visit(value: unknown, path: string, reads: KeyReads): void {
  if (isExpression(value)) {
    for (const reference of getsIn(value)) record(reference, path, reads);
    return;
  }
  if (Array.isArray(value)) {
    const names = elementNames(value);
    value.forEach((element, index) => visit(element, elementPath(path, names?.[index] ?? index), reads));
  } else if (isPlainObject(value)) {
    for (const [member, child] of Object.entries(value)) visit(child, memberPath(path, member), reads);
  }
}

function record(reference: string, path: string, reads: KeyReads): void {
  const parsed = parseReference(reference);
  if (parsed.root === "Execution" && PER_RUN_EXECUTION_VARIABLES.has(parsed.name)) {
    if (!reads.perRun.some((r) => r.path === path && r.reference === reference)) reads.perRun.push({ path, reference });
  } else if (parsed.root === "Steps" && parsed.stepName) {
    const paths = reads.upstream.get(parsed.stepName) ?? [];
    if (!paths.includes(path)) paths.push(path);
    reads.upstream.set(parsed.stepName, paths);
  }
}

/** Every Get string inside an expression (Std:Join values, Std:JsonGet property files included). */
function getsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) getsIn(v, into);
  else if (isPlainObject(value)) {
    if (typeof value.Get === "string") into.push(value.Get);
    for (const v of Object.values(value)) getsIn(v, into);
  }
  return into;
}
