/** The server's text documents: the same text and positions as vscode-languageserver-textdocument's, over random changes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { EditRecorder } from "../../server/src/edit-recorder";

test("SyncedDocument: the text, lines and positions of vscode-languageserver-textdocument after random incremental and whole changes", () => {
  let seed = 5;
  const random = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 65536) % n;
  const pieces = ["a", "bc", "\n", "\r\n", "xy\nz", "", "é€", "  "];
  const initial = '{\n  "Steps": [\r\n    {"Name": "A"}\n  ]\n}\n';
  const recorder = new EditRecorder();
  const synced = recorder.create("file:///a.json", "json", 1, initial);
  const reference = TextDocument.create("file:///a.json", "json", 1, initial);
  for (let round = 0; round < 500; round++) {
    const text = reference.getText();
    const start = random(text.length + 1);
    const end = Math.min(text.length, start + random(5));
    // Keep CRLF pairs whole: a change between \r and \n has no position in LSP.
    if (text[start - 1] === "\r" || text[end - 1] === "\r") continue;
    const change =
      round % 97 === 96
        ? { text: pieces.join("").repeat(1 + random(3)) }
        : {
            range: { start: reference.positionAt(start), end: reference.positionAt(end) },
            text: pieces[random(pieces.length)] + pieces[random(pieces.length)],
          };
    recorder.update(synced, [change], round + 2);
    TextDocument.update(reference, [change], round + 2);
    assert.equal(synced.getText(), reference.getText(), `round ${round}`);
    assert.equal(synced.version, reference.version);
    assert.equal(synced.lineCount, reference.lineCount);
    const now = reference.getText();
    for (let offset = 0; offset <= now.length; offset++) {
      const position = reference.positionAt(offset);
      if (now[offset - 1] !== "\r" || now[offset] !== "\n") assert.deepEqual(synced.positionAt(offset), position, `round ${round}, offset ${offset}`);
      assert.equal(synced.offsetAt(reference.positionAt(offset)), reference.offsetAt(reference.positionAt(offset)));
    }
    for (let line = -1; line <= reference.lineCount; line++) {
      assert.deepEqual(synced.getLineRange(line), reference.getLineRange(line), `round ${round}, line ${line}`);
      assert.equal(synced.getEOLCharacters(line), reference.getEOLCharacters(line));
    }
  }
});

test("EditRecorder: the region changed since the last snapshot, composed over several changes; unknown after a whole new text", () => {
  const recorder = new EditRecorder();
  const document = recorder.create("file:///b.json", "json", 1, "abcdef\nghij\n");
  recorder.update(document, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } }, text: "XY" }], 2);
  recorder.update(document, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "Z" }], 3);
  assert.equal(document.getText(), "abXYdef\nZghij\n");
  assert.deepEqual(recorder.take("file:///b.json"), { start: 2, end: 7, newEnd: 9 });
  assert.equal(recorder.take("file:///b.json"), undefined);
  recorder.update(document, [{ text: "{}" }], 4);
  assert.equal(recorder.take("file:///b.json"), undefined);
  assert.equal(document.getText(), "{}");
});
