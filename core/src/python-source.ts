/**
 * Python pipeline files (`pipeline.py` built with the SageMaker Python SDK): where a finding about the exported
 * definition JSON belongs in the Python source. Pure: the export itself (running the user's Python) is the caller's.
 */
import { findNodeAtOffset } from "jsonc-parser";
import type { PipelineDiagnostic } from "./diagnostic";
import { memberValue, stringValue, type Node } from "./json";
import { parseDocument } from "./parse";

/** A string literal of the Python source: its value and the offsets of the whole token, quotes and prefix included. */
export interface PythonLiteral {
  value: string;
  start: number;
  end: number;
}

/** The code of the diagnostics about a Python file that could not be exported (not a rule over the definition). */
export const PYTHON_EXPORT_CODE = "python-export";
export const PYTHON_EXPORT_DESCRIPTION = "The Python file could not be exported to a definition: the SDK raised, the SDK is missing, or no pipeline was found.";

const PREFIX = /[rRbBuUfF]{0,2}$/;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "\n": "" };

interface Scan {
  literals: PythonLiteral[];
  /** The text with every string literal and comment blanked (same length): only code is left. */
  code: string;
}

/** Tokenizes just enough Python to find string literals (single, triple, prefixed) and comments. */
function scan(text: string): Scan {
  const literals: PythonLiteral[] = [];
  const code = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (code[k] !== "\n") code[k] = " ";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "#") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (ch !== "'" && ch !== '"') {
      i++;
      continue;
    }
    const prefix = PREFIX.exec(text.slice(Math.max(0, i - 2), i))![0];
    // A prefix counts only when it is not the end of an identifier (e.g. `bar"x"` is not a bytes literal).
    const before = text[i - prefix.length - 1];
    const realPrefix = before !== undefined && /[\w]/.test(before) ? "" : prefix;
    const raw = /r/i.test(realPrefix);
    const triple = text.startsWith(ch.repeat(3), i);
    const quote = triple ? ch.repeat(3) : ch;
    let j = i + quote.length;
    let value = "";
    let closed = false;
    while (j < text.length) {
      if (text.startsWith(quote, j)) {
        closed = true;
        break;
      }
      const c = text[j];
      if (!triple && c === "\n") break;
      if (c === "\\" && j + 1 < text.length) {
        const next = text[j + 1];
        value += raw ? c + next : (ESCAPES[next] ?? c + next);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    const start = i - realPrefix.length;
    const end = closed ? j + quote.length : j;
    if (closed) literals.push({ value, start, end });
    blank(i, end);
    i = end;
  }
  return { literals, code: code.join("") };
}

/** The string literals, and the text with literals and comments blanked (same offsets): only code is left. */
export function pythonCodeAndLiterals(text: string): { code: string; literals: PythonLiteral[] } {
  return scan(text);
}

export function pythonStringLiterals(text: string): PythonLiteral[] {
  return scan(text).literals;
}

/**
 * Where the pipeline is built: the first `Pipeline(` call in code (not in a string, comment, `class` or `def`), else the
 * first `def get_pipeline(`, else the start of the file. A span of the word `Pipeline` (or `get_pipeline`).
 */
export function pipelineCallSpan(text: string): { start: number; end: number } {
  const { code } = scan(text);
  const call = /(?<![\w])(?<!(?:class|def)\s+)Pipeline\s*\(/.exec(code);
  if (call) return { start: call.index, end: call.index + "Pipeline".length };
  const definition = /\bdef\s+(get_pipeline)\s*\(/.exec(code);
  if (definition) {
    const start = definition.index + definition[0].indexOf("get_pipeline");
    return { start, end: start + "get_pipeline".length };
  }
  return { start: 0, end: 0 };
}

/** The first literal whose value is `name`, if any. */
export function findLiteral(literals: PythonLiteral[], name: string): PythonLiteral | undefined {
  return name === "" ? undefined : literals.find((l) => l.value === name);
}

/**
 * The names a finding about the definition is about, most specific first: the name the rule recorded, the text it
 * points at (a `DependsOn` entry, an output key), the names inside a `Get` it points into, then the step or parameter
 * that contains it. `root`: the definition's parse tree, when the caller has it.
 */
export function namesOfFinding(
  definition: string,
  finding: Pick<PipelineDiagnostic, "start" | "end" | "data">,
  root = parseDocument(definition).root,
): string[] {
  const names: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === "string" && value !== "" && !names.includes(value)) names.push(value);
  };
  add(finding.data?.name);
  const covered = definition.slice(finding.start, finding.end);
  add(covered.replace(/^\[?['"]?|['"]?\]?$/g, ""));
  for (const match of covered.matchAll(/\['([^']*)'\]/g)) add(match[1]);
  for (const match of covered.matchAll(/\b(?:Steps|Parameters|PropertyFiles)\.([\w-]+)/g)) add(match[1]);
  let node: Node | undefined = root ? findNodeAtOffset(root, finding.start, true) : undefined;
  while (node) {
    if (node.type === "object") {
      const name = stringValue(memberValue(node, "Name"));
      const isStepOrParameter = memberValue(node, "Type") !== undefined;
      if (name !== undefined && isStepOrParameter) add(name);
    }
    node = node.parent;
  }
  return names;
}

/**
 * Findings about the exported definition, placed in the Python source, in the order of the source: each on the first
 * string literal whose value is a name it is about, else on the `Pipeline(` call. Messages and codes are kept.
 */
export function mapDiagnosticsToPython<T extends Pick<PipelineDiagnostic, "start" | "end" | "data">>(definition: string, findings: T[], python: string): T[] {
  const literals = scan(python).literals;
  const root = parseDocument(definition).root;
  const fallback = pipelineCallSpan(python);
  const place = (finding: T): T => {
    for (const name of namesOfFinding(definition, finding, root)) {
      const literal = findLiteral(literals, name);
      if (literal) return { ...finding, start: literal.start, end: literal.end };
    }
    return { ...finding, ...fallback };
  };
  return findings.map(place).sort((a, b) => a.start - b.start);
}

/**
 * The names an SDK error message mentions, most likely first: quoted names, then the word after `name:` or after the
 * last colon (`ValueError: The input steps do not contain the step of name: Evalute`).
 */
export function namesInErrorMessage(message: string): string[] {
  const names: string[] = [];
  const add = (value: string | undefined) => {
    const trimmed = value?.trim().replace(/[.,;]+$/, "");
    if (trimmed && trimmed.length <= 256 && !names.includes(trimmed)) names.push(trimmed);
  };
  for (const match of message.matchAll(/name:?\s+['"]?([\w.-]+)/gi)) add(match[1]);
  for (const match of message.matchAll(/'([^'\n]+)'|"([^"\n]+)"/g)) add(match[1] ?? match[2]);
  add(/:\s*([^:\s]+)\s*$/.exec(message)?.[1]);
  return names;
}

/**
 * Where the SDK's error while building the definition belongs: on the literal the message names; else on the line of
 * the innermost frame of this file (1-based, from the traceback); else on the `Pipeline(` call.
 */
export function locatePythonError(message: string, python: string, frameLines: number[] = []): { start: number; end: number } {
  const literals = scan(python).literals;
  for (const name of namesInErrorMessage(message)) {
    const literal = findLiteral(literals, name);
    if (literal) return { start: literal.start, end: literal.end };
  }
  const line = frameLines.at(-1);
  if (line !== undefined && line >= 1) {
    const lines = python.split("\n");
    if (line <= lines.length) {
      const lineStart = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
      const content = lines[line - 1];
      const indent = content.length - content.trimStart().length;
      return { start: lineStart + indent, end: lineStart + content.trimEnd().length };
    }
  }
  return pipelineCallSpan(python);
}

/** What a failed export says: its kind (`raised`: the user's code raised), message, traceback and the file's frame lines. */
export interface PythonExportFailureInfo {
  kind: string;
  message: string;
  traceback?: string;
  frameLines: number[];
}

/**
 * The one `python-export` error of a file that could not be exported: where the code raised (on the literal the SDK's
 * message names, else the line it raised on, else the `Pipeline(` call), or at the top when it did not run.
 */
export function pythonFailureDiagnostic(failure: PythonExportFailureInfo, python: string): PipelineDiagnostic {
  if (failure.kind !== "raised") return { code: PYTHON_EXPORT_CODE, severity: "error", message: failure.message, start: 0, end: 0 };
  const message = failure.traceback?.split("\n").at(-1) ?? failure.message;
  return { code: PYTHON_EXPORT_CODE, severity: "error", message, ...locatePythonError(failure.message, python, failure.frameLines) };
}
