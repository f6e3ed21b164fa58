import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import type { CompletionContext } from "./context";
import { wordRange, type GetText } from "./get-text";
import { jsonStringContent, replaceItem } from "./items";
import { stepDetail } from "./steps";

/** `Steps.‸`: the step names, except the step the reference is written in. */
export function stepNameCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  const { start, end } = wordRange(get, nameStart);
  return context.document
    .stepNames()
    .filter((name) => name !== context.step?.name)
    .map((name) =>
      replaceItem(context, name, start, end, jsonStringContent(name), { kind: CompletionItemKind.Reference, detail: stepDetail(context.document, name) }),
    );
}
