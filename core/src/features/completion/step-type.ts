import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { KNOWN_STEP_TYPES } from "../../step-types";
import type { CompletionContext } from "./context";
import { stringValueItem } from "./items";

/** A step's `"Type": "‸"`. */
export function stepTypeCompletion(context: CompletionContext): CompletionItem[] | undefined {
  const { step } = context;
  if (context.atKey || !step || step.rest.length !== 1 || step.rest[0] !== "Type") return undefined;
  if (!context.token && !context.fresh) return [];
  return KNOWN_STEP_TYPES.map((type) => stringValueItem(context, type, { kind: CompletionItemKind.EnumMember, detail: "step type" }));
}
