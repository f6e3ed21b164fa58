import type { PipelineGraph } from "./types";

/** The innermost step whose text holds `offset` (nested Condition branches hold their steps): what the cursor is in. */
export function nodeAtOffset(graph: PipelineGraph, offset: number): string | undefined {
  let best: { id: string; size: number } | undefined;
  for (const node of graph.nodes) {
    const span = node.span;
    if (!span || offset < span.start || offset > span.end) continue;
    const size = span.end - span.start;
    if (!best || size < best.size) best = { id: node.id, size };
  }
  return best?.id;
}
