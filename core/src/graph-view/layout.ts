/**
 * Positions for the graph view, by the layered layout of ./layered (top to bottom). Pure: the same graph (and seed)
 * gives the same layout in the extension's layout worker and in Node (benchmarks, tests). Node sizes come from the
 * label lengths, not from measured text, so the layout does not depend on fonts.
 */
import { layered } from "./layered";
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
  /** Edge crossings between consecutive layers (long edges counted through each layer they cross). */
  crossings: number;
}

export interface LayoutOptions {
  /**
   * The drawing before an edit: nodes that stay keep their left-to-right order and are drawn near where they were, so
   * adding or removing a step does not reshuffle the picture. Without it, the order minimises crossings.
   */
  previous?: GraphLayout;
}

export const NODE_HEIGHT = 56;
/** The page's estimates of its text widths (webview/src/render.ts cuts texts by the same). */
export const NAME_CHAR_WIDTH = 7.6;
export const DETAIL_CHAR_WIDTH = 6.6;
const MIN_WIDTH = 150;
const MAX_WIDTH = 300;
/** Room on the type line for a status: ` · Succeeded · 12.3 s`. */
const STATUS_CHARS = 20;
const LABEL = { width: 34, height: 16 };
const LOOP = 24;
const MARGIN = 16;

/** Wide enough for the name (bold; a Condition's has its fold toggle beside it) or the type line with a status, within bounds. */
export function nodeWidth(node: GraphNode): number {
  const name = ((node.stepType === "Condition" ? 2 : 0) + node.label.length) * NAME_CHAR_WIDTH + (node.stepType === "Condition" ? 46 : 24);
  const detail = ((node.stepType ?? "no Type").length + STATUS_CHARS) * DETAIL_CHAR_WIDTH + 24;
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, name, detail)));
}

const edgeLabel = (edge: GraphEdge): string | undefined => (edge.kind === "if" || edge.kind === "else" || edge.kind === "each" ? edge.kind : undefined);

export const EMPTY_LAYOUT: GraphLayout = { width: 0, height: 0, nodes: [], edges: [], crossings: 0 };

export function layoutGraph(graph: PipelineGraph, options: LayoutOptions = {}): GraphLayout {
  if (graph.nodes.length === 0) return EMPTY_LAYOUT;
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const widths = graph.nodes.map(nodeWidth);
  const previous = options.previous && new Map(options.previous.nodes.map((b) => [b.id, b.x + b.width / 2]));
  const previousRoutes = options.previous && new Map(options.previous.edges.map((e) => [e.id, e.points]));
  const edges = graph.edges.filter((e) => index.has(e.from) && index.has(e.to));
  const result = layered({
    widths,
    height: NODE_HEIGHT,
    // Branch edges pull harder: a Condition's branches sit right under it.
    edges: edges.map((e) => ({ from: index.get(e.from)!, to: index.get(e.to)!, weight: edgeLabel(e) ? 2 : 1 })),
    seedX: previous && graph.nodes.map((node) => previous.get(node.id)),
    seedBends: previousRoutes && edges.map((e) => bendsOf(previousRoutes.get(e.id))),
  });
  const nodes = graph.nodes.map((node, i): NodeBox => ({ id: node.id, x: result.x[i] - widths[i] / 2, y: result.y[i], width: widths[i], height: NODE_HEIGHT }));
  const routes = edges.map((edge, i): EdgeRoute => {
    const box = nodes[index.get(edge.from)!];
    const points = result.routes[i].length ? result.routes[i] : selfLoop(box);
    const text = edgeLabel(edge);
    return { id: edge.id, points, ...(text ? { label: { ...labelPoint(points), text } } : {}) };
  });
  return framed(nodes, routes, result.crossings, previous !== undefined);
}

/** The x of a route's bends, top to bottom (a route runs from `from` to `to`: upwards when the edge closes a cycle). */
function bendsOf(points: Point[] | undefined): number[] | undefined {
  if (!points || points.length < 2) return undefined;
  const downwards = points[0].y <= points[points.length - 1].y;
  const inner = points.slice(1, -1).map((p) => p.x);
  return downwards ? inner : inner.reverse();
}

/** A loop on the right side of the node. */
function selfLoop(box: NodeBox): Point[] {
  const right = box.x + box.width;
  return [
    { x: right, y: box.y + box.height / 3 },
    { x: right + LOOP, y: box.y + box.height / 3 },
    { x: right + LOOP, y: box.y + (2 * box.height) / 3 },
    { x: right, y: box.y + (2 * box.height) / 3 },
  ];
}

/** The middle of the last segment: near the branch's step, where labels of one Condition's branches do not meet. */
function labelPoint(points: Point[]): Point {
  const a = points[points.length - 2] ?? points[0];
  const b = points[points.length - 1];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * Shifts everything so nodes, routes and labels lie inside, with a margin. `keep`: a seeded layout is already in the
 * previous drawing's coordinates; it moves only if something would lie outside.
 */
function framed(nodes: NodeBox[], edges: EdgeRoute[], crossings: number, keep: boolean): GraphLayout {
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
  const dx = keep ? Math.max(0, MARGIN - minX) : MARGIN - minX;
  const dy = keep ? Math.max(0, MARGIN - minY) : MARGIN - minY;
  const move = (p: Point) => ({ x: p.x + dx, y: p.y + dy });
  return {
    width: Math.ceil(maxX + dx + MARGIN),
    height: Math.ceil(maxY + dy + MARGIN),
    nodes: nodes.map((n) => ({ ...n, ...move(n) })),
    edges: edges.map((e) => ({ ...e, points: e.points.map(move), ...(e.label ? { label: { ...e.label, ...move(e.label) } } : {}) })),
    crossings,
  };
}

/** The layout worker's request and reply (client/src/graph/layout-worker.ts). */
export interface LayoutRequest {
  id: number;
  graph: PipelineGraph;
  previous?: GraphLayout;
}

export type LayoutReply = { id: number; layout: GraphLayout } | { id: number; error: string };

export function answerLayout(request: LayoutRequest): LayoutReply {
  try {
    return { id: request.id, layout: layoutGraph(request.graph, { previous: request.previous }) };
  } catch (error) {
    return { id: request.id, error: (error as Error).message };
  }
}
