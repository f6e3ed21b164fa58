/**
 * The incremental analysis in process, every rule on (as the CLI and an editor under the light-mode limit run it):
 * one character replaced inside a step in the middle of a generated definition, then the diagnostics of the new version;
 * then the same character typed and deleted (the text grows and shrinks: every node after it moves).
 * Beside it, the analysis of the same text from scratch.
 */
import { analyze, IncrementalAnalyzer } from "../../core/src";
import { generatePipelineText } from "../../test/helpers/generate-pipeline";
import { measure, median, percentile } from "./stats";

export interface IncrementalRow {
  steps: number;
  kib: number;
  edits: number;
  p50: number;
  p95: number;
  /** The same when the character is typed, then deleted (every node after it moves). */
  insertP50: number;
  insertP95: number;
  /** Top-level steps schema-checked again per edit (1: only the edited one). */
  validatedPerEdit: number;
  fullMs: number;
}

/** An offset inside an S3 URI of a step near the middle of the text. */
export function middleStepEdit(text: string): number {
  return text.indexOf("s3://", Math.floor(text.length / 2)) + 5;
}

export async function benchIncremental(sizes = [1_000, 5_000], edits = 60): Promise<IncrementalRow[]> {
  const rows: IncrementalRow[] = [];
  for (const steps of sizes) {
    let text = generatePipelineText(steps);
    const analyzer = new IncrementalAnalyzer();
    analyzer.update(text);
    analyzer.analyze();
    const at = middleStepEdit(text);
    const original = text[at];
    const times: number[] = [];
    let validated = 0;
    for (let i = 0; i < edits; i++) {
      const replacement = i % 2 === 0 ? (original === "x" ? "y" : "x") : original;
      text = text.slice(0, at) + replacement + text.slice(at + 1);
      const t0 = performance.now();
      analyzer.update(text, { start: at, end: at + 1, newEnd: at + 1 });
      analyzer.analyze();
      times.push(performance.now() - t0);
      validated += analyzer.work.stepsValidated;
    }
    const insertTimes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const typed = i % 2 === 0;
      text = typed ? text.slice(0, at) + "x" + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const t0 = performance.now();
      analyzer.update(text, typed ? { start: at, end: at, newEnd: at + 1 } : { start: at, end: at + 1, newEnd: at });
      analyzer.analyze();
      insertTimes.push(performance.now() - t0);
    }
    const full = await measure(() => analyze(text), { warmup: 1, min: 3, max: 5, budgetMs: 3_000 });
    rows.push({
      steps,
      kib: text.length / 1024,
      edits,
      p50: median(times),
      p95: percentile(times, 95),
      insertP50: median(insertTimes),
      insertP95: percentile(insertTimes, 95),
      validatedPerEdit: validated / edits,
      fullMs: median(full),
    });
  }
  return rows;
}
