import type { ExecutionOverlay, StepRunStatus } from "../../core/src/graph-view";
import type { NodeView } from "./render";
import { setDetail } from "./render";
import { svgElement } from "./svg";

const STATUS_CLASSES = ["status-starting", "status-executing", "status-stopping", "status-stopped", "status-failed", "status-succeeded", "status-unknown"];

/** Step statuses on the nodes: the colour bar, the status and duration line, and the `reused` / `cache hit` badges. */
export function applyOverlay(views: Map<string, NodeView>, overlay: ExecutionOverlay | undefined): void {
  const byName = new Map(overlay?.steps.map((s) => [s.name, s]));
  for (const view of views.values()) {
    const status = view.node.name !== undefined && view.node.kind === "step" ? byName.get(view.node.name) : undefined;
    view.group.classList.remove(...STATUS_CLASSES);
    view.badges.replaceChildren();
    setDetail(view, status ? statusText(status) : undefined);
    if (!status) continue;
    view.group.classList.add(statusClass(status.status));
    const badges: Array<[string, string, string]> = [];
    if (status.reusedFrom) badges.push(["reused", "badge-reused", `Reused from reference execution ${status.reusedFrom}`]);
    if (status.cacheHitFrom) badges.push(["cache hit", "badge-cache-hit", `Cache hit of execution ${status.cacheHitFrom}`]);
    let right = 0;
    for (const [text, cls, tip] of badges) {
      const width = text.length * 6 + 12;
      right += width;
      const badge = svgElement("g", { class: `badge ${cls}`, transform: `translate(${-right},0)` }, view.badges);
      svgElement("title", {}, badge).textContent = tip;
      svgElement("rect", { width, height: 16, rx: 8 }, badge);
      svgElement("text", { x: width / 2, y: 12, "text-anchor": "middle" }, badge).textContent = text;
      right += 4;
    }
  }
}

function statusText(status: StepRunStatus): string {
  const parts = [status.status];
  if (status.conditionOutcome) parts.push(`outcome ${status.conditionOutcome}`);
  if (status.duration) parts.push(status.duration);
  if (status.failureReason) parts.push(status.failureReason);
  return parts.join(" · ");
}

function statusClass(status: string): string {
  const cls = `status-${status.toLowerCase()}`;
  return STATUS_CLASSES.includes(cls) ? cls : "status-unknown";
}

/** The line above the graph: which execution the overlay shows, and why. */
export function executionSummary(overlay: ExecutionOverlay | undefined, message: string | undefined): string {
  if (!overlay) return message ?? "";
  const why = { running: "running now", started: "started from this file", reference: "the file's reference", latest: "the latest execution" }[overlay.source];
  return `Execution ${overlay.label} · ${overlay.status}${overlay.running ? " (updating)" : ""} · ${why}`;
}
