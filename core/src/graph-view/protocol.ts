/**
 * The graph view's messages, one typed contract for the extension (client/src/graph) and the webview script
 * (webview/src). Everything is JSON.
 */
import type { GraphLayout } from "./layout";
import type { ExecutionOverlay } from "./status";
import type { PipelineGraph } from "./types";

/** Extension → webview. */
export type ToWebview =
  /**
   * A graph to draw, laid out by the extension's layout worker: `graph` is the drawn one (collapsed branches folded),
   * `collapsible` the Condition steps with branches, `collapsed` those folded. The webview keeps the selection.
   */
  | {
      type: "graph";
      graph: PipelineGraph;
      layout: GraphLayout;
      stale: boolean;
      note?: string;
      title: string;
      collapsible: string[];
      collapsed: string[];
    }
  /** The overlay of one execution, or none (`message` says why: not run yet, target unreachable…). */
  | { type: "status"; overlay?: ExecutionOverlay; message?: string }
  /** The node of the step the editor's cursor is in (undefined: none). */
  | { type: "cursor"; id?: string }
  /** Runs are refused in untrusted workspaces: the run button is disabled then. */
  | { type: "capabilities"; canRun: boolean };

/** Webview → extension. */
export type FromWebview =
  /** The script is loaded: send the current state. */
  | { type: "ready" }
  /** A node was clicked: select the step's name in the editor. */
  | { type: "reveal"; id: string }
  /** "Run Selected Steps" on the selected nodes' step names. */
  | { type: "runSelected"; steps: string[] }
  /** The drawing, styles inlined, to save through a save dialog. */
  | { type: "exportSvg"; svg: string }
  /** Fold the branches of these Condition steps (and unfold the others). */
  | { type: "collapse"; ids: string[] }
  /** "Show Log" of a step the status overlay shows. */
  | { type: "showLog"; step: string };

/** Messages come from a webview: check their shape before trusting them. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (!value || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case "ready":
      return true;
    case "reveal":
      return typeof m.id === "string";
    case "runSelected":
      return Array.isArray(m.steps) && m.steps.every((s) => typeof s === "string");
    case "exportSvg":
      return typeof m.svg === "string";
    case "collapse":
      return Array.isArray(m.ids) && m.ids.every((s) => typeof s === "string");
    case "showLog":
      return typeof m.step === "string";
    default:
      return false;
  }
}
