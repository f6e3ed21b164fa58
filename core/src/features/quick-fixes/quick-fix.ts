import { findNodeAtOffset } from "jsonc-parser";
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from "vscode-languageserver-types";
import type { Node } from "../../json";
import type { PipelineDocument } from "../document";

/** What a quick fix sees: one diagnostic of the request, resolved against the current text. */
export interface QuickFixContext {
  document: PipelineDocument;
  uri: string;
  /** The diagnostic as the client sent it (it goes back in the action's `diagnostics`). */
  diagnostic: Diagnostic;
  /** The diagnostic's range as offsets into the current text. */
  start: number;
  end: number;
  /** The facts the rule put on the diagnostic (`replacement`, `name`, `suggestion`…). */
  data: Record<string, unknown>;
}

/** One kind of quick fix, registered for the diagnostic codes it repairs. */
export interface QuickFix {
  codes: string[];
  provide(context: QuickFixContext): CodeAction[];
}

/** A replacement of the current text's [start, end) (offsets; converted to a range here only). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A `quickfix` code action for the context's diagnostic that applies `edits` to its document. */
export function quickFixAction(context: QuickFixContext, title: string, edits: OffsetEdit[], isPreferred = false): CodeAction {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: context.document.rangeOf(e.start, e.end), newText: e.newText }));
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [context.diagnostic],
    ...(isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [context.uri]: textEdits } },
  };
}

/** The node that spans exactly [start, end) of the document, if any. */
export function nodeSpanning(document: PipelineDocument, start: number, end: number): Node | undefined {
  const root = document.root;
  if (!root) return undefined;
  for (let node: Node | undefined = findNodeAtOffset(root, start); node; node = node.parent) {
    if (node.offset === start && node.offset + node.length === end) return node;
    if (node.offset < start) return undefined;
  }
  return undefined;
}

/** Replaces a whole string token with another string value (quoted and escaped as JSON). */
export function replaceString(node: Node, value: string): OffsetEdit {
  return { start: node.offset, end: node.offset + node.length, newText: JSON.stringify(value) };
}

/** `text` as it is written between a JSON string's quotes. */
export function stringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

export function stringData(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === "string" ? value : undefined;
}

export function stringArrayData(data: Record<string, unknown>, key: string): string[] | undefined {
  const value = data[key];
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
}
