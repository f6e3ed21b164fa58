import { parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { Node } from "./json";
import { parseStrictJsonTree } from "./strict-json-tree";

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedDocument {
  text: string;
  root: Node | undefined;
  syntaxProblems: SyntaxProblem[];
}

const MAX_SYNTAX_PROBLEMS = 100;

const messages: Record<string, string> = {
  InvalidSymbol: "Unexpected character",
  InvalidNumberFormat: "Invalid number",
  PropertyNameExpected: "Expected a property name in double quotes",
  ValueExpected: "Expected a value",
  ColonExpected: "Expected ':' after the property name",
  CommaExpected: "Expected ',' between members",
  CloseBraceExpected: "Expected '}' to close the object",
  CloseBracketExpected: "Expected ']' to close the array",
  EndOfFileExpected: "Expected the end of the file after the top-level value",
  InvalidCommentToken: "Comments are not allowed in JSON",
  UnexpectedEndOfComment: "Unterminated comment",
  UnexpectedEndOfString: "Unterminated string",
  UnexpectedEndOfNumber: "Incomplete number",
  InvalidUnicode: "Invalid unicode escape",
  InvalidEscapeCharacter: "Invalid escape character in string",
  InvalidCharacter: "Invalid character in string (control characters must be escaped)",
};

/**
 * Deeper nesting is refused before parsing: jsonc-parser, the schema validator and the model are
 * recursive, and about 3,000 levels overflow the stack. Real definitions nest a few dozen levels
 * (30 nested Condition steps are about 130).
 */
export const MAX_NESTING_DEPTH = 1000;

export function parseDocument(text: string): ParsedDocument {
  const tree = parseJsonTree(text, MAX_NESTING_DEPTH);
  if ("tooDeep" in tree) {
    const message = `The JSON is nested more than ${MAX_NESTING_DEPTH.toLocaleString("en-US")} levels deep here; a pipeline definition never is, so the file is not analysed further.`;
    return { text, root: undefined, syntaxProblems: [{ message, start: tree.tooDeep, end: tree.tooDeep + 1 }] };
  }
  return { text, root: tree.root, syntaxProblems: explain(text, tree.errors) };
}

/**
 * The tree of `text` and jsonc-parser's errors: strict JSON through the fast path (no errors), anything else through
 * jsonc-parser; nesting deeper than `depthLimit` is refused before either recurses. `anchorRoot`: see parseStrictJsonTree.
 */
export function parseJsonTree(
  text: string,
  depthLimit: number,
  { anchorRoot = false } = {},
): { root: Node | undefined; errors: ParseError[] } | { tooDeep: number } {
  const strict = parseStrictJsonTree(text, depthLimit, { anchorRoot });
  if (strict) return { root: strict, errors: [] };
  const tooDeep = firstTooDeep(text, depthLimit);
  if (tooDeep >= 0) return { tooDeep };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, errors };
}

/**
 * Offset of the first `{` or `[` that opens level `limit + 1`, or -1. Strings and comments are skipped
 * as jsonc-parser's scanner skips them: a string ends at an unescaped quote or line break, and a
 * backslash escapes whatever follows it (a line break too). Strings are crossed with indexOf.
 */
export function firstTooDeep(text: string, limit: number): number {
  let depth = 0;
  const length = text.length;
  let nextLf = -1; // cached positions of the next \n and \r: recomputed only once passed, so linear overall
  let nextCr = -1;
  for (let i = 0; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      let from = i + 1;
      for (;;) {
        if (nextLf < from) nextLf = text.indexOf("\n", from) >>> 0; // -1 becomes 2^32 - 1: past any end
        if (nextCr < from) nextCr = text.indexOf("\r", from) >>> 0;
        const quote = text.indexOf('"', from) >>> 0;
        const stop = Math.min(quote, nextLf, nextCr);
        if (stop >= length) return -1; // an unterminated string runs to the end
        let k = stop - 1;
        while (k > i && text.charCodeAt(k) === 92 /* \\ */) k--;
        if ((stop - 1 - k) % 2 === 1) {
          from = stop + 1; // escaped: the string goes on
          continue;
        }
        i = stop;
        break;
      }
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      if (depth > 0) depth--;
    } else if (ch === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        for (i += 2; i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13; i++);
      } else if (next === 42 /* * */) {
        const end = text.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 1;
      }
    }
  }
  return -1;
}

function explain(text: string, errors: ParseError[]): SyntaxProblem[] {
  if (errors.length === 0) return [];
  const first = errors[0];
  if (looksLikePythonRepr(text, first.offset)) {
    return [
      {
        message:
          "This is a Python dict (repr), not JSON: it uses single quotes, True/False or None. " +
          "Write the definition with pipeline.definition() or json.dumps(...) instead of print(dict).",
        start: first.offset,
        end: first.offset + Math.max(1, first.length),
      },
    ];
  }
  const problems: SyntaxProblem[] = [];
  let lastOffset = -1;
  let placeholderEnd = -1;
  for (const error of errors) {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) break;
    if (error.offset === lastOffset) continue; // the parser reports cascades at one spot
    lastOffset = error.offset;
    // A placeholder confuses the parser up to the next token after it: one message is enough.
    if (error.offset <= placeholderEnd) continue;
    const placeholder = templatePlaceholderAt(text, error.offset);
    if (placeholder) {
      placeholderEnd = nextTokenEnd(text, placeholder.end);
      problems.push({
        message: `Template placeholder '${placeholder.text}' is not JSON: render the template before using it as a pipeline definition.`,
        start: placeholder.start,
        end: placeholder.end,
      });
      continue;
    }
    const name = printParseErrorCode(error.error);
    problems.push({
      message: `${messages[name] ?? name}.`,
      start: error.offset,
      end: Math.min(text.length, error.offset + Math.max(1, error.length)),
    });
  }
  return dedupeOverlapping(problems);
}

function dedupeOverlapping(problems: SyntaxProblem[]): SyntaxProblem[] {
  const result: SyntaxProblem[] = [];
  for (const p of problems) {
    const previous = result[result.length - 1];
    if (previous && p.start < previous.end) continue;
    result.push(p);
  }
  return result;
}

function looksLikePythonRepr(text: string, firstErrorOffset: number): boolean {
  const at = text.slice(firstErrorOffset, firstErrorOffset + 6);
  const singleQuoted = /^\s*\{\s*'/.test(text) || at.startsWith("'");
  const pythonConstant = /^(True|False|None)\b/.test(at);
  return singleQuoted || pythonConstant;
}

function templatePlaceholderAt(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const windowStart = Math.max(0, offset - 2);
  const match = /\{\{[^{}]*\}\}/g;
  match.lastIndex = windowStart;
  const found = match.exec(text);
  if (!found || found.index > offset) return undefined;
  return { text: found[0], start: found.index, end: found.index + found[0].length };
}

/** End of the token that follows `offset` (skipping whitespace). */
function nextTokenEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i + 1;
}
