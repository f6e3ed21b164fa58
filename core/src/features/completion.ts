import type { CompletionItem, Position } from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";

/** Completion: DependsOn step names, Get paths, step types, Arguments members, snippets. */
export function completion(document: PipelineDocument, position: Position): CompletionItem[] {
  void document;
  void position;
  return [];
}
