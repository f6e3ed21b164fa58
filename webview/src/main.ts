/**
 * The graph view's page script: lays out and draws the graph the extension sends, shows the status overlay, follows
 * the editor's cursor, and sends clicks (reveal), "Run Selected Steps" and SVG exports back. Bundled with the layout
 * library into dist/graph-view.js (esbuild, browser, iife); messages are the shared protocol's.
 */
import type { ExecutionOverlay, PipelineGraph, ToWebview } from "../../core/src/graph-view";
import { layoutGraph, type GraphLayout } from "../../core/src/graph-view/layout";
import { exportSvg } from "./export-svg";
import { applyOverlay, executionSummary } from "./overlay";
import { drawGraph, type NodeView } from "./render";
import { Selection } from "./selection";
import { host } from "./vscode-api";
import { Zoom } from "./zoom";

const byId = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;
const svg = byId<SVGSVGElement>("graph");
const viewport = byId<HTMLElement>("viewport");
const banner = byId<HTMLElement>("banner");
const empty = byId<HTMLElement>("empty");
const execution = byId<HTMLElement>("execution");
const runButton = byId<HTMLButtonElement>("run-selected");
const clearButton = byId<HTMLButtonElement>("clear-selection");
const selectionCount = byId<HTMLElement>("selection-count");
const title = byId<HTMLElement>("title");

const saved = host.getState();
const zoom = new Zoom(svg, viewport, saved?.zoom ?? 1);
const selection = new Selection(saved?.selected);
let views = new Map<string, NodeView>();
let layout: GraphLayout = { width: 0, height: 0, nodes: [], edges: [] };
let layoutKey = "";
let overlay: ExecutionOverlay | undefined;
let canRun = true;
let firstDraw = true;

/** Only what moves nodes: a new layout is computed when ids, labels, types or edges change, not on every keystroke. */
const shapeKey = (graph: PipelineGraph) => JSON.stringify([graph.nodes.map((n) => [n.id, n.label, n.stepType]), graph.edges.map((e) => e.id)]);

function showGraph(graph: PipelineGraph, stale: boolean, note: string | undefined): void {
  banner.hidden = !note;
  banner.textContent = note ?? "";
  banner.classList.toggle("stale", stale);
  const key = shapeKey(graph);
  if (key !== layoutKey) {
    try {
      layout = layoutGraph(graph);
      layoutKey = key;
    } catch (error) {
      banner.hidden = false;
      banner.textContent = `The graph could not be laid out: ${(error as Error).message}`;
      return;
    }
  }
  views = drawGraph(svg, graph, layout);
  svg.classList.toggle("stale", stale);
  empty.hidden = graph.nodes.length > 0;
  zoom.setSize(layout.width, layout.height);
  if (firstDraw && graph.nodes.length > 0) {
    firstDraw = false;
    // The first drawing fits the view while names stay readable; a long chain (nested conditions) scrolls instead.
    if (!saved) zoom.fit(0.5);
  }
  applyOverlay(views, overlay);
  refreshSelection();
}

function refreshSelection(): void {
  selection.apply(views);
  const steps = selection.stepNames(views);
  runButton.disabled = !canRun || steps.length === 0;
  runButton.title = canRun ? "Run the selected steps (the same rules as Run Selected Steps in the editor)" : "Runs are disabled in an untrusted workspace";
  clearButton.disabled = selection.ids.size === 0;
  selectionCount.textContent = selection.ids.size > 0 ? `${selection.ids.size} selected` : "";
  host.setState({ zoom: zoom.scale, selected: [...selection.ids] });
}

function showCursor(id: string | undefined): void {
  selection.cursor = id;
  refreshSelection();
  const view = id ? views.get(id) : undefined;
  if (view) view.group.scrollIntoView({ block: "nearest", inline: "nearest" });
}

window.addEventListener("message", (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case "graph":
      title.textContent = message.title;
      showGraph(message.graph, message.stale, message.note);
      break;
    case "status":
      overlay = message.overlay;
      execution.textContent = executionSummary(message.overlay, message.message);
      applyOverlay(views, overlay);
      break;
    case "cursor":
      showCursor(message.id);
      break;
    case "capabilities":
      canRun = message.canRun;
      refreshSelection();
      break;
  }
});

function nodeOf(target: EventTarget | null): NodeView | undefined {
  const group = (target as Element | null)?.closest?.("g.node");
  const id = group?.getAttribute("data-id");
  return id === null || id === undefined ? undefined : views.get(id);
}

function activate(view: NodeView, additive: boolean): void {
  if (additive) selection.toggle(view.node.id);
  else {
    selection.only(view.node.id);
    if (view.node.kind === "step") host.postMessage({ type: "reveal", id: view.node.id });
  }
  refreshSelection();
}

svg.addEventListener("click", (event) => {
  const view = nodeOf(event.target);
  if (view) activate(view, event.ctrlKey || event.metaKey || event.shiftKey);
  else if (!event.ctrlKey && !event.metaKey && !event.shiftKey) {
    selection.clear();
    refreshSelection();
  }
});
svg.addEventListener("keydown", (event) => {
  const view = nodeOf(event.target);
  if (view && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    activate(view, event.ctrlKey || event.metaKey || event.shiftKey);
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    selection.clear();
    refreshSelection();
  }
});
viewport.addEventListener(
  "wheel",
  (event) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    zoom.by(event.deltaY < 0 ? 1.1 : 1 / 1.1);
    refreshSelection();
  },
  { passive: false },
);

runButton.addEventListener("click", () => {
  const steps = selection.stepNames(views);
  if (steps.length > 0) host.postMessage({ type: "runSelected", steps });
});
clearButton.addEventListener("click", () => {
  selection.clear();
  refreshSelection();
});
byId<HTMLButtonElement>("zoom-in").addEventListener("click", () => {
  zoom.by(1.25);
  refreshSelection();
});
byId<HTMLButtonElement>("zoom-out").addEventListener("click", () => {
  zoom.by(0.8);
  refreshSelection();
});
byId<HTMLButtonElement>("zoom-fit").addEventListener("click", () => {
  zoom.fit();
  refreshSelection();
});
byId<HTMLButtonElement>("export-svg").addEventListener("click", () => {
  host.postMessage({ type: "exportSvg", svg: exportSvg(svg, layout.width, layout.height) });
});

host.postMessage({ type: "ready" });
