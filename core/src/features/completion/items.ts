import { InsertTextFormat, type Command, type CompletionItem, type CompletionItemKind, type TextEdit } from "vscode-languageserver-types";
import { nextSignificant, previousSignificant, type CompletionContext } from "./context";

/** Re-opens the suggestion list after an insertion that ends where more can be completed. */
export const TRIGGER_SUGGEST: Command = { title: "Suggest", command: "editor.action.triggerSuggest" };

export interface ItemOptions {
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: string;
  filterText?: string;
  sortText?: string;
  command?: Command;
}

function withOptions(item: CompletionItem, options: ItemOptions): CompletionItem {
  if (options.kind !== undefined) item.kind = options.kind;
  if (options.detail) item.detail = options.detail;
  if (options.documentation) item.documentation = { kind: "markdown", value: options.documentation };
  if (options.filterText !== undefined) item.filterText = options.filterText;
  if (options.sortText !== undefined) item.sortText = options.sortText;
  if (options.command) item.command = options.command;
  return item;
}

/** Characters as they must be written inside a JSON string. */
export function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Escapes the text of a snippet placeholder (`$`, `}` and `\`). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes literal snippet text outside placeholders (`$` and `\`). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$]/g, (c) => `\\${c}`);
}

/** Plain text replacing document offsets [start, end). */
export function replaceItem(context: CompletionContext, label: string, start: number, end: number, newText: string, options: ItemOptions = {}): CompletionItem {
  return withOptions({ label, textEdit: { range: context.document.rangeOf(start, end), newText } }, options);
}

/** A snippet replacing document offsets [start, end). */
export function snippetItem(
  context: CompletionContext,
  label: string,
  start: number,
  end: number,
  snippet: string,
  options: ItemOptions = {},
  additionalTextEdits?: TextEdit[],
): CompletionItem {
  const item = withOptions(
    { label, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: context.document.rangeOf(start, end), newText: snippet } },
    options,
  );
  if (additionalTextEdits?.length) item.additionalTextEdits = additionalTextEdits;
  return item;
}

/**
 * A string value: inside the string under the cursor, its content is replaced (a closing quote is
 * added to an unterminated string); at an empty value position, the quoted string is inserted.
 */
export function stringValueItem(context: CompletionContext, value: string, options: ItemOptions = {}): CompletionItem {
  const token = context.token;
  if (token) {
    const newText = jsonStringContent(value) + (token.terminated ? "" : '"');
    return replaceItem(context, value, token.contentStart, token.terminated ? token.contentEnd : context.offset, newText, options);
  }
  return replaceItem(context, value, context.fresh?.start ?? context.offset, context.offset, JSON.stringify(value), options);
}

/** A literal (number, boolean, null) at an empty value position. */
export function literalValueItem(context: CompletionContext, value: unknown, options: ItemOptions = {}): CompletionItem {
  const text = JSON.stringify(value);
  return replaceItem(context, text, context.fresh?.start ?? context.offset, context.offset, text, options);
}

/** The comma to add after the previous member/element when inserting at an empty position right after one. */
export function leadingComma(context: CompletionContext, from: number): TextEdit[] {
  const previous = previousSignificant(context.text, from);
  if (previous < 0 || /[[{,:]/.test(context.text[previous])) return [];
  return [{ range: context.document.rangeOf(previous + 1, previous + 1), newText: "," }];
}

/** "," when another member/element follows the insertion. */
export function trailingComma(context: CompletionContext, to: number, next: RegExp): string {
  return next.test(context.text[nextSignificant(context.text, to)] ?? "") ? "," : "";
}

/**
 * A member key. Inside a key string, the whole key token is replaced: by `"Key"` alone when a `:`
 * follows, else by `"Key": <value>`. At an empty key position, `"Key": <value>` is inserted.
 * `valueSnippet` is snippet text (escape literal parts with escapeSnippetText).
 */
export function keyItem(context: CompletionContext, key: string, valueSnippet: string, options: ItemOptions = {}): CompletionItem {
  const quotedKey = JSON.stringify(key);
  const token = context.atKey ? context.token : undefined;
  const start = token ? token.start : context.offset;
  // An unterminated key runs to the end of the line: only what is typed before the cursor is replaced.
  const end = token?.terminated ? token.end : context.offset;
  const colonFollows = context.text[nextSignificant(context.text, end)] === ":";
  if (colonFollows) return replaceItem(context, key, start, end, quotedKey, { filterText: quotedKey, ...options });
  const snippet = `${escapeSnippetText(quotedKey)}: ${valueSnippet}${trailingComma(context, end, /["{]/)}`;
  return snippetItem(context, key, start, end, snippet, { filterText: quotedKey, ...options }, token ? [] : leadingComma(context, start));
}

/** The snippet of an empty value of a JSON type: `{}`, `[]`, `""` or nothing, with the cursor inside. */
export function emptyValueSnippet(types: Set<string>): string {
  if (types.size === 1 || (types.size === 2 && types.has("null"))) {
    if (types.has("object")) return "{$1}";
    if (types.has("array")) return "[$1]";
    if (types.has("string")) return '"$1"';
    if (types.has("boolean")) return "${1|true,false|}";
  }
  return "$1";
}
