import type { PipelineDocument } from "../document";
import type { Node } from "../../json";
import { escapeMarkdown, inlineCode as code } from "../../markdown";

/** A hover found at an offset: its markdown and the document span it covers. */
export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

/** Inline code and escaped prose: the core's one Markdown escaping (core/src/markdown.ts). */
export { code, escapeMarkdown as escape };

/** `a`, `b`, `c` … and 3 more. */
export function codeList(items: readonly string[], limit = 12): string {
  const shown = items.slice(0, limit).map(code).join(", ");
  return items.length > limit ? `${shown} … and ${items.length - limit} more` : shown;
}

/** A JSON value as written, shortened to one line. */
export function rawValue(document: PipelineDocument, node: Node, max = 80): string {
  const raw = document.text.slice(node.offset, node.offset + node.length).replace(/\s+/g, " ");
  return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
}

/** 1-based line number of an offset, as editors show it. */
export function lineOf(document: PipelineDocument, offset: number): number {
  return document.rangeOf(offset, offset).start.line + 1;
}

/** Paragraphs joined as markdown; empty entries are dropped. */
export function paragraphs(...parts: Array<string | undefined | false>): string {
  return parts.filter((part): part is string => typeof part === "string" && part.length > 0).join("\n\n");
}
