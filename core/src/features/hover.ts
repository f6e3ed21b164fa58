import type { Hover, Position } from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";

/** Hover for step names, DependsOn entries, ExpireAfter values, Get strings and property files. */
export function hover(document: PipelineDocument, position: Position): Hover | null {
  void document;
  void position;
  return null;
}
