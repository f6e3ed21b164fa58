import assert from "node:assert/strict";
import type { Position, Range } from "vscode-languageserver-types";
import type { PipelineDocument } from "../../core/src";
import { assertNoInternalErrorDiagnostic, recordedService, type RecordedService } from "../helpers/language-service";

/** How many times more fuzz runs than the default: `FUZZ_SCALE=20 node scripts/run-tests.mjs robustness`. */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);

const URI = "file:///fuzz.pipeline.json";

/** The service the fuzzers exercise: every internal error it reports is recorded, and fails the run. */
export const FUZZ_SERVICE: RecordedService = recordedService();

/** Line lengths (without the line break) of `text`, by LSP's definition of lines (\n, \r\n, \r). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function isRange(value: unknown): value is Range {
  const r = value as Range;
  return (
    !!r &&
    typeof r === "object" &&
    typeof r.start?.line === "number" &&
    typeof r.start?.character === "number" &&
    typeof r.end?.line === "number" &&
    typeof r.end?.character === "number"
  );
}

/** Every LSP range anywhere inside `result` (hovers, lenses, edits, symbols…). */
function rangesIn(result: unknown, found: Range[] = [], depth = 0): Range[] {
  if (!result || typeof result !== "object" || depth > 50) return found;
  if (isRange(result)) {
    found.push(result);
    return found;
  }
  for (const value of Array.isArray(result) ? result : Object.values(result)) rangesIn(value, found, depth + 1);
  return found;
}

function assertPositionInside(lines: number[], p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside the document (${lines.length} lines)`);
  assert.ok(
    Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line],
    `${what}: character ${p.character} outside line ${p.line} (length ${lines[p.line]})`,
  );
}

function assertRangesInside(lines: number[], result: unknown, what: string): void {
  for (const range of rangesIn(result)) {
    assertPositionInside(lines, range.start, what);
    assertPositionInside(lines, range.end, what);
    assert.ok(
      range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character),
      `${what}: range ends before it starts`,
    );
  }
}

/**
 * Analyses `text` and runs every editor feature at `offsets` (and on the whole document) through the language
 * service: nothing may throw, no rule or feature may report an internal error (the service would otherwise hide it
 * behind an empty answer), no diagnostic may say a rule crashed, every diagnostic's offsets and every returned range
 * must lie inside the document. Returns the document for further checks.
 */
export function exercise(text: string, offsets: number[] = [], { service, recorder }: RecordedService = FUZZ_SERVICE): PipelineDocument {
  recorder.clear();
  try {
    return exerciseFeatures(service, text, offsets);
  } finally {
    recorder.assertNone(`${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}:`);
  }
}

function exerciseFeatures(service: RecordedService["service"], text: string, offsets: number[]): PipelineDocument {
  const document = service.parseDocument(text, { uri: URI });
  assertNoInternalErrorDiagnostic(document.analysis.diagnostics);
  for (const d of document.analysis.diagnostics) {
    assert.ok(Number.isInteger(d.start) && Number.isInteger(d.end), `${d.code}: non-integer offsets`);
    assert.ok(
      0 <= d.start && d.start <= d.end && d.end <= text.length,
      `${d.code}: [${d.start}, ${d.end}) outside the document (length ${text.length}): ${d.message}`,
    );
    assert.equal(typeof d.message, "string");
  }
  const lines = lineLengths(text);
  const lsp = service.lspDiagnostics(document);
  assertRangesInside(lines, lsp, "diagnostics");
  assertRangesInside(lines, service.documentSymbols(document, URI), "documentSymbols");
  assertRangesInside(lines, service.codeLenses(document, URI), "codeLenses");
  assertRangesInside(lines, service.codeActions(document, URI, lsp.slice(0, 50)), "codeActions");
  for (const offset of offsets) {
    const position = document.lines.positionAt(Math.max(0, Math.min(offset, text.length)));
    assertRangesInside(lines, service.hover(document, URI, position), "hover");
    assertRangesInside(lines, service.completion(document, URI, position), "completion");
    assertRangesInside(lines, service.definition(document, URI, position), "definition");
    assertRangesInside(lines, service.references(document, URI, position, true), "references");
    assertRangesInside(lines, service.documentHighlights(document, URI, position), "documentHighlights");
    assertRangesInside(lines, service.prepareRename(document, URI, position), "prepareRename");
    assertRangesInside(lines, service.rename(document, URI, position, "Renamed_1"), "rename");
    assert.ok(Array.isArray(service.stepsInRanges(document, URI, [{ start: position, end: document.lines.positionAt(text.length) }])));
  }
  return document;
}

/** A deterministic pseudo-random generator (mulberry32), for picks outside fast-check. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
