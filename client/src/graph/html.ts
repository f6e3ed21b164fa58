import type * as vscode from "vscode";
import { strictPage } from "../webview-page";

/** The script and stylesheet esbuild writes (scripts/build.mjs). */
export const GRAPH_SCRIPT = "dist/graph-view.js";
export const GRAPH_STYLES = "dist/graph-view.css";

export { nonce } from "../webview-page";

const legendLine = (cls: string) => `<svg width="26" height="8" aria-hidden="true"><line class="${cls}" x1="1" y1="4" x2="25" y2="4"/></svg>`;

/**
 * The graph view's page. Strict Content-Security-Policy: nothing but the bundled script (by nonce) and stylesheet from
 * the extension's dist folder; no inline styles, no network. The ids are stable: scenarios click `g.node[data-step=…]`.
 */
export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri, scriptNonce: string): string {
  return strictPage(webview, extensionUri, {
    script: GRAPH_SCRIPT,
    styles: GRAPH_STYLES,
    scriptNonce,
    title: "Pipeline graph",
    body: `<header id="toolbar" role="toolbar">
  <span id="title"></span>
  <button id="run-selected" disabled>▶ Run Selected Steps</button>
  <button id="clear-selection" disabled>Clear Selection</button>
  <button id="show-log" disabled title="Select one step that has a status to open its log (or press L on it)">Show Log</button>
  <span id="selection-count"></span>
  <span class="spacer"></span>
  <input id="search" type="search" placeholder="Find step (Ctrl+F)" aria-label="Find a step by name (Enter: next, Shift+Enter: previous)" title="Find a step by name (Enter: next, Shift+Enter: previous, Escape: clear)" spellcheck="false">
  <span id="search-count" aria-live="polite"></span>
  <button id="fold-all" hidden title="Fold every Condition's branches into it, or unfold them all">Collapse Branches</button>
  <button id="zoom-out" title="Zoom out (Ctrl+wheel)">−</button>
  <button id="zoom-fit" title="Fit the graph in the view">Fit</button>
  <button id="zoom-in" title="Zoom in (Ctrl+wheel)">+</button>
  <button id="export-svg" title="Save the drawing as an SVG file">Export SVG…</button>
</header>
<div id="execution" aria-live="polite"></div>
<div id="banner" role="status" hidden></div>
<div id="stage">
<main id="viewport">
  <svg id="graph" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="Pipeline steps"></svg>
  <div id="empty" hidden>No steps to draw.</div>
</main>
<div id="minimap" hidden title="Overview: click or drag to scroll there"></div>
</div>
<footer id="legend">
  <span>${legendLine("legend-data")}data (Get)</span>
  <span>${legendLine("legend-dependsOn")}DependsOn</span>
  <span>${legendLine("legend-if")}if branch</span>
  <span>${legendLine("legend-else")}else branch</span>
  <span>${legendLine("legend-each")}ForEach body</span>
  <span>${legendLine("legend-broken")}unknown step</span>
  <span>${legendLine("legend-cycle")}cycle</span>
  <span>Click: reveal · Ctrl/Shift-click: select several · −/+: fold a Condition's branches · L or double-click: a step's log</span>
</footer>`,
  });
}
