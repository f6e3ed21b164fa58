/**
 * The figures before the incremental analysis (commit de38629), measured on the same shared machine the same day with
 * the same bench, so that each new figure is printed beside the one it replaces. Rows that bench did not have say so;
 * its 1,000-step document had no light mode then (every rule ran).
 */
export const PREVIOUS_LATENCY: Record<string, { p50: number; p95: number }> = {
  "corpus aws-examples_model-monitor-clarify-check-steps.json: edit → diagnostics": { p50: 4.91, p95: 28.4 },
  "corpus aws-examples_model-monitor-clarify-check-steps.json: hover": { p50: 0.32, p95: 1.21 },
  "corpus aws-examples_model-monitor-clarify-check-steps.json: completion (Get: Steps.)": { p50: 0.51, p95: 3.09 },
  "corpus aws-examples_model-monitor-clarify-check-steps.json: code lens": { p50: 0.34, p95: 1.15 },
  "corpus aws-examples_model-monitor-clarify-check-steps.json: hover right after an edit": { p50: 3.62, p95: 14.3 },
  "generated 100 steps: edit → diagnostics": { p50: 80.6, p95: 180 },
  "generated 100 steps: hover": { p50: 0.43, p95: 21.1 },
  "generated 100 steps: completion (Get: Steps.)": { p50: 5.02, p95: 34.6 },
  "generated 100 steps: code lens": { p50: 6.63, p95: 30.9 },
  "generated 100 steps: hover right after an edit": { p50: 126, p95: 265 },
  "generated 1,000 steps (light mode): edit → diagnostics": { p50: 1105, p95: 1688 },
  "generated 1,000 steps (light mode): hover": { p50: 1.44, p95: 23.2 },
  "generated 1,000 steps (light mode): completion (Get: Steps.)": { p50: 11.6, p95: 75.0 },
  "generated 1,000 steps (light mode): code lens": { p50: 88.1, p95: 216 },
  "generated 1,000 steps (light mode): hover right after an edit": { p50: 1014, p95: 1495 },
};

/** Server RSS in MiB with the document open, and after closing it (that bench did not close it: "-"). */
export const PREVIOUS_RSS: Record<string, { open: string; close: string }> = {
  "corpus aws-examples_model-monitor-clarify-check-steps.json": { open: "80", close: "-" },
  "generated 100 steps": { open: "89", close: "-" },
  "generated 1,000 steps (light mode)": { open: "136", close: "-" },
};

/** Full diagnostics from scratch at each edit, as every edit cost before (ms, median). */
const PREVIOUS_FULL_MS: Record<number, number> = { 1_000: 439, 5_000: 2_143 };

export function previousFull(steps: number): string {
  const before = PREVIOUS_FULL_MS[steps];
  return before === undefined ? "not measured" : `${before.toFixed(0)} ms`;
}
