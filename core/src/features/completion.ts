import type { CompletionItem, Position } from "vscode-languageserver-types";
import { createContext, type CompletionContext } from "./completion/context";
import { dependsOnCompletion } from "./completion/depends-on";
import { getReferenceCompletion } from "./completion/get-reference";
import { newStepCompletion } from "./completion/new-step";
import { schemaKeyCompletion } from "./completion/schema-keys";
import { schemaValueCompletion } from "./completion/schema-values";
import { stepMemberCompletion } from "./completion/step-members";
import { stepTypeCompletion } from "./completion/step-type";
import { firstTooDeep, MAX_NESTING_DEPTH } from "../parse";
import type { PipelineDocument } from "./document";

/** A provider answers for the cursor contexts it owns (even with []), and undefined for the others. */
type Provider = (context: CompletionContext) => CompletionItem[] | undefined;

/** In order: the first provider that owns the context answers. */
const PROVIDERS: Provider[] = [
  getReferenceCompletion,
  dependsOnCompletion,
  stepTypeCompletion,
  newStepCompletion,
  stepMemberCompletion,
  schemaKeyCompletion,
  schemaValueCompletion,
];

/**
 * Completion: DependsOn step names, Get paths, step types, Arguments members, snippets.
 * A bug here throws: the language service reports it to its logger and offers nothing (see language-service.ts).
 */
export function completion(document: PipelineDocument, position: Position): CompletionItem[] {
  // A text refused for its nesting has no tree, and jsonc-parser's getLocation (recursive) would overflow the stack on it.
  if (!document.root && firstTooDeep(document.text, MAX_NESTING_DEPTH) >= 0) return [];
  const context = createContext(document, document.offsetAt(position));
  for (const provider of PROVIDERS) {
    const items = provider(context);
    if (items) return items.map((item, i) => ({ ...item, sortText: item.sortText ?? String(i).padStart(4, "0") }));
  }
  return [];
}
