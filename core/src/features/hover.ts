import { MarkupKind, type Hover, type Position } from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";
import { expireAfterHover } from "./hover/expire-after";
import type { HoverResult } from "./hover/markdown";
import { referenceHover } from "./hover/reference";
import { symbolHover } from "./hover/symbol";

/** Hover for step names, DependsOn entries, ExpireAfter values, Get strings and property files. */
export function hover(document: PipelineDocument, position: Position): Hover | null {
  let found: HoverResult | undefined;
  try {
    found = find(document, document.offsetAt(position));
  } catch {
    return null; // a hover must never break the editor: a bug here shows nothing rather than an error
  }
  if (!found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: document.rangeOf(found.start, found.end) };
}

function find(document: PipelineDocument, offset: number): HoverResult | undefined {
  const model = document.model;
  if (!model) return undefined;
  return referenceHover(document, model, offset) ?? symbolHover(document, model, offset) ?? expireAfterHover(document, model, offset);
}
