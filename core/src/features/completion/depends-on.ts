import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { elements, memberValue, stringValue } from "../../json";
import type { CompletionContext } from "./context";
import { stringValueItem } from "./items";
import { stepDetail } from "./steps";

/** `"DependsOn": ["‸"]`: the other steps' names, except those already listed. */
export function dependsOnCompletion(context: CompletionContext): CompletionItem[] | undefined {
  const { step } = context;
  if (context.atKey || !step || step.rest.length !== 2 || step.rest[0] !== "DependsOn" || typeof step.rest[1] !== "number") return undefined;
  if (!context.token && !context.fresh) return [];
  const listed = elements(memberValue(step.node, "DependsOn"))
    .filter((element) => !(element.offset <= context.offset && context.offset <= element.offset + element.length))
    .map(stringValue);
  return context.document
    .stepNames()
    .filter((name) => name !== step.name && !listed.includes(name))
    .map((name) => stringValueItem(context, name, { kind: CompletionItemKind.Reference, detail: stepDetail(context.document, name) }));
}
