// In-host: the extension's `files.exclude` default (package.json configurationDefaults) hides the run store and is
// merged with VS Code's own default and with the user's and the workspace's values, not replaced by them.
"use strict";
const assert = require("node:assert/strict");
const { vscode, activateExtension } = require("./helpers");

const STORE = "**/.sagemaker-pipelines";

suite("files.exclude", () => {
  test("the store's pattern joins VS Code's default, and a workspace value adds to it", async () => {
    await activateExtension();
    const files = () => vscode.workspace.getConfiguration("files");
    const defaults = files().inspect("exclude").defaultValue;
    assert.equal(defaults[STORE], true, `the default files.exclude: ${JSON.stringify(defaults)}`);
    assert.equal(defaults["**/.git"], true, `VS Code's own patterns are still in the default: ${JSON.stringify(defaults)}`);

    const before = files().inspect("exclude").workspaceValue;
    await files().update("exclude", { ...before, "**/scratch": true }, vscode.ConfigurationTarget.Workspace);
    try {
      const effective = files().get("exclude");
      assert.equal(effective["**/scratch"], true, JSON.stringify(effective));
      assert.equal(effective[STORE], true, `a workspace files.exclude keeps the extension's pattern: ${JSON.stringify(effective)}`);
    } finally {
      await files().update("exclude", before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
