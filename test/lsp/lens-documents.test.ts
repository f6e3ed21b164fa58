import { test } from "node:test";
import assert from "node:assert/strict";
import { LensDocuments } from "../../server/src/lens-documents";

test("lens document keys: one per URI, stable, and back to the URI; unknown or non-integer keys find nothing", () => {
  const keys = new LensDocuments();
  const a = keys.key("file:///a.json");
  const b = keys.key("file:///b.json");
  assert.notEqual(a, b);
  assert.equal(keys.key("file:///a.json"), a);
  assert.equal(keys.uri(a), "file:///a.json");
  assert.equal(keys.uri(b), "file:///b.json");
  for (const key of [7, -1, 0.5, Number.NaN]) assert.equal(keys.uri(key), undefined);
});
