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

test("LineIndex: an offset between the \\r and \\n of a CRLF is the end of its line (found by fuzzing)", () => {
  const lines = new LineIndex("ab\r\n    }\r\n]");
  assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(lines.positionAt(9), { line: 1, character: 5 });
  assert.deepEqual(lines.positionAt(10), { line: 1, character: 5 });
  assert.deepEqual(lines.positionAt(11), { line: 2, character: 0 });
});

test("LineIndex: a character past the end of its line is the end of that line, not a later one", () => {
  const lines = new LineIndex("ab\r\ncd\nef");
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
  assert.equal(lines.offsetAt({ line: 1, character: 99 }), 6);
  assert.equal(lines.offsetAt({ line: 2, character: 99 }), 9);
  assert.equal(lines.offsetAt({ line: 7, character: 0 }), 9);
});

test("LineIndex.edited: the same positions as an index made from scratch, over random edits with every kind of line end", () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const pieces = ["a", "bc", "\n", "\r", "\r\n", "\n\r", "xy\nz", ""];
  let text = "ab\ncd\r\nef\rg\n";
  let lines = new LineIndex(text);
  for (let round = 0; round < 400; round++) {
    const start = random(text.length + 1);
    const end = Math.min(text.length, start + random(4));
    const insert = pieces[random(pieces.length)] + (random(2) ? pieces[random(pieces.length)] : "");
    text = text.slice(0, start) + insert + text.slice(end);
    lines = lines.edited(text, { start, end, newEnd: start + insert.length });
    const fresh = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(lines.positionAt(offset), fresh.positionAt(offset), `round ${round}, offset ${offset} of ${JSON.stringify(text)}`);
    }
    const lastLine = fresh.positionAt(text.length).line;
    for (let line = 0; line <= lastLine + 1; line++) assert.equal(lines.offsetAt({ line, character: 1 }), fresh.offsetAt({ line, character: 1 }));
  }
});

test("LineIndex.edited: typing on many lines (pending shifts, merged and written out) keeps every version's positions", () => {
  let seed = 11;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  let text = Array.from({ length: 40 }, (_, i) => `line ${i}${i % 3 === 0 ? "\r\n" : "\n"}`).join("");
  let lines = new LineIndex(text);
  const versions: Array<{ text: string; lines: LineIndex }> = [];
  for (let round = 0; round < 300; round++) {
    // Characters typed or deleted inside a line, at a few places (no line break added or removed).
    // Twelve lines: more than the pending shifts kept, so they are written out now and then.
    const line = [3, 17, 29, 5, 38, 11, 23, 31, 1, 8, 14, 35][Math.floor(random(120) / 10)];
    const start = new LineIndex(text).offsetAt({ line, character: 2 + random(3) });
    const typed = random(3) > 0;
    const end = typed ? start : start + 1;
    const insert = typed ? "ab".slice(0, 1 + random(2)) : "";
    if (/[\r\n]/.test(text.slice(start, end + 1))) continue;
    text = text.slice(0, start) + insert + text.slice(end);
    lines = lines.edited(text, { start, end, newEnd: start + insert.length });
    versions.push({ text, lines });
  }
  assert.ok(versions.length > 200);
  // Every version's index still answers for its own text (an index is never modified by the next one).
  for (const version of versions.filter((_, i) => i % 7 === 0)) {
    const fresh = new LineIndex(version.text);
    for (let offset = 0; offset <= version.text.length; offset++) assert.deepEqual(version.lines.positionAt(offset), fresh.positionAt(offset));
    for (let line = 0; line <= fresh.lineCount; line++) assert.equal(version.lines.offsetAt({ line, character: 2 }), fresh.offsetAt({ line, character: 2 }));
  }
});
