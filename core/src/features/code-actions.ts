import type { CodeAction, Diagnostic } from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";

/** Quick fixes for the diagnostics in the request's context (they carry the facts in `data`). */
export function codeActions(document: PipelineDocument, uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  void document;
  void uri;
  void diagnostics;
  return [];
}
