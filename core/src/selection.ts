import { ancestors, descendants, type StepDag } from "./dag";

/**
 * The rules of selective execution, for the client's planner and the local engine alike:
 * the selected steps must exist, be connected in the DAG, and include every step on every path
 * between two of them. Non-selected steps upstream of the selection are reused from a reference
 * execution; non-selected steps downstream of it do not run.
 */
export interface SelectionAnalysis {
  unknown: string[];
  /** Steps on a path between two selected steps that are not selected themselves. */
  missingBetween: string[];
  /** False when the selection falls apart into pieces with no DAG edge between them. */
  connected: boolean;
  /** Non-selected steps whose outputs the selection reads, directly or through other such steps. */
  reusedUpstream: string[];
  /** Non-selected steps downstream of the selection: they do not run. */
  skippedDownstream: string[];
  /** Selected steps that depend on a non-selected step (they need a reference execution). */
  needReference: string[];
}

export function analyzeSelection(dag: StepDag, selected: string[]): SelectionAnalysis {
  const known = new Set(dag.names);
  const unknown = selected.filter((s) => !known.has(s));
  const chosen = new Set(selected.filter((s) => known.has(s)));
  const inOrder = (set: Set<string>) => dag.names.filter((n) => set.has(n));

  const missing = new Set<string>();
  for (const a of chosen) {
    const below = descendants(dag, [a]);
    for (const b of chosen) {
      if (a === b || !below.has(b)) continue;
      const between = ancestors(dag, [b]);
      for (const step of below) if (between.has(step) && !chosen.has(step)) missing.add(step);
    }
  }

  const upstream = ancestors(dag, chosen);
  const downstream = descendants(dag, chosen);
  const reused = new Set([...upstream].filter((s) => !chosen.has(s)));
  const skipped = new Set([...downstream].filter((s) => !chosen.has(s) && !upstream.has(s)));
  const needReference = new Set([...chosen].filter((s) => [...(dag.upstream.get(s) ?? [])].some((u) => !chosen.has(u))));

  return {
    unknown,
    missingBetween: inOrder(missing),
    connected: isConnected(dag, chosen),
    reusedUpstream: inOrder(reused),
    skippedDownstream: inOrder(skipped),
    needReference: inOrder(needReference),
  };
}

/** Connected when every selected step can reach every other one over edges between selected steps (in either direction). */
function isConnected(dag: StepDag, chosen: Set<string>): boolean {
  if (chosen.size <= 1) return true;
  const [first] = chosen;
  const seen = new Set([first]);
  const work = [first];
  while (work.length > 0) {
    const step = work.pop()!;
    for (const next of [...(dag.upstream.get(step) ?? []), ...(dag.downstream.get(step) ?? [])]) {
      if (chosen.has(next) && !seen.has(next)) {
        seen.add(next);
        work.push(next);
      }
    }
  }
  return seen.size === chosen.size;
}
