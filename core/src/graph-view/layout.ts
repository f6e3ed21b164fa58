/**
 * Positions for the graph view, by the bundled layout library (@dagrejs/dagre: layered, synchronous). Pure: the same
 * graph gives the same layout in the webview and in Node (benchmarks, tests). Node sizes come from the label lengths,
 * not from measured text, so the layout does not depend on fonts.
 */
import { Graph, layout } from "@dagrejs/dagre";
import { fastRanker } from "./ranker";
import type { GraphEdge, GraphNode, PipelineGraph } from "./types";

export interface Point {
  x: number;
  y: number;
}

/** `x`, `y`: the top-left corner. */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeRoute {
  id: string;
  points: Point[];
  /** Where the edge's label (`if` / `else`) is centred. */
  label?: Point & { text: string };
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgeRoute[];
}

export interface LayoutOptions {
  /** `TB`: top to bottom (default); `LR`: left to right. */
  direction?: "TB" | "LR";
  /** Above this many nodes the linear-time ranker replaces network simplex (default 200). */
  fastRankerAbove?: number;
}

export const NODE_HEIGHT = 56;
const CHAR_WIDTH = 7.5;
const MIN_WIDTH = 140;
const MAX_WIDTH = 320;
const LABEL = { width: 34, height: 16 };
const FAST_RANKER_ABOVE = 200;

/** Wide enough for the name (bold) or the type line, within bounds. */
export function nodeWidth(node: GraphNode): number {
  const longest = Math.max(node.label.length * 1.1, (node.stepType?.length ?? 0) + 22);
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest * CHAR_WIDTH + 28)));
}

const edgeLabel = (edge: GraphEdge): string | undefined => (edge.kind === "if" || edge.kind === "else" || edge.kind === "each" ? edge.kind : undefined);

export function layoutGraph(graph: PipelineGraph, options: LayoutOptions = {}): GraphLayout {
  if (graph.nodes.length === 0) return { width: 0, height: 0, nodes: [], edges: [] };
  const ranker = graph.nodes.length > (options.fastRankerAbove ?? FAST_RANKER_ABOVE) ? fastRanker : "network-simplex";
  // The layout library keys plain objects by id: internal ids keep any step name (`__proto__`…) harmless.
  const key = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: options.direction ?? "TB", nodesep: 28, ranksep: 48, edgesep: 12, ranker });
  g.setDefaultEdgeLabel(() => ({}));
  graph.nodes.forEach((node) => g.setNode(key.get(node.id)!, { width: nodeWidth(node), height: NODE_HEIGHT }));
  graph.edges.forEach((edge, i) => {
    const label = edgeLabel(edge);
    // Branch edges pull harder: a Condition's branches sit right under it.
    g.setEdge(key.get(edge.from)!, key.get(edge.to)!, { weight: label ? 2 : 1, ...(label ? { ...LABEL, labelpos: "c" } : {}) }, `e${i}`);
  });
  layout(g);

  const nodes = graph.nodes.map((node): NodeBox => {
    const n = g.node(key.get(node.id)!);
    return { id: node.id, x: n.x! - n.width / 2, y: n.y! - n.height / 2, width: n.width, height: n.height };
  });
  const edges = graph.edges.map((edge, i): EdgeRoute => {
    const e = g.edge(key.get(edge.from)!, key.get(edge.to)!, `e${i}`);
    const text = edgeLabel(edge);
    return {
      id: edge.id,
      points: (e.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })),
      ...(text && e.x !== undefined && e.y !== undefined ? { label: { x: e.x, y: e.y, text } } : {}),
    };
  });
  return framed(nodes, edges);
}

const MARGIN = 16;

/** dagre bounds the nodes only: long edges may swing outside. Shifts everything so nodes and routes lie inside. */
function framed(nodes: NodeBox[], edges: EdgeRoute[]): GraphLayout {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const include = (x1: number, y1: number, x2: number, y2: number) => {
    minX = Math.min(minX, x1);
    minY = Math.min(minY, y1);
    maxX = Math.max(maxX, x2);
    maxY = Math.max(maxY, y2);
  };
  for (const n of nodes) include(n.x, n.y, n.x + n.width, n.y + n.height);
  for (const e of edges) {
    for (const p of e.points) include(p.x, p.y, p.x, p.y);
    if (e.label) include(e.label.x - LABEL.width / 2, e.label.y - LABEL.height / 2, e.label.x + LABEL.width / 2, e.label.y + LABEL.height / 2);
  }
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  const move = (p: Point) => ({ x: p.x + dx, y: p.y + dy });
  return {
    width: Math.ceil(maxX - minX + 2 * MARGIN),
    height: Math.ceil(maxY - minY + 2 * MARGIN),
    nodes: nodes.map((n) => ({ ...n, ...move(n) })),
    edges: edges.map((e) => ({ ...e, points: e.points.map(move), ...(e.label ? { label: { ...e.label, ...move(e.label) } } : {}) })),
  };
}
