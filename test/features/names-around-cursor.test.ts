import { test } from "node:test";
import assert from "node:assert/strict";
import { LineIndex } from "../../core/src";
import { generatePipelineText } from "../helpers/generate-pipeline";
import { recordedService } from "../helpers/language-service";

const text = generatePipelineText(60);
const lines = new LineIndex(text);
/** Every place a name or a reference is written: step and parameter names, DependsOn entries, Get strings. */
const cursors = [...text.matchAll(/"(Name|Get|PropertyFileName)": "([^"]+)"|"DependsOn": \["([^"]+)"/g)].map((m) => m.index + m[0].length - 3);

test("hover and navigation answer from the names around the cursor exactly as from the whole index", () => {
  const { service, recorder } = recordedService();
  const uri = "file:///big.pipeline.json";
  for (const offset of cursors) {
    const position = lines.positionAt(offset);
    // A fresh version indexes around the cursor only; the other has its whole index made first.
    const local = service.parseDocument(text, { uri });
    const whole = service.parseDocument(text, { uri });
    assert.ok(whole.index.occurrences.length > 120, `${whole.index.occurrences.length} occurrences in all`);
    const hover = service.hover(local, uri, position);
    // The work of the hover: the occurrences of the one step (and parameter) under the cursor, not of 60 steps.
    const indexed = local.indexAround(offset).occurrences.length;
    assert.ok(indexed <= 12, `${indexed} occurrences indexed for a hover`);
    const where = JSON.stringify(text.slice(offset - 20, offset + 5));
    assert.deepEqual(hover, service.hover(whole, uri, position), `hover at ${where}`);
    assert.deepEqual(service.definition(local, uri, position), service.definition(whole, uri, position), `definition at ${where}`);
    assert.deepEqual(service.prepareRename(local, uri, position), service.prepareRename(whole, uri, position), `rename at ${where}`);
  }
  assert.ok(cursors.length > 200, `${cursors.length} cursors`);
  recorder.assertNone();
});
