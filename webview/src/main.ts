/**
 * The graph view's page script: draws the graph the extension sends (laid out by the extension's layout worker), shows
 * the status overlay, follows the editor's cursor, finds steps by name, folds Condition branches, shows an overview of
 * large graphs, and sends clicks (reveal), folds, "Run Selected Steps" and SVG exports back. Bundled into
 * dist/graph-view.js (esbuild, browser, iife); messages are the shared protocol's.
 */
import type { ExecutionOverlay, ToWebview } from "../../core/src/graph-view";
import type { GraphLayout } from "../../core/src/graph-view/layout";
import { exportSvg } from "./export-svg";
import { Minimap } from "./minimap";
import { applyOverlay, executionSummary } from "./overlay";
import { drawGraph, type NodeView } from "./render";
import { matchingNodes } from "./search";
import { Selection } from "./selection";
import { host } from "./vscode-api";
import { Zoom } from "./zoom";

/** The smallest scale the view opens at: names stay readable (13 px bold names at ≥ 8.5 px); past it the view scrolls. */
const READABLE_SCALE = 0.65;

const byId = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;
const svg = byId<SVGSVGElement>("graph");
const viewport = byId<HTMLElement>("viewport");
const banner = byId<HTMLElement>("banner");
const empty = byId<HTMLElement>("empty");
const execution = byId<HTMLElement>("execution");
const runButton = byId<HTMLButtonElement>("run-selected");
const logButton = byId<HTMLButtonElement>("show-log");
const clearButton = byId<HTMLButtonElement>("clear-selection");
const selectionCount = byId<HTMLElement>("selection-count");
const title = byId<HTMLElement>("title");
const search = byId<HTMLInputElement>("search");
const searchCount = byId<HTMLElement>("search-count");
const foldAll = byId<HTMLButtonElement>("fold-all");

const saved = host.getState();
const zoom = new Zoom(svg, viewport, saved?.zoom ?? 1);
const minimap = new Minimap(byId<HTMLElement>("minimap"), viewport, svg, zoom);
const selection = new Selection(saved?.selected);
let views = new Map<string, NodeView>();
let layout: GraphLayout = { width: 0, height: 0, nodes: [], edges: [], crossings: 0 };
let overlay: ExecutionOverlay | undefined;
let canRun = true;
let firstDraw = true;
let collapsible: string[] = [];
let collapsed = new Set<string>();
let matches: string[] = [];
let current = -1;
let searchedFor = "";

function showGraph(message: Extract<ToWebview, { type: "graph" }>): void {
  const { graph, stale, note } = message;
  banner.hidden = !note;
  banner.textContent = note ?? "";
  banner.classList.toggle("stale", stale);
  layout = message.layout;
  collapsible = message.collapsible;
  collapsed = new Set(message.collapsed);
  views = drawGraph(svg, graph, layout, new Set(collapsible));
  svg.classList.toggle("stale", stale);
  empty.hidden = graph.nodes.length > 0;
  zoom.setSize(layout.width, layout.height);
  if (firstDraw && graph.nodes.length > 0) {
    firstDraw = false;
    // The first drawing fits the view while names stay readable; a larger graph scrolls, with the overview.
    if (!saved) {
      zoom.fit(READABLE_SCALE);
      // A drawing wider than the view opens on the pipeline's first step.
      const start = layout.nodes[0];
      if (start) viewport.scrollLeft = (start.x + start.width / 2) * zoom.scale - viewport.clientWidth / 2;
    }
  }
  minimap.draw(layout);
  foldAll.hidden = collapsible.length === 0;
  foldAll.textContent = collapsed.size < collapsible.length ? "Collapse Branches" : "Expand Branches";
  applyOverlay(views, overlay);
  findSteps(false);
  refreshSelection();
}

function sendCollapsed(ids: Iterable<string>): void {
  host.postMessage({ type: "collapse", ids: [...ids] });
}

function toggleBranches(id: string, fold?: boolean): void {
  if (!collapsible.includes(id)) return;
  const next = new Set(collapsed);
  if (fold ?? !next.has(id)) next.add(id);
  else next.delete(id);
  if (next.size !== collapsed.size) sendCollapsed(next);
}

/**
 * Marks the steps whose names hold the search text; `step`: go to the next (or, backwards, the previous) match and
 * bring it on screen. A new search text starts before the first match.
 */
function findSteps(step: boolean, backwards = false): void {
  const query = search.value.trim();
  const before = query === searchedFor ? matches[current] : undefined;
  searchedFor = query;
  matches = matchingNodes(
    [...views.values()].map((v) => v.node),
    query,
  );
  current = before === undefined ? -1 : matches.indexOf(before);
  if (step && matches.length > 0)
    current = current < 0 ? (backwards ? matches.length - 1 : 0) : (current + (backwards ? matches.length - 1 : 1)) % matches.length;
  const set = new Set(matches);
  svg.classList.toggle("searching", search.value.trim() !== "");
  for (const [id, view] of views) {
    view.group.classList.toggle("match", set.has(id));
    view.group.classList.toggle("match-current", id === matches[current]);
  }
  minimap.mark("match", matches);
  searchCount.textContent =
    query === ""
      ? ""
      : matches.length === 0
        ? "no step"
        : current < 0
          ? `${matches.length} step${matches.length === 1 ? "" : "s"}`
          : `${current + 1} of ${matches.length}`;
  if (step && current >= 0) views.get(matches[current])!.group.scrollIntoView({ block: "center", inline: "center" });
}

/** The one selected step, when the status overlay shows it: its log can be opened. */
function loggableStep(): string | undefined {
  const steps = selection.stepNames(views);
  return steps.length === 1 && overlay?.steps.some((s) => s.name === steps[0]) ? steps[0] : undefined;
}

function showLog(step: string | undefined): void {
  if (step !== undefined && overlay?.steps.some((s) => s.name === step)) host.postMessage({ type: "showLog", step });
}

function refreshSelection(): void {
  selection.apply(views);
  const steps = selection.stepNames(views);
  runButton.disabled = !canRun || steps.length === 0;
  runButton.title = canRun ? "Run the selected steps (the same rules as Run Selected Steps in the editor)" : "Runs are disabled in an untrusted workspace";
  const logStep = loggableStep();
  logButton.disabled = logStep === undefined;
  logButton.title = logStep
    ? `Open the log of ${logStep} in execution ${overlay?.label ?? ""} (L)`
    : "Select one step that has a status to open its log (or press L on it)";
  clearButton.disabled = selection.ids.size === 0;
  selectionCount.textContent = selection.ids.size > 0 ? `${selection.ids.size} selected` : "";
  minimap.mark("selected", selection.ids);
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
      showGraph(message);
      break;
    case "status":
      overlay = message.overlay;
      execution.textContent = executionSummary(message.overlay, message.message);
      applyOverlay(views, overlay);
      refreshSelection();
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
  const toggle = (event.target as Element | null)?.closest?.("g.toggle");
  if (toggle) return toggleBranches(toggle.getAttribute("data-toggle") ?? "");
  const view = nodeOf(event.target);
  if (view) activate(view, event.ctrlKey || event.metaKey || event.shiftKey);
  else if (!event.ctrlKey && !event.metaKey && !event.shiftKey) {
    selection.clear();
    refreshSelection();
  }
});
svg.addEventListener("keydown", (event) => {
  const toggle = (event.target as Element | null)?.closest?.("g.toggle");
  const view = nodeOf(event.target);
  if ((event.key === "Enter" || event.key === " ") && toggle) {
    event.preventDefault();
    event.stopPropagation();
    toggleBranches(toggle.getAttribute("data-toggle") ?? "");
  } else if (view && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    activate(view, event.ctrlKey || event.metaKey || event.shiftKey);
  } else if (view && (event.key === "l" || event.key === "L") && view.node.kind === "step") {
    event.preventDefault();
    showLog(view.node.name);
  } else if (view && (event.key === "-" || event.key === "+")) {
    event.preventDefault();
    toggleBranches(view.node.id, event.key === "-");
  }
});
document.addEventListener("keydown", (event) => {
  if ((event.key === "f" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && document.activeElement !== search)) {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === "Escape" && document.activeElement === search) {
    search.value = "";
    findSteps(false);
  } else if (event.key === "Escape") {
    selection.clear();
    refreshSelection();
  }
});
search.addEventListener("input", () => findSteps(false));
search.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  findSteps(true, event.shiftKey);
});
foldAll.addEventListener("click", () => sendCollapsed(collapsed.size < collapsible.length ? collapsible : []));
new ResizeObserver(() => {
  zoom.resized();
  minimap.update();
}).observe(viewport);
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
logButton.addEventListener("click", () => showLog(loggableStep()));
svg.addEventListener("dblclick", (event) => {
  const view = nodeOf(event.target);
  if (view?.node.kind === "step") showLog(view.node.name);
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
// Any zoom changes what is on screen: the overview's frame follows.
for (const id of ["zoom-in", "zoom-out", "zoom-fit"]) byId<HTMLButtonElement>(id).addEventListener("click", () => minimap.update());
viewport.addEventListener("wheel", () => minimap.update(), { passive: true });
byId<HTMLButtonElement>("export-svg").addEventListener("click", () => {
  host.postMessage({ type: "exportSvg", svg: exportSvg(svg, layout.width, layout.height) });
});

host.postMessage({ type: "ready" });
