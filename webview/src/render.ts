import type { GraphEdge, GraphNode, PipelineGraph } from "../../core/src/graph-view";
import type { GraphLayout } from "../../core/src/graph-view/layout";
import { nodeDomId, routePath, svgElement } from "./svg";

/** The drawn parts of a node that the overlay, the selection and the cursor change. */
export interface NodeView {
  node: GraphNode;
  group: SVGGElement;
  detail: SVGTextElement;
  badges: SVGGElement;
  title: SVGTitleElement;
  width: number;
}

const MARKERS = ["data", "dependsOn", "if", "else", "each", "broken", "cycle"] as const;

/**
 * Draws the whole graph into `svg` (replacing what was there); returns the node views by node id. Condition steps in
 * `collapsible` get a fold toggle (`g.toggle[data-toggle=id]`).
 */
export function drawGraph(svg: SVGSVGElement, graph: PipelineGraph, layout: GraphLayout, collapsible: ReadonlySet<string>): Map<string, NodeView> {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${Math.max(1, layout.width)} ${Math.max(1, layout.height)}`);
  drawMarkers(svgElement("defs", {}, svg));
  const edgeLayer = svgElement("g", { id: "edges" }, svg);
  const labelLayer = svgElement("g", { id: "edge-labels" }, svg);
  const nodeLayer = svgElement("g", { id: "nodes" }, svg);

  const routes = new Map(layout.edges.map((e) => [e.id, e]));
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  for (const edge of graph.edges) {
    const route = routes.get(edge.id);
    if (!route) continue;
    const group = svgElement("g", { class: edgeClass(edge), "data-edge": edge.id, "data-from": edge.from, "data-to": edge.to }, edgeLayer);
    svgElement("title", {}, group).textContent = edgeTitle(edge, names);
    svgElement("path", { class: "edge-hit", d: routePath(route.points) }, group);
    svgElement("path", { class: "edge-line", d: routePath(route.points), "marker-end": `url(#arrow-${markerOf(edge)})` }, group);
    if (route.label) {
      const label = svgElement("g", { class: `edge-label edge-label-${edge.kind}`, transform: `translate(${route.label.x},${route.label.y})` }, labelLayer);
      svgElement("rect", { x: -15, y: -8, width: 30, height: 16, rx: 8 }, label);
      svgElement("text", { x: 0, y: 4, "text-anchor": "middle" }, label).textContent = route.label.text;
    }
  }

  const views = new Map<string, NodeView>();
  const boxes = new Map(layout.nodes.map((b) => [b.id, b]));
  for (const node of graph.nodes) {
    const box = boxes.get(node.id);
    if (box) views.set(node.id, drawNode(nodeLayer, node, box, collapsible.has(node.id)));
  }
  return views;
}

function drawNode(layer: SVGGElement, node: GraphNode, box: { x: number; y: number; width: number; height: number }, foldable: boolean): NodeView {
  const group = svgElement(
    "g",
    { id: nodeDomId(node.id), class: nodeClass(node), transform: `translate(${box.x},${box.y})`, "data-id": node.id, tabindex: 0, role: "button" },
    layer,
  );
  if (node.name !== undefined) group.setAttribute("data-step", node.name);
  group.setAttribute("aria-label", `${node.label}${node.stepType ? `, ${node.stepType}` : ""}`);
  const title = svgElement("title", {}, group);
  svgElement("rect", { class: "node-ring", x: -4, y: -4, width: box.width + 8, height: box.height + 8, rx: 10 }, group);
  svgElement("rect", { class: "node-box", width: box.width, height: box.height, rx: 6 }, group);
  svgElement("rect", { class: "node-bar", width: 5, height: box.height, rx: 2 }, group);
  const name = svgElement("text", { class: "node-name", x: 14, y: 22 }, group);
  name.textContent = fit((node.stepType === "Condition" ? "◇ " : "") + node.label, box.width - (foldable ? 46 : 24), 7.6);
  const detail = svgElement("text", { class: "node-detail", x: 14, y: 42 }, group);
  const badges = svgElement("g", { class: "node-badges", transform: `translate(${box.width - 6},-9)` }, group);
  if (foldable) drawToggle(group, node, box.width);
  const view: NodeView = { node, group, detail, badges, title, width: box.width };
  setDetail(view, undefined);
  return view;
}

/** The fold toggle of a Condition step with branches: `−` folds its branches into it, `+` (with the count) unfolds. */
function drawToggle(group: SVGGElement, node: GraphNode, width: number): void {
  const folded = node.collapsed !== undefined;
  const what = folded ? `Expand the branches (${node.collapsed!.length} step${node.collapsed!.length === 1 ? "" : "s"})` : "Collapse the branches";
  const toggle = svgElement(
    "g",
    {
      class: `toggle${folded ? " folded" : ""}`,
      "data-toggle": node.id,
      transform: `translate(${width - 24},6)`,
      role: "button",
      tabindex: 0,
      "aria-label": what,
    },
    group,
  );
  svgElement("title", {}, toggle).textContent = `${what} (or the + / − key on the node)`;
  svgElement("rect", { width: 18, height: 18, rx: 3 }, toggle);
  svgElement("text", { x: 9, y: 13.5, "text-anchor": "middle" }, toggle).textContent = folded ? "+" : "−";
}

/** The second line and the tooltip of a node, with or without a run status. */
export function setDetail(view: NodeView, status: string | undefined): void {
  const { node } = view;
  const folded = node.collapsed ? ` · ${node.collapsed.length} step${node.collapsed.length === 1 ? "" : "s"} folded` : "";
  const base = node.kind === "missing" ? "unknown step" : `${node.stepType ?? "no Type"}${folded}`;
  view.detail.textContent = fit(status ? `${base} · ${status}` : base, view.width - 24, 6.6);
  const lines = [node.kind === "missing" ? `${node.label}: no step has this name` : `${node.label} (${node.stepType ?? "no Type"})`];
  if (node.condition) lines.push(`In the ${node.branch === "else" ? "ElseSteps" : "IfSteps"} of ${node.condition}`);
  if (node.forEach) lines.push(`In the ForEachBody of ${node.forEach}`);
  if (node.problems.includes("duplicate-name")) lines.push("Another step has the same name");
  if (node.cycle) lines.push("On a dependency cycle");
  if (node.collapsed?.length) lines.push(`Folded branches: ${node.collapsed.slice(0, 20).join(", ")}${node.collapsed.length > 20 ? "…" : ""}`);
  if (status) lines.push(status);
  view.title.textContent = lines.join("\n");
}

function nodeClass(node: GraphNode): string {
  const classes = ["node", `node-${node.kind}`];
  if (node.stepType === "Condition") classes.push("node-condition");
  if (node.collapsed) classes.push("collapsed");
  if (node.cycle) classes.push("cycle");
  if (node.problems.some((p) => p !== "missing")) classes.push("problem");
  return classes.join(" ");
}

function edgeClass(edge: GraphEdge): string {
  return ["edge", `edge-${edge.kind}`, edge.broken ? "broken" : "", edge.cycle ? "cycle" : ""].filter(Boolean).join(" ");
}

const markerOf = (edge: GraphEdge) => (edge.cycle ? "cycle" : edge.broken ? "broken" : edge.kind);

function edgeTitle(edge: GraphEdge, names: Map<string, string>): string {
  const from = names.get(edge.from) ?? edge.from;
  const to = names.get(edge.to) ?? edge.to;
  const what = {
    data: `${to} reads ${from}${edge.properties?.length ? `: ${edge.properties.join(", ")}` : ""}`,
    dependsOn: `${to} DependsOn ${from}`,
    if: `${to} runs when ${from} is true (IfSteps)`,
    else: `${to} runs when ${from} is false (ElseSteps)`,
    each: `${to} runs once per item of ${from} (ForEachBody)`,
  }[edge.kind];
  return [what, edge.broken ? `No step is named ${from}` : "", edge.cycle ? "On a dependency cycle" : ""].filter(Boolean).join("\n");
}

function drawMarkers(defs: SVGDefsElement): void {
  for (const kind of MARKERS) {
    const marker = svgElement(
      "marker",
      {
        id: `arrow-${kind}`,
        class: `marker marker-${kind}`,
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: "auto-start-reverse",
      },
      defs,
    );
    svgElement("path", { d: "M0,0L10,5L0,10z" }, marker);
  }
}

/** Cuts a text to about `width` pixels (character widths are estimated: the layout does not measure text either). */
function fit(text: string, width: number, charWidth: number): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
