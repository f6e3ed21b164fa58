import type { GraphEdge, GraphNode, PipelineGraph } from "./types";

/**
 * The graph with the branches of the `collapsed` Condition steps folded into them: the steps of those branches (at any
 * depth) are hidden, each collapsed Condition lists the steps it hides, and edges to or from a hidden step are drawn to
 * its outermost collapsed Condition (once per kind and pair; edges inside one folded Condition disappear).
 */
export function collapseBranches(graph: PipelineGraph, collapsed: Iterable<string>): PipelineGraph {
  const folded = new Set(collapsed);
  if (folded.size === 0) return graph;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const shownAs = new Map<string, string>();
  const visible = (node: GraphNode): string => {
    let shown = node.id;
    const seen = new Set<string>();
    for (let c = node.condition; c !== undefined && !seen.has(c); c = byId.get(c)?.condition) {
      seen.add(c);
      if (folded.has(c)) shown = c;
    }
    return shown;
  };
  for (const node of graph.nodes) shownAs.set(node.id, visible(node));

  const hidden = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const shown = shownAs.get(node.id)!;
    if (shown !== node.id) hidden.set(shown, [...(hidden.get(shown) ?? []), node.label]);
  }
  const nodes = graph.nodes
    .filter((n) => shownAs.get(n.id) === n.id)
    .map((n) => (folded.has(n.id) && n.stepType === "Condition" ? { ...n, collapsed: hidden.get(n.id) ?? [] } : n));
  const edges = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const from = shownAs.get(edge.from) ?? edge.from;
    const to = shownAs.get(edge.to) ?? edge.to;
    if (from === to && edge.from !== edge.to) continue;
    const id = from === edge.from && to === edge.to ? edge.id : `${edge.kind}:${from}->${to}`;
    const merged = edges.get(id);
    if (!merged) edges.set(id, { ...edge, id, from, to, ...(edge.properties ? { properties: [...edge.properties] } : {}) });
    else {
      merged.broken ||= edge.broken;
      merged.cycle ||= edge.cycle;
      if (edge.properties) merged.properties = [...new Set([...(merged.properties ?? []), ...edge.properties])];
    }
  }
  return { nodes, edges: [...edges.values()] };
}

/** The Condition steps whose branches hold steps: what can be collapsed. */
export function collapsibleConditions(graph: PipelineGraph): string[] {
  const withBranches = new Set(graph.nodes.map((n) => n.condition).filter((c): c is string => c !== undefined));
  return graph.nodes.filter((n) => withBranches.has(n.id)).map((n) => n.id);
}
