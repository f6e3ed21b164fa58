/**
 * A layered (Sugiyama) layout in four linear-ish passes, written for the graph view's needs: 1,000 steps in tens of
 * milliseconds, and stable across edits when seeded with the previous drawing.
 * 1. Cycles: edges closing a cycle (depth-first, in document order) are laid out reversed.
 * 2. Layers: longest path from the sources, then a node with more outgoing than incoming edges moves down next to
 *    its successors (shorter edges). Edges over several layers get one dummy vertex per layer crossed.
 * 3. Order within layers: barycenter sweeps down and up, keeping the order with the fewest crossings (counted
 *    exactly, bilayer by bilayer). Seeded: the previous drawing's order is kept and new vertices go where their
 *    neighbours are, so an edit does not reshuffle the picture.
 * 4. Coordinates: alternate sweeps place each vertex at its neighbours' mean, kept in order and apart by a weighted
 *    isotonic regression per layer (pool adjacent violators); dummies weigh more, so long edges run straight.
 */

export interface LayeredInput {
  /** Vertex sizes, in the caller's order. */
  widths: number[];
  height: number;
  /** Edges as vertex indices; `weight` pulls harder on coordinates (default 1). */
  edges: Array<{ from: number; to: number; weight?: number }>;
  /** The previous drawing's centre x per vertex (undefined: new). */
  seedX?: Array<number | undefined>;
  /** Per edge, the previous drawing's x of its bends, top to bottom (used when the edge still spans as many layers). */
  seedBends?: Array<number[] | undefined>;
  nodeGap?: number;
  layerGap?: number;
}

export interface LayeredResult {
  /** Centre x and top y per vertex. */
  x: number[];
  y: number[];
  rank: number[];
  /** Per edge, the points from the centre-bottom of its `from` to the centre-top of its `to` (self-loops: empty). */
  routes: Array<Array<{ x: number; y: number }>>;
  crossings: number;
}

interface Vertex {
  width: number;
  rank: number;
  /** A real vertex's index, or -1 for a dummy. */
  node: number;
  up: number[];
  down: number[];
  /** Weights of the up / down links, aligned with `up` / `down`. */
  upWeight: number[];
  downWeight: number[];
  key: number;
  x: number;
  /** Where the previous drawing had it. */
  seed?: number;
}

const DUMMY_WIDTH = 10;
const DUMMY_WEIGHT = 4;
const SWEEPS = 6;
const COORDINATE_PASSES = 8;
/** How hard a node that stays is held where the previous drawing had it (a neighbour pulls with 1–4). */
const SEED_WEIGHT = 1000;

export function layered(input: LayeredInput): LayeredResult {
  const n = input.widths.length;
  const nodeGap = input.nodeGap ?? 28;
  const layerGap = input.layerGap ?? 48;
  const edges = input.edges.map((e) => ({ ...e, weight: e.weight ?? 1, reversed: false }));
  const reversedEdges = acyclic(n, edges);
  for (const i of reversedEdges) edges[i].reversed = true;
  const rank = layers(n, edges);

  // Vertices: the nodes, then dummies; `chains[e]` lists an edge's vertices from its upper end to its lower end.
  const vertices: Vertex[] = input.widths.map((width, node) => ({ ...vertex(width, rank[node], node), seed: input.seedX?.[node] }));
  const chains: number[][] = edges.map((e, index) => {
    const [top, bottom] = e.reversed ? [e.to, e.from] : [e.from, e.to];
    if (top === bottom) return [];
    const chain = [top];
    const bends = input.seedBends?.[index];
    const fits = bends?.length === rank[bottom] - rank[top] - 1;
    for (let r = rank[top] + 1; r < rank[bottom]; r++) {
      vertices.push({ ...vertex(DUMMY_WIDTH, r, -1), ...(fits ? { seed: bends![r - rank[top] - 1] } : {}) });
      chain.push(vertices.length - 1);
    }
    chain.push(bottom);
    const weight = chain.length > 2 ? Math.max(e.weight, DUMMY_WEIGHT) : e.weight;
    for (let k = 0; k + 1 < chain.length; k++) link(vertices[chain[k]], chain[k], vertices[chain[k + 1]], chain[k + 1], weight);
    return chain;
  });

  const depth = rank.reduce((a, b) => Math.max(a, b + 1), 0);
  const byLayer: number[][] = Array.from({ length: depth }, () => []);
  vertices.forEach((v, i) => byLayer[v.rank].push(i));

  const seeded = input.seedX?.some((x) => x !== undefined) ?? false;
  let crossings: number;
  if (seeded) {
    seedOrder(vertices, byLayer);
    crossings = countCrossings(vertices, byLayer);
  } else crossings = reduceCrossings(vertices, byLayer);

  assignX(vertices, byLayer, nodeGap, seeded);
  const y = Array.from({ length: depth }, (_, r) => r * (input.height + layerGap));
  const ports = new Ports(vertices);
  const routes = edges.map((e, i) => route(ports, chains[i], e.reversed, y, input.height));
  return {
    x: vertices.slice(0, n).map((v) => v.x),
    y: rank.map((r) => y[r]),
    rank,
    routes,
    crossings,
  };
}

function vertex(width: number, rank: number, node: number): Vertex {
  return { width, rank, node, up: [], down: [], upWeight: [], downWeight: [], key: 0, x: 0 };
}

function link(top: Vertex, topIndex: number, bottom: Vertex, bottomIndex: number, weight: number): void {
  top.down.push(bottomIndex);
  top.downWeight.push(weight);
  bottom.up.push(topIndex);
  bottom.upWeight.push(weight);
}

/** The edges to reverse so that the rest is acyclic: back edges of an iterative depth-first search (self-loops too). */
function acyclic(n: number, edges: Array<{ from: number; to: number }>): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e, i) => out[e.from].push(i));
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const reversed: number[] = [];
  for (let start = 0; start < n; start++) {
    if (state[start]) continue;
    const stack: Array<[number, number]> = [[start, 0]];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, next] = top;
      if (next === out[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const edge = out[v][next];
      const w = edges[edge].to;
      if (state[w] === 1) reversed.push(edge);
      else if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }
  return reversed;
}

/** Longest path from the sources, then nodes with more (weighted) outgoing than incoming edges pulled down. */
function layers(n: number, edges: Array<{ from: number; to: number; weight: number; reversed: boolean }>): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  const pending = new Int32Array(n);
  for (const e of edges) {
    const [a, b] = e.reversed ? [e.to, e.from] : [e.from, e.to];
    if (a === b) continue;
    out[a].push(b);
    into[b].push(a);
    pending[b]++;
  }
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (pending[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) for (const w of out[order[i]]) if (--pending[w] === 0) order.push(w);
  const rank = new Array<number>(n).fill(0);
  for (const v of order) for (const w of out[v]) rank[w] = Math.max(rank[w], rank[v] + 1);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    if (out[v].length === 0 || out[v].length <= into[v].length) continue;
    let lowest = Infinity;
    for (const w of out[v]) lowest = Math.min(lowest, rank[w] - 1);
    if (lowest > rank[v]) rank[v] = lowest;
  }
  return rank;
}

const setOrder = (vertices: Vertex[], layer: number[]) => layer.forEach((v, i) => (vertices[v].key = i));

/** Barycenter sweeps from a depth-first initial order; the best order seen wins. Returns its crossing count. */
function reduceCrossings(vertices: Vertex[], byLayer: number[][]): number {
  byLayer.forEach((layer) => setOrder(vertices, layer));
  // Initial order: each layer sorted by its upper neighbours' mean position (document order breaks ties).
  for (let r = 1; r < byLayer.length; r++) sortLayer(vertices, byLayer[r], "up");
  let best = byLayer.map((l) => [...l]);
  let bestCount = countCrossings(vertices, byLayer);
  for (let sweep = 0; sweep < SWEEPS && bestCount > 0; sweep++) {
    if (sweep % 2 === 0) for (let r = 1; r < byLayer.length; r++) sortLayer(vertices, byLayer[r], "up");
    else for (let r = byLayer.length - 2; r >= 0; r--) sortLayer(vertices, byLayer[r], "down");
    const count = countCrossings(vertices, byLayer);
    if (count < bestCount) {
      bestCount = count;
      best = byLayer.map((l) => [...l]);
    }
  }
  best.forEach((layer, r) => {
    byLayer[r] = layer;
    setOrder(vertices, layer);
  });
  return bestCount;
}

function sortLayer(vertices: Vertex[], layer: number[], side: "up" | "down"): void {
  const center = new Map<number, number>();
  for (const v of layer) {
    const neighbours = vertices[v][side];
    if (neighbours.length === 0) center.set(v, vertices[v].key);
    else {
      let sum = 0;
      for (const w of neighbours) sum += vertices[w].key;
      center.set(v, sum / neighbours.length);
    }
  }
  layer.sort((a, b) => center.get(a)! - center.get(b)! || vertices[a].key - vertices[b].key);
  setOrder(vertices, layer);
}

/** The previous drawing's left-to-right order; new vertices (and dummies) at their upper, else lower, neighbours' mean. */
function seedOrder(vertices: Vertex[], byLayer: number[][]): void {
  const key = vertices.map((v) => v.seed);
  const mean = (list: number[]) => {
    const known = list.map((w) => key[w]).filter((k): k is number => k !== undefined);
    return known.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
  };
  for (const layer of byLayer) for (const v of layer) key[v] ??= mean(vertices[v].up);
  for (let r = byLayer.length - 1; r >= 0; r--) for (const v of byLayer[r]) key[v] ??= mean(vertices[v].down);
  byLayer.forEach((layer) => {
    layer.forEach((v, i) => (key[v] ??= i * 1e-6 - 1e9));
    layer.sort((a, b) => key[a]! - key[b]! || a - b);
    setOrder(vertices, layer);
    for (const v of layer) vertices[v].x = key[v]!;
  });
}

/** Crossings between consecutive layers, counted exactly (Barth, Jünger & Mutzel's accumulator tree). */
export function countCrossings(vertices: Vertex[], byLayer: number[][]): number {
  let total = 0;
  for (let r = 0; r + 1 < byLayer.length; r++) {
    const south = byLayer[r + 1].length;
    if (south === 0) continue;
    const targets: number[] = [];
    for (const v of byLayer[r]) {
      const ends = vertices[v].down.map((w) => vertices[w].key).sort((a, b) => a - b);
      targets.push(...ends);
    }
    let size = 1;
    while (size < south) size *= 2;
    const tree = new Int32Array(2 * size);
    for (const t of targets) {
      let index = t + size;
      tree[index]++;
      while (index > 1) {
        if (index % 2 === 0) total += tree[index + 1];
        index >>= 1;
        tree[index]++;
      }
    }
  }
  return total;
}

/**
 * Coordinates: sweeps down and up, each layer placed as close as it can be to its neighbours' mean (and, when seeded,
 * to the previous drawing) while keeping its order and gaps: a weighted isotonic regression on `x - offset`.
 */
function assignX(vertices: Vertex[], byLayer: number[][], gap: number, seeded: boolean): void {
  const offsets = byLayer.map((layer) => {
    const offset: number[] = [];
    let at = 0;
    layer.forEach((v, i) => {
      if (i > 0) at += (vertices[layer[i - 1]].width + vertices[v].width) / 2 + (vertices[v].node < 0 || vertices[layer[i - 1]].node < 0 ? gap / 2 : gap);
      offset.push(at);
    });
    return offset;
  });
  // Seeded, every vertex starts where seedOrder put it (the previous drawing's coordinates); else packed to the left.
  if (!seeded) byLayer.forEach((layer, r) => layer.forEach((v, i) => (vertices[v].x = offsets[r][i])));
  const targets: number[] = [];
  const weights: number[] = [];
  for (let pass = 0; pass < COORDINATE_PASSES; pass++) {
    const down = pass % 2 === 0;
    for (let step = 0; step < byLayer.length; step++) {
      const r = down ? step : byLayer.length - 1 - step;
      const layer = byLayer[r];
      targets.length = 0;
      weights.length = 0;
      for (let i = 0; i < layer.length; i++) {
        const vx = vertices[layer[i]];
        if (vx.seed !== undefined) {
          // What stays stays put (a bend of an edge that stays, a little less); only room for new vertices moves it.
          targets.push(vx.seed - offsets[r][i]);
          weights.push(vx.node >= 0 ? SEED_WEIGHT : SEED_WEIGHT / 10);
          continue;
        }
        let [list, w] = down ? [vx.up, vx.upWeight] : [vx.down, vx.downWeight];
        if (list.length === 0) [list, w] = down ? [vx.down, vx.downWeight] : [vx.up, vx.upWeight];
        let sum = 0;
        let weight = 0;
        for (let k = 0; k < list.length; k++) {
          sum += vertices[list[k]].x * w[k];
          weight += w[k];
        }
        if (weight === 0) {
          sum = vx.x;
          weight = 1;
        }
        targets.push(sum / weight - offsets[r][i]);
        weights.push(weight);
      }
      const placed = isotonic(targets, weights);
      for (let i = 0; i < layer.length; i++) vertices[layer[i]].x = placed[i] + offsets[r][i];
    }
  }
}

/** The non-decreasing sequence closest to `values` in weighted least squares (pool adjacent violators). */
export function isotonic(values: number[], weights: number[]): number[] {
  const means: number[] = [];
  const totals: number[] = [];
  const counts: number[] = [];
  values.forEach((value, i) => {
    means.push(value);
    totals.push(weights[i]);
    counts.push(1);
    while (means.length > 1 && means[means.length - 2] > means[means.length - 1]) {
      const m2 = means.pop()!;
      const w2 = totals.pop()!;
      const c2 = counts.pop()!;
      const last = means.length - 1;
      const w = totals[last] + w2;
      means[last] = (means[last] * totals[last] + m2 * w2) / w;
      totals[last] = w;
      counts[last] += c2;
    }
  });
  const result: number[] = [];
  means.forEach((m, i) => {
    for (let k = 0; k < counts[i]; k++) result.push(m);
  });
  return result;
}

/** The polyline of one edge: leaves its upper end's bottom side, through its dummies, into its lower end's top side. */
function route(ports: Ports, chain: number[], reversed: boolean, layerY: number[], height: number): Array<{ x: number; y: number }> {
  if (chain.length === 0) return [];
  const { vertices } = ports;
  const top = vertices[chain[0]];
  const bottom = vertices[chain[chain.length - 1]];
  const points = [{ x: ports.at(chain[0], chain[1], "down"), y: layerY[top.rank] + height }];
  for (let k = 1; k + 1 < chain.length; k++) {
    const v = vertices[chain[k]];
    points.push({ x: v.x, y: layerY[v.rank] + height / 2 });
  }
  points.push({ x: ports.at(chain[chain.length - 1], chain[chain.length - 2], "up"), y: layerY[bottom.rank] });
  return reversed ? points.reverse() : points;
}

/** Edges spread along a side, in the left-to-right order of their other ends, so they do not all meet in one point. */
class Ports {
  private readonly slots = new Map<string, Map<number, number>>();

  constructor(readonly vertices: Vertex[]) {}

  at(index: number, other: number, side: "up" | "down"): number {
    const key = `${side}${index}`;
    let slots = this.slots.get(key);
    if (!slots) {
      const v = this.vertices[index];
      const ends = [...new Set(v[side])].sort((a, b) => this.vertices[a].x - this.vertices[b].x || a - b);
      const span = Math.min(v.width * 0.6, ends.length * 16);
      slots = new Map(ends.map((end, k) => [end, ends.length < 2 ? v.x : v.x - span / 2 + (span * k) / (ends.length - 1)]));
      this.slots.set(key, slots);
    }
    return slots.get(other)!;
  }
}
