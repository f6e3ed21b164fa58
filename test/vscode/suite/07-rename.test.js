// In-host: vscode.executeDocumentRenameProvider on a step name renames it everywhere it is written.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile, positionOf } = require("./helpers");

/** The rename edits for this document (the WorkspaceEdit must touch nothing else), once the server answers. */
async function renameEdits(document, position, newName) {
  const edit = await waitFor(`rename edits at ${position.line + 1}:${position.character + 1}`, async () => {
    const result = await vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", document.uri, position, newName);
    return result && result.size > 0 ? result : undefined;
  });
  const entries = edit.entries();
  assert.deepEqual(
    entries.map(([uri]) => uri.toString()),
    [document.uri.toString()],
    "the rename edits only this file",
  );
  return entries[0][1];
}

/** `text` with `edits` applied (ranges refer to the original text, as in a WorkspaceEdit). */
function applied(document, edits) {
  const text = document.getText();
  let result = text;
  for (const e of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
    result = result.slice(0, document.offsetAt(e.range.start)) + e.newText + result.slice(document.offsetAt(e.range.end));
  }
  return result;
}

suite("rename", () => {
  test("renaming a step at its Name edits the Name, every DependsOn entry and every Get of Steps.X", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const original = document.getText();
    const edits = await renameEdits(document, positionOf(document, '"Prepare"', 3), "Split");
    // Name, Train's DependsOn, Train's Get, Evaluate's Get.
    assert.equal(edits.length, 4, JSON.stringify(edits.map((e) => [e.range.start.line + 1, e.newText])));
    for (const e of edits) {
      assert.equal(document.getText(e.range), "Prepare");
      assert.equal(e.newText, "Split");
    }
    assert.equal(applied(document, edits), original.replaceAll('"Prepare"', '"Split"').replaceAll("Steps.Prepare.", "Steps.Split."));
    // The command only computes the edits.
    assert.equal(document.getText(), original);
    assert.equal(document.isDirty, false);
  });

  test("renaming from a use (a DependsOn entry, a Get string) gives the same edits", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const key = (edits) => edits.map((e) => `${document.offsetAt(e.range.start)}-${document.offsetAt(e.range.end)}:${e.newText}`).sort();
    const fromName = key(await renameEdits(document, positionOf(document, '"Prepare"', 3), "Split"));
    const fromDependsOn = key(await renameEdits(document, positionOf(document, '"DependsOn": ["Prepare"]', 17), "Split"));
    const fromGet = key(await renameEdits(document, positionOf(document, "Steps.Prepare.", 9, 2), "Split"));
    assert.deepEqual(fromDependsOn, fromName);
    assert.deepEqual(fromGet, fromName);
  });

  test("an invalid or taken name is refused with the server's message", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const at = positionOf(document, '"Prepare"', 3);
    // Wait until the server answers at all, then ask for names it refuses.
    await renameEdits(document, at, "Split");
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", document.uri, at, "Pre process")),
      /'Pre process' is not a valid step name/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", document.uri, at, "Train")),
      /A step named 'Train' already exists/,
    );
  });
});
