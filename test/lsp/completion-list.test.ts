/** The compact completion answer: only when the client takes list defaults and every item replaces the same range. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CompletionItem, CompletionList } from "vscode-languageserver/node";
import { completionAnswer, supportsEditRangeDefault } from "../../server/src/completion-list";

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const item = (label: string, newText = label, r = range(3, 10, 12)): CompletionItem => ({ label, kind: 18, textEdit: { range: r, newText } });

test("a shared range becomes the list's default; an item keeps its text only when it differs from its label", () => {
  const answer = completionAnswer([item("A"), item("B c", "B\\u0020c")], true) as CompletionList;
  assert.deepEqual(answer, {
    isIncomplete: false,
    itemDefaults: { editRange: range(3, 10, 12) },
    items: [
      { label: "A", kind: 18 },
      { label: "B c", kind: 18, textEditText: "B\\u0020c" },
    ],
  });
});

test("the items as they are: ranges that differ, an item without an edit, one item, or a client without list defaults", () => {
  const differing = [item("A"), item("B", "B", range(3, 10, 13))];
  assert.equal(completionAnswer(differing, true), differing);
  const withoutEdit = [item("A"), { label: "B" }];
  assert.equal(completionAnswer(withoutEdit, true), withoutEdit);
  const one = [item("A")];
  assert.equal(completionAnswer(one, true), one);
  const shared = [item("A"), item("B")];
  assert.equal(completionAnswer(shared, false), shared);
});

test("list defaults are used only when the client names editRange among them", () => {
  assert.equal(supportsEditRangeDefault({}), false);
  assert.equal(supportsEditRangeDefault({ textDocument: { completion: { completionList: { itemDefaults: ["commitCharacters"] } } } }), false);
  assert.equal(supportsEditRangeDefault({ textDocument: { completion: { completionList: { itemDefaults: ["editRange", "data"] } } } }), true);
});
