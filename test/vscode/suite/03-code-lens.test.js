// In-host: vscode.executeCodeLensProvider returns the run and cache lenses.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile } = require("./helpers");

suite("code lenses", () => {
  test("run and cache lenses above each step, run pipeline above Steps", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const lenses = await waitFor("code lenses", async () => {
      const list = await vscode.commands.executeCommand("vscode.executeCodeLensProvider", uri);
      return list && list.length > 0 ? list : undefined;
    });
    const titles = lenses.map((l) => (l.command ? l.command.title : ""));
    assert.ok(titles.includes("▶ Run pipeline"), `titles: ${titles.join(" | ")}`);
    assert.equal(titles.filter((t) => t === "▶ Run step").length, fixtures.MISTAKE_STEPS.length);
    assert.equal(titles.filter((t) => t.startsWith("Cache: ")).length, fixtures.MISTAKE_STEPS.length);
    assert.ok(titles.includes("Cache: on · invalid ExpireAfter"), `titles: ${titles.join(" | ")}`);
    const runStep = lenses.filter((l) => l.command && l.command.command === "sagemakerPipelines.runSteps");
    assert.deepEqual(
      runStep.map((l) => l.command.arguments[1]),
      fixtures.MISTAKE_STEPS.map((s) => [s]),
    );
  });
});
