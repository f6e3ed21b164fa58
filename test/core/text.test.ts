import { test } from "node:test";
import assert from "node:assert/strict";
import { LineIndex } from "../../core/src";

test("LineIndex: LF, CRLF and CR line ends; offsets clamp to the text", () => {
  const lines = new LineIndex("ab\ncd\r\nef\rg");
  assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(lines.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
  assert.deepEqual(lines.positionAt(999), { line: 3, character: 1 });
  assert.equal(lines.offsetAt({ line: 1, character: 1 }), 4);
});

test("LineIndex: characters are UTF-16 code units, as in LSP", () => {
  const lines = new LineIndex(`{"Name": "😀x"}`);
  assert.deepEqual(lines.positionAt(`{"Name": "😀`.length), { line: 0, character: 12 });
});
