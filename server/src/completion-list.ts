import type { ClientCapabilities, CompletionItem, CompletionList, Range } from "vscode-languageserver/node";

/** Whether the client takes a list's default edit range (LSP 3.17 `itemDefaults.editRange`; VS Code does). */
export function supportsEditRangeDefault(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes("editRange") === true;
}

/**
 * The answer to a completion request. When every item replaces the same range (the step names after `Steps.`, a
 * thousand at 1,000 steps), the range is said once as the list's default and each item keeps only its text: the
 * answer is a third of the size, which is most of its cost to write and to read.
 */
export function completionAnswer(items: CompletionItem[], editRangeDefault: boolean): CompletionItem[] | CompletionList {
  const range = editRangeDefault && items.length > 1 ? sharedRange(items) : undefined;
  if (!range) return items;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: range },
    items: items.map(({ textEdit, ...item }) => {
      const newText = textEdit!.newText;
      return newText === item.label ? item : { ...item, textEditText: newText };
    }),
  };
}

function sharedRange(items: CompletionItem[]): Range | undefined {
  const first = items[0].textEdit;
  if (!first || !("range" in first)) return undefined;
  const { start, end } = first.range;
  for (const { textEdit } of items) {
    if (!textEdit || !("range" in textEdit)) return undefined;
    const range = textEdit.range;
    if (range.start.line !== start.line || range.start.character !== start.character || range.end.line !== end.line || range.end.character !== end.character) {
      return undefined;
    }
  }
  return first.range;
}
