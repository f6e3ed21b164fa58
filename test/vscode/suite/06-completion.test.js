// In-host: vscode.executeCompletionItemProvider for step names in DependsOn and in Get paths.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile, positionOf } = require("./helpers");

/** The completion items at `position`, once the language server answers with some. */
async function completionsAt(document, position) {
  const list = await waitFor(`completions at ${position.line + 1}:${position.character + 1}`, async () => {
    const result = await vscode.commands.executeCommand("vscode.executeCompletionItemProvider", document.uri, position);
    return result && result.items.length > 0 ? result : undefined;
  });
  return list.items;
}

const labelOf = (item) => (typeof item.label === "string" ? item.label : item.label.label);

/** The text an item replaces (its replacing range) and the text it puts there. */
function replacement(document, item) {
  const range = item.range && "replacing" in item.range ? item.range.replacing : item.range;
  const insert = item.textEdit
    ? item.textEdit.newText
    : typeof item.insertText === "string"
      ? item.insertText
      : item.insertText
        ? item.insertText.value
        : labelOf(item);
  return { replaces: range ? document.getText(range) : undefined, insert };
}

function byLabel(items, label) {
  const item = items.find((i) => labelOf(i) === label);
  assert.ok(item, `no item ${label} among ${items.map(labelOf).join(", ")}`);
  return item;
}

suite("completion", () => {
  test("inside a DependsOn string: the other steps (not the step itself), replacing the name written there", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    // Evaluate's `"DependsOn": ["Train"]`, cursor right after the opening quote.
    const items = await completionsAt(document, positionOf(document, '"DependsOn": ["Train"]', 16));
    assert.deepEqual(items.map(labelOf), ["Prepare", "Train"]);
    for (const item of items) {
      assert.equal(item.kind, vscode.CompletionItemKind.Reference, `${labelOf(item)} is a reference`);
      assert.deepEqual(replacement(document, item), { replaces: "Train", insert: labelOf(item) });
    }
    assert.equal(byLabel(items, "Prepare").detail, "Processing");
    assert.equal(byLabel(items, "Train").detail, "Training");
  });

  test("after Steps. in a Get string: the step names (not the step holding the reference), replacing the name", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    // Evaluate's `"Steps.Prepare.ProcessingOutputConfig.Outputs['test']…"`, cursor right after "Steps.".
    const items = await completionsAt(document, positionOf(document, "Steps.Prepare.ProcessingOutputConfig.Outputs['test']", 6));
    assert.deepEqual(items.map(labelOf), ["Prepare", "Train"]);
    for (const item of items) assert.deepEqual(replacement(document, item), { replaces: "Prepare", insert: labelOf(item) });
  });

  test("after Steps.X. in a Get string: the properties of X's step type", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const items = await completionsAt(document, positionOf(document, "Steps.Prepare.ProcessingOutputConfig.Outputs['test']", 14));
    const labels = items.map(labelOf);
    for (const property of ["ProcessingOutputConfig", "ProcessingJobStatus", "ProcessingJobArn", "PropertyFiles"]) {
      assert.ok(labels.includes(property), `${property} missing from ${labels.join(", ")}`);
    }
    assert.ok(!labels.includes("ModelArtifacts"), `a Processing step has no ModelArtifacts: ${labels.join(", ")}`);
    assert.equal(replacement(document, byLabel(items, "ProcessingJobStatus")).replaces, "ProcessingOutputConfig");
  });
});
