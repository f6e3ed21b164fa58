// In-host: vscode.languages.getDiagnostics for the fixtures (codes, severities, messages).
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile, codeOf } = require("./helpers");

suite("diagnostics", () => {
  test("the mistakes file has the expected rule codes", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const diagnostics = await waitFor("the diagnostics of the mistakes file", () => {
      const list = vscode.languages.getDiagnostics(uri);
      return fixtures.MISTAKE_CODES.every((c) => list.some((d) => codeOf(d) === c)) ? list : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf).sort(), [...fixtures.MISTAKE_CODES].sort());
    for (const d of diagnostics) assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `${codeOf(d)} is an error`);
    const byCode = Object.fromEntries(diagnostics.map((d) => [codeOf(d), d]));
    assert.match(byCode["depends-on-unknown-step"].message, /Preprocess/);
    assert.match(byCode["cache-expire-after-invalid"].message, /30 days/);
  });

  test("the corpus definition has no errors", async () => {
    const { uri, document } = await openPipelineFile(fixtures.CORPUS_FILE);
    const fromUs = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "sagemaker-pipelines");
    // Control: an unsaved edit that adds a step with an invalid name must show an error from this
    // extension, so that an empty list below means "validated, no errors" and not "not validated yet".
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf("[", document.getText().indexOf('"Steps"')) + 1);
    await editor.edit((b) => b.insert(at, '{"Name": "not a valid name!", "Type": "Fail", "Arguments": {}},'));
    await waitFor("an error for the inserted step", () => fromUs().some((d) => codeOf(d) === "step-name-invalid"));
    await vscode.commands.executeCommand("workbench.action.files.revert");
    const errors = await waitFor("the reverted corpus definition to have no errors", () => {
      const list = fromUs().filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return list.length === 0 ? list : undefined;
    }).catch((error) => {
      throw new Error(
        `${error.message}\n${fromUs()
          .map((d) => `${codeOf(d)}: ${d.message}`)
          .join("\n")}`,
      );
    });
    assert.deepEqual(errors, []);
    assert.equal(document.isDirty, false);
  });
});
