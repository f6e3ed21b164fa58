export const SVG_NS = "http://www.w3.org/2000/svg";

/** A new SVG element with attributes, appended to `parent` when given. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

/** A smooth path through dagre's route points (quadratic curves through the midpoints). */
export function routePath(points: Array<{ x: number; y: number }>): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  if (points.length === 2) return `${d}L${f(points[1].x)},${f(points[1].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    const end = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += `Q${f(p.x)},${f(p.y)} ${f(end.x)},${f(end.y)}`;
  }
  return d;
}

/** A DOM id for a node: step names are letters, digits, `-` and `_`; anything else is escaped. */
export const nodeDomId = (id: string) => `node-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
