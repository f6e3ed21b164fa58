/** The regions of several edits composed into one region of the first text (the server's edit recorder relies on it). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { changedRegion, composeChanges, type TextChange } from "../../core/src/incremental/text-change";

function apply(text: string, change: TextChange, insert: string): string {
  return text.slice(0, change.start) + insert + text.slice(change.end);
}

test("composed regions describe the whole step from the first text to the last, for random edit sequences", () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 500; round++) {
    const first = "abcdefghijklmnopqrstuvwxyz0123456789".slice(0, 5 + Math.floor(next() * 30));
    let text = first;
    let region: TextChange | undefined;
    for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = start + Math.floor(next() * (text.length - start + 1));
      const insert = "XY".slice(0, Math.floor(next() * 3));
      const change = { start, end, newEnd: start + insert.length };
      text = apply(text, change, insert);
      region = composeChanges(region, change);
    }
    const r = region!;
    // Outside the region the texts are the same; inside, the new text is the last text's slice.
    assert.equal(first.slice(0, r.start) + text.slice(r.start, r.newEnd) + first.slice(r.end), text, JSON.stringify({ first, text, r }));
    assert.equal(first.length - r.end, text.length - r.newEnd);
  }
});

test("changedRegion is the span between the common prefix and suffix", () => {
  assert.deepEqual(changedRegion("abcdef", "abXYef"), { start: 2, end: 4, newEnd: 4 });
  assert.deepEqual(changedRegion("aaa", "aaaa"), { start: 3, end: 3, newEnd: 4 });
  assert.deepEqual(changedRegion("same", "same"), { start: 4, end: 4, newEnd: 4 });
});
