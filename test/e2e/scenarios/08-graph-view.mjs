// The pipeline graph view of the corpus definition (abalone.json), driven through its webview page: the
// `Show graph` lens opens it beside the editor; the nodes are the eight steps, with the data edges of the `Get`
// references and the Condition's `if` / `else` branches (labelled); it opens fitted to the side panel at a readable
// scale, nothing cut off. The Condition's − toggle folds its branches into it, + unfolds them. A click on the AbaloneTrain node selects the
// step's Name in the editor (on screen); the editor's cursor, moved into another step, outlines that node (also a
// step inside a Condition branch). A reference edited to an unknown step redraws the graph as typed: a missing
// node, a broken edge, everything else still drawn; undo gives the clean graph again. A reference edited into a
// cycle marks both nodes and both edges (red); undo again.

const STEPS = [
  "AbaloneProcess",
  "AbaloneTrain",
  "AbaloneEval",
  "AbaloneMSECond",
  "AbaloneRegisterModel",
  "AbaloneCreateModel",
  "AbaloneTransform",
  "AbaloneMSEFail",
];

/** Edges every drawing of the corpus definition has (a subset: the data edges of each kind of reference). */
const EDGES = [
  "data:AbaloneProcess->AbaloneTrain",
  "data:AbaloneTrain->AbaloneEval",
  "data:AbaloneProcess->AbaloneEval",
  "data:AbaloneEval->AbaloneMSECond",
  "data:AbaloneCreateModel->AbaloneTransform",
  "if:AbaloneMSECond->AbaloneRegisterModel",
  "if:AbaloneMSECond->AbaloneCreateModel",
  "if:AbaloneMSECond->AbaloneTransform",
  "else:AbaloneMSECond->AbaloneMSEFail",
];

export default {
  name: "graph view: nodes and edges of the corpus definition, click to reveal, cursor outline, live redraw of a broken reference and a cycle",
  async run({ page, wb, fixtures, log, screenshot }) {
    const pageConsole = wb.watchConsole(page);
    await wb.openFile(page, fixtures.CORPUS_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);

    // ---- Open from the lens above "Steps" (below the Parameters: scrolled to first). ----
    await wb.revealText(page, '"Steps"');
    await wb.waitForCodeLenses(page, ["Show graph"]);
    await wb.clickCodeLens(page, "Show graph");
    await page.locator(`.tabs-container .tab[aria-label^="Graph: ${fixtures.CORPUS_FILE}"]`).first().waitFor({ state: "visible", timeout: 15_000 });
    const first = await wb.waitForGraphNodes(page, STEPS, { exact: true });
    log(`graph: ${wb.describeGraph(first)}`);
    expectEqual(first.title, fixtures.CORPUS_FILE, "the graph view's title");
    expectEqual(first.banner, "", "the banner (no syntax error, nothing stale)");
    if (first.empty) throw new Error("the graph view says it has no steps to draw");
    if (first.runEnabled) throw new Error("▶ Run Selected Steps is enabled with nothing selected");
    expectEqual(first.selectionCount, "", "the selection count with nothing selected");
    for (const node of first.nodes) {
      if (!node.classes.includes("node-step")) throw new Error(`node ${node.step}: classes ${node.classes.join(" ")}, expected node-step`);
      if (node.classes.includes("problem") || node.classes.includes("cycle"))
        throw new Error(`node ${node.step} is marked as a problem in a clean definition: ${node.classes.join(" ")}`);
      if (!node.name.endsWith(node.step)) throw new Error(`node ${node.step} shows the name "${node.name}"`);
      expectEqual(node.id, `node-${node.step}`, `the DOM id of the node of ${node.step}`);
    }
    const cond = first.nodes.find((n) => n.step === "AbaloneMSECond");
    if (!cond.classes.includes("node-condition")) throw new Error(`the Condition step's node is not node-condition: ${cond.classes.join(" ")}`);
    log(`details: ${first.nodes.map((n) => `${n.step}: ${n.detail}`).join(" | ")}`);
    expectEqual(first.nodes.find((n) => n.step === "AbaloneTrain").detail, "Training", "the type line of AbaloneTrain's node");
    expectEdges(first, EDGES);
    const broken = first.edges.filter((e) => e.classes.includes("broken") || e.classes.includes("cycle"));
    if (broken.length) throw new Error(`a clean definition has broken or cyclic edges: ${broken.map((e) => e.id).join(", ")}`);
    for (const e of first.edges) expectEqual(e.id, `${e.kind}:${e.from}->${e.to}`, "an edge's data-edge");
    const labels = first.labels.map((l) => `${l.kind}=${l.text}`).sort();
    expectEqual(labels.join(" "), "else=else if=if if=if if=if", "the branch edge labels");
    log(`legend: ${first.legend.replace(/\s*\n\s*/g, " | ")}`);
    for (const entry of ["data (Get)", "DependsOn", "if branch", "else branch", "unknown step", "cycle"])
      if (!first.legend.includes(entry)) throw new Error(`the legend lacks "${entry}": ${first.legend}`);
    // The drawing must be readable: no two node boxes overlap.
    const overlaps = [];
    for (let i = 0; i < first.nodes.length; i++)
      for (let j = i + 1; j < first.nodes.length; j++)
        if (intersects(first.nodes[i].box, first.nodes[j].box)) overlaps.push(`${first.nodes[i].step} × ${first.nodes[j].step}`);
    if (overlaps.length) throw new Error(`node boxes overlap: ${overlaps.join(", ")}`);
    // The kinds of edges are told apart by colour (the theme's chart colours).
    const strokes = Object.fromEntries(["data", "if", "else"].map((k) => [k, first.edges.find((e) => e.kind === k).stroke]));
    log(
      `edge colours: ${Object.entries(strokes)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}; label colours: ${first.labels.map((l) => `${l.text} ${l.fill}`).join(", ")}`,
    );
    if (new Set(Object.values(strokes)).size !== 3) throw new Error(`data, if and else edges do not have three colours: ${JSON.stringify(strokes)}`);
    log(`viewport: ${JSON.stringify(first.viewport)}; labels at ${first.labels.map((l) => `${l.text} ${JSON.stringify(l.box)}`).join(", ")}`);
    // It opens fitted to the side panel at a readable scale: every node and label on screen, nothing to scroll to.
    const scale = wb.graphScale(first);
    log(`scale ${scale.toFixed(2)}; layout ${first.viewport.viewBox}; the panel's view ${first.viewport.clientWidth}×${first.viewport.clientHeight}`);
    if (scale < 0.64) throw new Error(`the example opens at scale ${scale.toFixed(2)}, below the readable minimum 0.65`);
    const view = first.viewport;
    const outside = [...first.nodes.map((n) => [n.step, n.box]), ...first.labels.map((l) => [`label ${l.text}`, l.box])].filter(
      ([, b]) => b.x < view.x - 1 || b.y < view.y - 1 || b.x + b.width > view.x + view.clientWidth + 1 || b.y + b.height > view.y + view.clientHeight + 1,
    );
    if (outside.length) throw new Error(`cut off by the panel: ${outside.map(([what, b]) => `${what} ${JSON.stringify(b)}`).join(", ")}`);
    if (first.minimap) throw new Error("the overview shows though the whole graph is on screen");
    await screenshot("graph");

    // ---- The Condition's branches fold into it (its − toggle) and unfold (+). ----
    if (cond.toggle !== "−") throw new Error(`AbaloneMSECond's fold toggle shows "${cond.toggle}", expected −`);
    await wb.clickGraphToggle(page, "AbaloneMSECond");
    const folded = await wb.waitForGraphNodes(page, ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneMSECond"], { exact: true });
    const foldedCond = folded.nodes.find((n) => n.step === "AbaloneMSECond");
    log(`folded: ${wb.describeGraph(folded)}; the Condition: ${foldedCond.detail}`);
    expectEqual(foldedCond.detail, "Condition · 4 steps folded", "the folded Condition's line");
    if (!foldedCond.classes.includes("collapsed") || foldedCond.toggle !== "+")
      throw new Error(`the folded Condition: ${foldedCond.classes.join(" ")}, toggle ${foldedCond.toggle}`);
    expectEdges(folded, ["data:AbaloneEval->AbaloneMSECond", "data:AbaloneTrain->AbaloneMSECond"]);
    await screenshot("folded");
    await wb.clickGraphToggle(page, "AbaloneMSECond");
    await wb.waitForGraphNodes(page, STEPS, { exact: true });

    // ---- A click on a node reveals its step: the editor selects the step's Name. ----
    await wb.clickGraphNode(page, "AbaloneTrain");
    const selected = await wb.waitForGraph(page, "AbaloneTrain selected", (s) => s.nodes.find((n) => n.step === "AbaloneTrain")?.classes.includes("selected"));
    expectEqual(selected.selectionCount, "1 selected", "the selection count after a click");
    if (!selected.runEnabled) throw new Error("▶ Run Selected Steps is still disabled with a node selected");
    const status = await wb.waitUntil(
      page,
      "the editor to select AbaloneTrain's Name",
      async () => {
        const s = await wb.editorSelectionStatus(page);
        return s.selected === "AbaloneTrain".length ? s : { failed: s.text || "(no selection in the status bar)" };
      },
      10_000,
    );
    log(`status bar after the click: ${status.text}`);
    // The selected text is the Name's value, on a line that is on screen (once the editor has scrolled to it: the
    // status bar can show the selection a frame before the reveal's scroll is drawn).
    const text = await wb.waitUntil(
      page,
      `line ${status.line} (the selection) to be on screen`,
      async () => (await wb.lineText(page, status.line)) ?? { failed: "not on screen" },
      5_000,
    );
    const end = status.column - 1;
    expectEqual(text.slice(end - status.selected, end), "AbaloneTrain", `the selected text on line ${status.line} ("${text.trim()}")`);
    if (!/"Name":\s*"AbaloneTrain"/.test(text)) throw new Error(`line ${status.line} is not AbaloneTrain's Name: "${text.trim()}"`);
    const sel = await wb.editorSelectionBoxes(page);
    const name = (await wb.visibleTextBoxes(page, "AbaloneTrain")).find((b) => b.line === status.line);
    if (
      !name ||
      sel.boxes.length !== 1 ||
      Math.abs(sel.boxes[0].x - name.x) > 2 ||
      Math.abs(sel.boxes[0].width - name.width) > 2 ||
      Math.abs(sel.boxes[0].y - name.y) > name.height
    ) {
      throw new Error(`the selection highlight ${JSON.stringify(sel.boxes)} is not on "AbaloneTrain" at ${JSON.stringify(name)}`);
    }
    if (name.y < sel.guard.y || name.y + name.height > sel.guard.y + sel.guard.height)
      throw new Error(`AbaloneTrain's Name (y ${name.y}) is outside the editor (${JSON.stringify(sel.guard)})`);
    // The editor's cursor is now in AbaloneTrain: its node is outlined.
    await wb.waitForGraph(page, "the cursor on AbaloneTrain", (s) => cursorNodes(s).join() === "AbaloneTrain");
    await screenshot("node-clicked");

    // ---- The editor's cursor, moved into other steps, outlines their nodes. ----
    // Inside AbaloneEval, on its Get of AbaloneTrain's model: AbaloneEval, not the step it reads.
    await wb.clickText(page, '"Steps.AbaloneTrain.ModelArtifacts.S3ModelArtifacts"');
    const onEval = await wb.waitForGraph(page, "the cursor on AbaloneEval", (s) => cursorNodes(s).join() === "AbaloneEval");
    log(`cursor in AbaloneEval: cursor on ${cursorNodes(onEval).join()}, selected ${selectedNodes(onEval).join()}`);
    // Inside AbaloneTransform, a step in the Condition's IfSteps: the inner step, not the Condition.
    await wb.clickText(page, '"Steps.AbaloneCreateModel.ModelName"');
    await wb.waitForGraph(page, "the cursor on AbaloneTransform", (s) => cursorNodes(s).join() === "AbaloneTransform");

    // ---- A reference edited to an unknown step: the graph redraws as typed. ----
    const edit = await wb.replaceText(page, '"Steps.AbaloneTrain.ModelArtifacts.S3ModelArtifacts"', '"Steps.AbaloneTrainer.ModelArtifacts.S3ModelArtifacts"');
    log(`edited line ${edit.line}: ${edit.before.trim()} → ${edit.after.trim()}`);
    await page.keyboard.press("Escape"); // a suggestion list, if the typing opened one
    const brokenState = await wb.waitForGraph(
      page,
      "a missing node AbaloneTrainer and a broken edge",
      (s) =>
        s.nodes.some((n) => n.step === "AbaloneTrainer" && n.classes.includes("node-missing")) &&
        s.edges.some((e) => e.id === "data:?AbaloneTrainer->AbaloneEval" && e.classes.includes("broken")),
    );
    log(`after the edit: ${wb.describeGraph(brokenState)}`);
    expectEqual(brokenState.banner, "", "the banner after a semantic error (the text still parses)");
    const missing = brokenState.nodes.find((n) => n.step === "AbaloneTrainer");
    expectEqual(missing.detail, "unknown step", "the missing node's type line");
    expectEqual(
      brokenState.nodes
        .filter((n) => n.classes.includes("node-step"))
        .map((n) => n.step)
        .sort()
        .join(),
      [...STEPS].sort().join(),
      "the steps still drawn",
    );
    expectEqual(brokenState.nodes.length, STEPS.length + 1, "the number of nodes (the steps and one missing)");
    expectEdges(
      brokenState,
      EDGES.filter((e) => e !== "data:AbaloneTrain->AbaloneEval"),
    );
    if (brokenState.edges.some((e) => e.id === "data:AbaloneTrain->AbaloneEval"))
      throw new Error("AbaloneEval still reads AbaloneTrain in the graph after the edit");
    // AbaloneTrain's other readers are untouched.
    expectEdges(brokenState, ["data:AbaloneTrain->AbaloneRegisterModel", "data:AbaloneTrain->AbaloneCreateModel"]);
    const brokenOnes = brokenState.edges.filter((e) => e.classes.includes("broken")).map((e) => e.id);
    expectEqual(brokenOnes.join(), "data:?AbaloneTrainer->AbaloneEval", "the broken edges");
    await screenshot("broken-reference");

    // ---- Undo: the clean graph again. ----
    await wb.undo(page);
    await wb.waitForEditorText(page, '"Steps.AbaloneTrain.ModelArtifacts.S3ModelArtifacts"');
    const clean = await wb.waitForGraph(
      page,
      "the clean graph after undo",
      (s) => !s.nodes.some((n) => n.classes.includes("node-missing")) && s.edges.some((e) => e.id === "data:AbaloneTrain->AbaloneEval"),
    );
    expectEqual(
      clean.nodes
        .map((n) => n.step)
        .sort()
        .join(),
      [...STEPS].sort().join(),
      "the nodes after undo",
    );
    if (clean.edges.some((e) => e.classes.includes("broken"))) throw new Error(`broken edges after undo: ${wb.describeGraph(clean)}`);

    // ---- A cycle: AbaloneTrain made to read AbaloneEval, which reads AbaloneTrain. Both nodes and edges marked. ----
    const loop = await wb.replaceText(
      page,
      `"Steps.AbaloneProcess.ProcessingOutputConfig.Outputs['train']`,
      `"Steps.AbaloneEval.ProcessingOutputConfig.Outputs['train']`,
    );
    log(`edited line ${loop.line}: ${loop.before.trim()} → ${loop.after.trim()}`);
    await page.keyboard.press("Escape");
    const cyclic = await wb.waitForGraph(page, "the cycle AbaloneTrain ⇄ AbaloneEval", (s) => cycleNodes(s).join() === "AbaloneTrain,AbaloneEval");
    log(`after the cycle edit: ${wb.describeGraph(cyclic)}`);
    const cycleEdges = cyclic.edges
      .filter((e) => e.classes.includes("cycle"))
      .map((e) => e.id)
      .sort();
    expectEqual(cycleEdges.join(), "data:AbaloneEval->AbaloneTrain,data:AbaloneTrain->AbaloneEval", "the edges on the cycle");
    expectEqual(cyclic.nodes.length, STEPS.length, "the number of nodes with a cycle");
    const red = cyclic.edges.find((e) => e.id === "data:AbaloneEval->AbaloneTrain").stroke;
    if (red === strokes.data) throw new Error(`an edge on the cycle has the colour of a data edge (${red})`);
    log(`cycle edge colour: ${red}`);
    await screenshot("cycle");
    await wb.undo(page);
    await wb.waitForEditorText(page, `"Steps.AbaloneProcess.ProcessingOutputConfig.Outputs['train']`);
    await wb.waitForGraph(page, "no cycle after undo", (s) => cycleNodes(s).length === 0 && s.edges.some((e) => e.id === "data:AbaloneProcess->AbaloneTrain"));

    const errors = pageConsole.graph();
    log(
      `console: ${pageConsole.messages.length} error/warning message(s) in the page, ${errors.length} from the graph view${pageConsole.messages.length ? `: ${pageConsole.messages.map((m) => `${m.type}: ${m.text.split("\n")[0].slice(0, 160)}`).join(" || ")}` : ""}`,
    );
    if (errors.length) throw new Error(`the graph view's page logged errors: ${errors.map((m) => `${m.type}: ${m.text} (${m.url})`).join(" || ")}`);
  },
};

const cursorNodes = (state) => state.nodes.filter((n) => n.classes.includes("cursor")).map((n) => n.step);
const cycleNodes = (state) => state.nodes.filter((n) => n.classes.includes("cycle")).map((n) => n.step);
const selectedNodes = (state) => state.nodes.filter((n) => n.classes.includes("selected")).map((n) => n.step);

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectEdges(state, ids) {
  const drawn = new Set(state.edges.map((e) => e.id));
  const missing = ids.filter((id) => !drawn.has(id));
  if (missing.length) throw new Error(`the graph lacks the edges ${missing.join(", ")}; it has: ${[...drawn].join(", ")}`);
  for (const id of ids) {
    const kind = id.split(":")[0];
    const edge = state.edges.find((e) => e.id === id);
    if (!edge.classes.includes(`edge-${kind}`)) throw new Error(`edge ${id}: classes ${edge.classes.join(" ")}, expected edge-${kind}`);
  }
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: "${actual}", expected "${expected}"`);
}
