import { createScanner, getLocation, type JSONPath } from "jsonc-parser";
import { memberValue, stringValue, type Node } from "../../json";
import { childNode } from "../../schema/navigate";
import type { PipelineDocument } from "../document";

// jsonc-parser's SyntaxKind / ScanError are const enums, which isolatedModules cannot read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COLON = 6;
const STRING_LITERAL = 10;
const EOF = 17;
const UNEXPECTED_END_OF_STRING = 2;

/** A string token holding the cursor (strictly after its opening quote). Offsets are document offsets. */
export interface StringToken {
  start: number;
  end: number;
  contentStart: number;
  /** End of the content: before the closing quote, or the end of the token when it is unterminated. */
  contentEnd: number;
  terminated: boolean;
}

/** The step object the cursor is in: its node (when written), its path and the path below it. */
export interface StepContext {
  node: Node | undefined;
  path: JSONPath;
  /** Path from the step object to the cursor. */
  rest: JSONPath;
  type: string | undefined;
  name: string | undefined;
  /** The ForEach step whose ForEachBody holds this step (SDK v3): its name, when written. */
  forEach?: { name: string | undefined };
}

/** Everything a completion provider needs to know about the cursor. */
export interface CompletionContext {
  document: PipelineDocument;
  text: string;
  offset: number;
  /** JSON path at the cursor (jsonc-parser `getLocation`); at a key, the last segment is the key typed so far. */
  path: JSONPath;
  atKey: boolean;
  /** The string (value or key) the cursor is in. */
  token: StringToken | undefined;
  /**
   * At a value position where no value is written yet: where an inserted value starts (the cursor, or
   * the start of a bare word typed before it, such as `tru`).
   */
  fresh: { start: number } | undefined;
  step: StepContext | undefined;
  root: Node | undefined;
}

export function createContext(document: PipelineDocument, offset: number): CompletionContext {
  const text = document.text;
  const location = getLocation(text, offset);
  const token = stringTokenAt(text, offset);
  const root = document.root;
  const step = stepAt(root, location.path);
  if (step?.node && (step.type === undefined || step.name === undefined)) {
    // A half-typed key before them hides the step's Type and Name from the tree.
    const written = writtenMembers(text, step.node, token);
    step.type ??= written.get("Type");
    step.name ??= written.get("Name");
  }
  return {
    document,
    text,
    offset,
    path: location.path,
    atKey: location.isAtPropertyKey,
    token,
    fresh: !location.isAtPropertyKey && !token && location.previousNode === undefined ? freshStart(text, offset) : undefined,
    step,
    root,
  };
}

/** The node written at a path from the root, if any. */
export function nodeAt(root: Node | undefined, path: JSONPath): Node | undefined {
  let node = root;
  for (const segment of path) node = childNode(node, segment);
  return node;
}

/** The string token that contains the offset (the cursor is after the opening quote and before the closing one). */
export function stringTokenAt(text: string, offset: number): StringToken | undefined {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    if (start >= offset) return undefined;
    const end = start + scanner.getTokenLength();
    if (kind !== STRING_LITERAL) continue;
    const terminated = scanner.getTokenError() !== UNEXPECTED_END_OF_STRING && end - start >= 2 && text[end - 1] === '"';
    if (offset < end || (!terminated && offset === end)) {
      return { start, end, contentStart: start + 1, contentEnd: terminated ? end - 1 : end, terminated };
    }
  }
  return undefined;
}

/** The start of a bare word before the cursor (or the cursor); undefined after a number or other literal text. */
function freshStart(text: string, offset: number): { start: number } | undefined {
  let start = offset;
  while (start > 0 && /[A-Za-z]/.test(text[start - 1])) start--;
  return /[\w.$-]/.test(text[start - 1] ?? "") ? undefined : { start };
}

const BRANCHES = new Set(["IfSteps", "ElseSteps", "ForEachBody"]);

/**
 * The innermost step holding the path: an element of the top-level `Steps`, of the `IfSteps` /
 * `ElseSteps` of a step's `Arguments` (Condition branches), or of a ForEach step's `ForEachBody`.
 */
export function stepAt(root: Node | undefined, path: JSONPath): StepContext | undefined {
  let found: { index: number } | undefined;
  let lastStepEnd = -1;
  for (let i = 0; i < path.length; i++) {
    if (typeof path[i] !== "number") continue;
    const isTop = i === 1 && path[0] === "Steps";
    const isBranch =
      i >= 2 && lastStepEnd >= 0 && i === lastStepEnd + 3 && path[lastStepEnd + 1] === "Arguments" && BRANCHES.has(path[lastStepEnd + 2] as string);
    if (isTop || isBranch) {
      found = { index: i };
      lastStepEnd = i;
    }
  }
  if (!found) return undefined;
  const stepPath = path.slice(0, found.index + 1);
  const node = nodeAt(root, stepPath);
  const stepNode = node?.type === "object" ? node : undefined;
  const inBody = path[found.index - 1] === "ForEachBody";
  return {
    node: stepNode,
    path: stepPath,
    rest: path.slice(found.index + 1),
    type: stringValue(memberValue(stepNode, "Type")),
    name: stringValue(memberValue(stepNode, "Name")),
    ...(inBody ? { forEach: { name: stringValue(memberValue(nodeAt(root, path.slice(0, found.index - 2)), "Name")) } } : {}),
  };
}

/** Offset of the last non-whitespace character before `offset`, or -1. */
export function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** Offset of the first non-whitespace character at or after `offset`, or text.length. */
export function nextSignificant(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/**
 * The members written in an object, read from the text rather than the tree: while a key is half
 * typed the parser loses the members after it. The key being typed is left out. Values are kept for
 * strings (e.g. a step's Type), undefined otherwise.
 */
export function writtenMembers(text: string, object: Node | undefined, typing?: StringToken): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  if (object?.type !== "object") return found;
  const scanner = createScanner(text, true);
  scanner.setPosition(object.offset);
  let depth = 0;
  let pending: { value: string; start: number } | undefined;
  let key: string | undefined;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (key !== undefined) {
      if (!found.has(key)) found.set(key, kind === STRING_LITERAL ? scanner.getTokenValue() : undefined);
      key = undefined;
    }
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) depth++;
    else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      if (--depth <= 0) break;
    } else if (depth === 1 && kind === STRING_LITERAL) {
      pending = { value: scanner.getTokenValue(), start: scanner.getTokenOffset() };
      continue;
    } else if (depth === 1 && kind === COLON && pending && pending.start !== typing?.start) {
      key = pending.value;
    }
    pending = undefined;
  }
  if (key !== undefined && !found.has(key)) found.set(key, undefined);
  return found;
}

/** The keys written in an object (see writtenMembers), without the one being typed. */
export function presentKeys(context: CompletionContext, object: Node | undefined): Set<string> {
  return new Set(writtenMembers(context.text, object, context.token).keys());
}
