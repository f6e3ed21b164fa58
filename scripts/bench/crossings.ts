import type { GraphLayout, Point } from "../../core/src/graph-view/layout";

/**
 * Edge crossings as drawn: pairs of route segments of different edges that properly intersect (touching at a shared
 * node does not count). Library-neutral, so layouts of different libraries compare; curves are taken as their control
 * polylines. Quadratic in the number of segments, with a sort on x to skip pairs that cannot meet.
 */
export function drawnCrossings(layout: GraphLayout): number {
  const segments: Array<{ edge: number; a: Point; b: Point; minX: number; maxX: number }> = [];
  layout.edges.forEach((e, edge) => {
    for (let i = 0; i + 1 < e.points.length; i++) {
      const a = e.points[i];
      const b = e.points[i + 1];
      segments.push({ edge, a, b, minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length && segments[j].minX <= s.maxX; j++) {
      const t = segments[j];
      if (t.edge !== s.edge && properlyIntersect(s.a, s.b, t.a, t.b)) count++;
    }
  }
  return count;
}

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
const EPS = 1e-6;

function properlyIntersect(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}
