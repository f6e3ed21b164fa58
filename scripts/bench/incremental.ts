/**
 * The incremental analysis in process, every rule on (as the CLI and an editor under the light-mode limit run it):
 * one character replaced inside a step in the middle of a generated definition, then the diagnostics of the new version;
 * then the same character typed and deleted (the text grows and shrinks: every node after it moves).
 * Beside it, the analysis of the same text from scratch.
 */
import { analyze, getLanguageService, IncrementalAnalyzer, LineIndex, type PipelineDocument } from "../../core/src";
import { EditRecorder } from "../../server/src/edit-recorder";
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
  /** A character of a step's name typed, then deleted: its names change, the rules across steps that read names run again. */
  renameP50: number;
  renameP95: number;
  /** Models gathered from every step's part per rename (0: updated from the renamed step's). */
  assembledPerRename: number;
  /** What the server does per version before any request is answered: the change applied to its text document, the new version parsed and modelled (no rule). */
  syncP50: number;
  syncP95: number;
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
    const insert = typedAndDeleted(analyzer, text, at, edits);
    const renameAt = text.indexOf('"Name": "', Math.floor(text.length / 2)) + '"Name": "'.length + 1;
    const rename = typedAndDeleted(analyzer, text, renameAt, edits);
    const syncTimes = documentSync(text, at, edits);
    const full = await measure(() => analyze(text), { warmup: 1, min: 3, max: 5, budgetMs: 3_000 });
    rows.push({
      steps,
      kib: text.length / 1024,
      edits,
      p50: median(times),
      p95: percentile(times, 95),
      insertP50: median(insert.times),
      insertP95: percentile(insert.times, 95),
      validatedPerEdit: validated / edits,
      renameP50: median(rename.times),
      renameP95: percentile(rename.times, 95),
      assembledPerRename: rename.modelsAssembled / edits,
      syncP50: median(syncTimes),
      syncP95: percentile(syncTimes, 95),
      fullMs: median(full),
    });
  }
  return rows;
}

/**
 * A character typed at `at`, then deleted, `edits` times (an even number: the text is the same at the end): the time
 * of each update and analysis, and the models assembled from every step's part.
 */
function typedAndDeleted(analyzer: IncrementalAnalyzer, text: string, at: number, edits: number): { times: number[]; modelsAssembled: number } {
  const times: number[] = [];
  let modelsAssembled = 0;
  for (let i = 0; i < edits; i++) {
    const typed = i % 2 === 0;
    text = typed ? text.slice(0, at) + "x" + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t0 = performance.now();
    analyzer.update(text, typed ? { start: at, end: at, newEnd: at + 1 } : { start: at, end: at + 1, newEnd: at });
    analyzer.analyze();
    times.push(performance.now() - t0);
    modelsAssembled += analyzer.work.modelsAssembled;
  }
  return { times, modelsAssembled };
}

/**
 * The server's work per version before it answers anything, as `server/src/document-store.ts` does it: the change goes
 * through the server's `TextDocuments` configuration (the editor's incremental change applied to the text), then the
 * language service parses the new version from the previous one. A character is typed and deleted at `at`.
 */
function documentSync(text: string, at: number, edits: number): number[] {
  const service = getLanguageService({ logger: { internalError: (error: unknown) => console.error(error) } as never });
  const recorder = new EditRecorder();
  const uri = "file:///bench.json";
  let textDocument = recorder.create(uri, "json", 1, text);
  let document: PipelineDocument = service.parseDocument(text, { uri });
  const position = new LineIndex(text).positionAt(at);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const typed = i % 2 === 0;
    const range = typed ? { start: position, end: position } : { start: position, end: { ...position, character: position.character + 1 } };
    const t0 = performance.now();
    textDocument = recorder.update(textDocument, [{ range, text: typed ? "x" : "" }], i + 2);
    document = service.parseDocument(textDocument.getText(), { uri, previous: document, change: recorder.take(uri) });
    times.push(performance.now() - t0);
  }
  if (document.text !== text) throw new Error("the edits did not restore the text");
  return times;
}
