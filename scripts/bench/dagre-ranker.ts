/**
 * A linear-time layer assignment for large graphs. dagre's default (network simplex) gives the tidiest layers but
 * grows worse than quadratically (about 35 s for 1,000 steps here); this one is a longest path from the sources
 * (iterative: deep nesting does not recurse) and one pass that pulls a node down next to its successors when it has
 * more (weighted) outgoing than incoming edges, which shortens most long edges.
 */
import type { Graph } from "@dagrejs/dagre";

export function fastRanker(g: Graph): void {
  const nodes: string[] = g.nodes();
  const pending = new Map<string, number>(nodes.map((v) => [v, 0]));
  for (const e of g.edges()) pending.set(e.w, (pending.get(e.w) ?? 0) + 1);
  const order = nodes.filter((v) => pending.get(v) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const e of g.outEdges(order[i]) ?? []) {
      const left = pending.get(e.w)! - 1;
      pending.set(e.w, left);
      if (left === 0) order.push(e.w);
    }
  }
  // The graph is acyclic here (dagre reverses cycle edges first); anything left over keeps rank 0.
  const rank = new Map<string, number>();
  const minlen = (e: { v: string; w: string; name?: string }) => (g.edge(e)?.minlen as number | undefined) ?? 1;
  const weight = (e: { v: string; w: string; name?: string }) => (g.edge(e)?.weight as number | undefined) ?? 1;
  for (const v of order) {
    let r = 0;
    for (const e of g.inEdges(v) ?? []) r = Math.max(r, (rank.get(e.v) ?? 0) + minlen(e));
    rank.set(v, r);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    const outs = g.outEdges(v) ?? [];
    const ins = g.inEdges(v) ?? [];
    if (outs.length === 0 || sum(outs.map(weight)) <= sum(ins.map(weight))) continue;
    let lowest = Number.POSITIVE_INFINITY;
    for (const e of outs) lowest = Math.min(lowest, rank.get(e.w)! - minlen(e));
    if (lowest > rank.get(v)!) rank.set(v, lowest);
  }
  for (const v of nodes) g.node(v).rank = rank.get(v) ?? 0;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
