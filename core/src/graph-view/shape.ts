import type { PipelineGraph } from "./types";

/**
 * What moves nodes: a new layout is needed when ids, labels, types, folded branches or edges change, not on every
 * keystroke (a change of spans, statuses or marks redraws on the same layout).
 */
export function shapeKey(graph: PipelineGraph): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.label, n.stepType ?? null, n.collapsed?.length ?? -1]), graph.edges.map((e) => e.id)]);
}
