// In-host: vscode.executeCodeLensProvider returns the run and cache lenses, each carrying a registered client-side
// command without arguments (a lens command with arguments stops working once VS Code releases its list).
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile, positionOf } = require("./helpers");

const PREFIX = "sagemakerPipelines.lens.";

async function lensesOf(uri) {
  return waitFor("code lenses", async () => {
    const list = await vscode.commands.executeCommand("vscode.executeCodeLensProvider", uri);
    return list && list.length > 0 ? list : undefined;
  });
}

suite("code lenses", () => {
  test("run and cache lenses above each step, run pipeline above Steps", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const lenses = await lensesOf(uri);
    const titles = lenses.map((l) => (l.command ? l.command.title : ""));
    assert.ok(titles.includes("▶ Run pipeline"), `titles: ${titles.join(" | ")}`);
    assert.equal(titles.filter((t) => t === "▶ Run step").length, fixtures.MISTAKE_STEPS.length);
    assert.equal(titles.filter((t) => t.startsWith("Cache: ")).length, fixtures.MISTAKE_STEPS.length);
    assert.ok(titles.includes("Cache: on · invalid ExpireAfter"), `titles: ${titles.join(" | ")}`);
  });

  test("every lens carries a registered command without arguments, the same one in each new list, one per step and kind", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const first = await lensesOf(uri);
    const second = await lensesOf(uri);
    const ids = (list) => list.map((l) => l.command.command);
    for (const lens of first) {
      assert.ok(lens.command.command.startsWith(PREFIX), `${lens.command.title}: ${lens.command.command}`);
      assert.equal((lens.command.arguments || []).length, 0, `${lens.command.title} has arguments`);
    }
    assert.deepEqual(ids(second), ids(first));
    assert.equal(new Set(ids(first)).size, first.length, `ids: ${ids(first).join(", ")}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ids(first)) assert.ok(registered.has(id), `${id} is not registered`);
    const runStep = first.filter((l) => l.command.title === "▶ Run step");
    assert.equal(runStep.length, fixtures.MISTAKE_STEPS.length);
  });

  test("a definition of more than 200 steps: its step lenses resolve when asked, with the same registered commands", async () => {
    const name = "many-steps.pipeline.json";
    const steps = Array.from({ length: 250 }, (_, i) => ({ Name: `S${i}`, Type: "Fail", Arguments: { ErrorMessage: "no" } }));
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
    await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify({ Version: "2020-12-01", Steps: steps }, null, 2)));
    try {
      const { uri } = await openPipelineFile(name);
      const lenses = await waitFor("resolved code lenses", async () => {
        const list = await vscode.commands.executeCommand("vscode.executeCodeLensProvider", uri, 3 + 3 * steps.length);
        return list && list.length === 3 + 3 * steps.length ? list : undefined;
      });
      const titles = lenses.map((l) => (l.command ? l.command.title : ""));
      assert.equal(titles.filter((t) => t === "▶ Run step").length, steps.length, `titles: ${titles.slice(0, 9).join(" | ")}`);
      assert.equal(titles.filter((t) => t === "▶ Run from here").length, steps.length);
      assert.equal(titles.filter((t) => t === "Cache: n/a").length, steps.length);
      for (const lens of lenses) assert.ok(lens.command.command.startsWith(PREFIX), `${lens.command.title}: ${lens.command.command}`);
      const last = lenses.filter((l) => l.command.title === "▶ Run step").at(-1);
      assert.equal(last.range.start.line, positionOf(await vscode.workspace.openTextDocument(uri), '"S249"').line);
    } finally {
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      await vscode.workspace.fs.delete(target);
    }
  });

  test("the Show graph lens's command, run after a newer list came, opens the graph of its file", async () => {
    const { uri } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const graph = (await lensesOf(uri)).find((l) => l.command.title === "Show graph");
    assert.ok(graph, "no Show graph lens");
    await lensesOf(uri);
    const graphTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === `Graph: ${fixtures.MISTAKES_FILE}`);
    assert.equal(graphTabs().length, 0, "a graph is open before the lens ran");
    await vscode.commands.executeCommand(graph.command.command);
    const tabs = await waitFor("the graph tab", () => (graphTabs().length === 1 ? graphTabs() : undefined));
    await vscode.window.tabGroups.close(tabs);
  });
});
