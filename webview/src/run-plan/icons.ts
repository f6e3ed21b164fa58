import type { Verdict } from "../../../core/src/run-plan";

const SVG = "http://www.w3.org/2000/svg";

/** Each verdict's shape, drawn on a 16×16 grid in the verdict's colour (run-plan.css). */
const SHAPES: Record<Verdict, Array<[string, Record<string, string>]>> = {
  run: [["path", { d: "M4 2.5v11l9-5.5z" }]],
  "cache-hit": [["path", { d: "M2.5 8.5l3.5 3.5 7.5-8", class: "stroke" }]],
  reuse: [
    ["path", { d: "M12.5 6.5A5 5 0 1 0 13 10", class: "stroke" }],
    ["path", { d: "M13.5 2.5v4.5h-4.5z" }],
  ],
  skip: [
    ["circle", { cx: "8", cy: "8", r: "5.5", class: "stroke" }],
    ["path", { d: "M4 12L12 4", class: "stroke" }],
  ],
  "not-run": [["path", { d: "M4 8h8", class: "stroke" }]],
  conditional: [["path", { d: "M8 1.5L14.5 8 8 14.5 1.5 8z", class: "stroke" }]],
};

/** The verdict's icon, hidden from screen readers (the verdict's text says it). */
export function verdictIcon(verdict: Verdict): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `icon icon-${verdict}`);
  for (const [tag, attributes] of SHAPES[verdict]) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}
