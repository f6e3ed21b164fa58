// In-host: vscode.executeDocumentSymbolProvider returns Parameters and Steps.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile } = require("./helpers");

suite("document symbols", () => {
  test("the outline has Parameters and Steps with the steps inside", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const symbols = await waitFor("document symbols", async () => {
      const list = await vscode.commands.executeCommand("vscode.executeDocumentSymbolProvider", uri);
      return list && list.length > 0 ? list : undefined;
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ["Parameters", "Steps"],
    );
    const steps = symbols.find((s) => s.name === "Steps");
    assert.deepEqual(
      steps.children.map((s) => s.name),
      fixtures.MISTAKE_STEPS,
    );
    const parameters = symbols.find((s) => s.name === "Parameters");
    assert.deepEqual(
      parameters.children.map((s) => s.name),
      ["InputData"],
    );
  });
});
