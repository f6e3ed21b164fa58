import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import type { CompletionContext } from "./context";
import { leadingComma, snippetItem, trailingComma } from "./items";
import { jsonSnippet } from "./snippet";
import { DEFAULT_STEP_NAMES, STEP_DESCRIPTIONS, STEP_TEMPLATE_TYPES, stepTemplate } from "./step-templates";

/** Where a new element of `Steps`, `IfSteps` or `ElseSteps` goes: a skeleton step of each main type. */
export function newStepCompletion(context: CompletionContext): CompletionItem[] | undefined {
  const { step } = context;
  if (context.atKey || !step || step.rest.length !== 0) return undefined;
  if (!context.fresh) return [];
  const { start } = context.fresh;
  const taken = new Set(context.document.stepNames());
  const indent = indentUnit(context.text);
  const comma = trailingComma(context, context.offset, /[{]/);
  return STEP_TEMPLATE_TYPES.map((type) =>
    snippetItem(
      context,
      `${type} step`,
      start,
      context.offset,
      jsonSnippet(stepTemplate(type, uniqueName(DEFAULT_STEP_NAMES[type], taken)), indent) + comma,
      { kind: CompletionItemKind.Snippet, detail: `New ${type} step`, documentation: STEP_DESCRIPTIONS[type] },
      leadingComma(context, start),
    ),
  );
}

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** One level of the document's indentation (two spaces when it has none). */
export function indentUnit(text: string): string {
  const first = /\n([ \t]+)\S/.exec(text)?.[1];
  if (!first) return "  ";
  return first.startsWith("\t") ? "\t" : first;
}
