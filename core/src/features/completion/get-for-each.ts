import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import type { StepModel } from "../../model";
import type { CompletionContext } from "./context";
import { wordRange, type GetText } from "./get-text";
import { jsonStringContent, replaceItem } from "./items";

const CURRENT_ITEM_DOC =
  "The item this iteration of the ForEach step runs for: `ForEach.CurrentItem`, or a field of it: `ForEach.CurrentItem.name`, `ForEach.CurrentItem['rows']`.";

/** In a step of a ForEach step's ForEachBody (SDK v3): `ForEach.CurrentItem` is defined there. */
export function inForEachBody(context: CompletionContext): boolean {
  return context.step?.forEach !== undefined;
}

/** In a ForEach step's Selector, where `IterationOutput.<body step>…` picks an iteration. */
export function inForEachSelector(context: CompletionContext): boolean {
  return context.step?.type === "ForEach" && context.step.rest[0] === "Arguments" && context.step.rest[1] === "Selector";
}

/** `ForEach.‸`: CurrentItem, in a ForEachBody step. */
export function forEachCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  if (!inForEachBody(context)) return [];
  const { start, end } = wordRange(get, nameStart);
  return [
    replaceItem(context, "CurrentItem", start, end, "CurrentItem", {
      kind: CompletionItemKind.Variable,
      detail: "the current item",
      documentation: CURRENT_ITEM_DOC,
    }),
  ];
}

/** The named steps of the ForEachBody of the ForEach step the cursor is in. */
export function iterationSteps(context: CompletionContext): StepModel[] {
  const forEach = context.step?.type === "ForEach" ? context.step.name : undefined;
  if (forEach === undefined) return [];
  const model = context.document.model ?? (context.document.parsed ? undefined : context.document.fallback);
  return model?.steps.filter((step) => step.forEach?.name === forEach && step.name !== undefined) ?? [];
}

/** `IterationOutput.‸` in a ForEach step's Selector: the steps of its ForEachBody. */
export function iterationStepCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  if (!inForEachSelector(context)) return [];
  const { start, end } = wordRange(get, nameStart);
  return iterationSteps(context).map((step) =>
    replaceItem(context, step.name!, start, end, jsonStringContent(step.name!), {
      kind: CompletionItemKind.Reference,
      detail: step.type,
      documentation: "A step of this ForEach step's ForEachBody: its outputs in the iteration the Selector compares.",
    }),
  );
}
