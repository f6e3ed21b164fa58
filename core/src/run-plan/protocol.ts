/**
 * The Run Plan panel's messages, one typed contract for the extension (client/src/run/run-plan-panel.ts) and the
 * webview script (webview/src/run-plan). Everything is JSON.
 */
import type { PlanView } from "./view";

/** Extension → webview. */
export type ToRunPlan =
  /** The plan to show; `revision` counts the plans of this run (a Run answers one revision). */
  { type: "plan"; view: PlanView; revision: number };

/** Webview → extension. */
export type FromRunPlan =
  /** The script is loaded: send the plan. */
  | { type: "ready" }
  /** The parameter values as typed: plan again with them (the planner checks them). */
  | { type: "edit"; overrides: Record<string, string> }
  /** Run the plan of this revision. */
  | { type: "run"; revision: number }
  | { type: "cancel" };

/** Messages come from a webview: check their shape before trusting them. */
export function isFromRunPlan(value: unknown): value is FromRunPlan {
  if (!value || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case "ready":
    case "cancel":
      return true;
    case "run":
      return typeof m.revision === "number";
    case "edit":
      return (
        !!m.overrides &&
        typeof m.overrides === "object" &&
        !Array.isArray(m.overrides) &&
        Object.values(m.overrides as object).every((v) => typeof v === "string")
      );
    default:
      return false;
  }
}
