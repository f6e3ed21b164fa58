import type { GraphNode } from "../../core/src/graph-view";

/**
 * The nodes whose step name holds `query` (case-insensitive), in drawing order; a collapsed Condition matches when one
 * of the steps it folds does.
 */
export function matchingNodes(nodes: Iterable<GraphNode>, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const matches: string[] = [];
  for (const node of nodes) {
    if (node.label.toLowerCase().includes(q) || node.collapsed?.some((name) => name.toLowerCase().includes(q))) matches.push(node.id);
  }
  return matches;
}
