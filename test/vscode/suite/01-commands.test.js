// In-host: the extension activates from the installed .vsix and registers every contributed command.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, activateExtension } = require("./helpers");

suite("activation and commands", () => {
  test("the extension is installed and activates", async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, "sagemaker-pipelines");
  });

  test("every contributed command is registered", async () => {
    await activateExtension();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = fixtures.COMMANDS.filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(", ")}`);
  });
});
