import { parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { Node } from "./json";

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

export function parseDocument(text: string): ParsedDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { text, root, syntaxProblems: explain(text, errors) };
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
