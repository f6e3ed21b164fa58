import { dependencyEdges } from "./graph";
import type { PipelineModel } from "./model";

/** The pipeline's steps as a graph of names: what the planner and the engines reason about. */
export interface StepDag {
  /** Step names in document order. */
  names: string[];
  /** Direct upstream steps of each step (DependsOn, `Steps.X` references, the Condition of a branch step). */
  upstream: Map<string, Set<string>>;
  downstream: Map<string, Set<string>>;
}

export function stepDag(model: PipelineModel): StepDag {
  const names = [...model.stepsByName.keys()];
  const upstream = new Map(names.map((n) => [n, new Set<string>()]));
  const downstream = new Map(names.map((n) => [n, new Set<string>()]));
  for (const edge of dependencyEdges(model)) {
    const from = edge.from.name;
    const to = edge.to.name;
    if (from === undefined || to === undefined || from === to) continue;
    upstream.get(to)?.add(from);
    downstream.get(from)?.add(to);
  }
  return { names, upstream, downstream };
}

/** Every step reachable from `start` along `edges` (not including `start` itself). */
export function reachable(start: Iterable<string>, edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>();
  const work = [...start];
  while (work.length > 0) {
    for (const next of edges.get(work.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        work.push(next);
      }
    }
  }
  return seen;
}

export function ancestors(dag: StepDag, names: Iterable<string>): Set<string> {
  return reachable(names, dag.upstream);
}

export function descendants(dag: StepDag, names: Iterable<string>): Set<string> {
  return reachable(names, dag.downstream);
}
