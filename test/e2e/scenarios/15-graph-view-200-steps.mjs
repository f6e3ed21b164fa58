// The graph view of a generated 200-step definition (pipeline-200.json: 13 blocks of every main step type, 13
// Condition steps with branches): all 200 nodes drawn, none overlapping, at a readable scale that fits the panel's
// width (the drawing scrolls), with the overview (minimap) showing where the view is; a click in the overview scrolls
// there. Search by step name marks the matches and Enter brings the next one on screen. "Collapse Branches" folds
// the 13 Conditions' branches (148 nodes), one Condition unfolds from its + toggle, "Expand Branches" shows all 200.

export default {
  name: "graph view: a 200-step definition, readable and scrollable, overview, search, folded branches",
  timeoutMs: 150_000,
  async run({ page, wb, fixtures, log, screenshot }) {
    const pageConsole = wb.watchConsole(page);
    await wb.openFile(page, fixtures.LARGE_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.clickEditorTitleAction(page, "Show Pipeline Graph");
    await page.locator(`.tabs-container .tab[aria-label^="Graph: ${fixtures.LARGE_FILE}"]`).first().waitFor({ state: "visible", timeout: 15_000 });
    const started = Date.now();
    const first = await wb.waitForGraph(page, `${fixtures.LARGE_STEPS} nodes`, (s) => s.nodes.length === fixtures.LARGE_STEPS, { timeoutMs: 60_000 });
    log(`200 nodes drawn ${Date.now() - started} ms after the tab showed; ${first.edges.length} edges; banner "${first.banner}"`);
    if (first.banner) throw new Error(`a banner over the graph: ${first.banner}`);

    // ---- Readable, and what does not fit scrolls, with the overview. ----
    const scale = wb.graphScale(first);
    const view = first.viewport;
    log(`scale ${scale.toFixed(2)}; layout ${view.viewBox}; view ${view.clientWidth}×${view.clientHeight}, scrolls ${view.scrollWidth}×${view.scrollHeight}`);
    if (scale < 0.64) throw new Error(`the 200-step graph opens at scale ${scale.toFixed(2)}, below the readable minimum 0.65`);
    if (view.scrollWidth <= view.clientWidth && view.scrollHeight <= view.clientHeight)
      throw new Error("the whole 200-step graph fits without scrolling: not at a readable scale");
    const overlaps = [];
    const sorted = [...first.nodes].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length && sorted[j].box.y < sorted[i].box.y + sorted[i].box.height; j++)
        if (intersects(sorted[i].box, sorted[j].box)) overlaps.push(`${sorted[i].step} × ${sorted[j].step}`);
    if (overlaps.length) throw new Error(`node boxes overlap: ${overlaps.slice(0, 10).join(", ")}`);
    if (!first.minimap || !first.minimap.frame) throw new Error("no overview (minimap) for a graph larger than the view");
    log(`overview ${JSON.stringify(first.minimap)}`);
    const truncated = first.nodes.filter((n) => n.name.endsWith("…"));
    if (truncated.length) throw new Error(`names cut short: ${truncated.map((n) => n.name).join(", ")}`);
    await screenshot("large");

    // ---- A click in the overview's bottom-right corner scrolls the view there. ----
    const m = first.minimap;
    await wb
      .graphFrame(page)
      .locator("#minimap")
      .click({ position: { x: m.width - 8, y: m.height - 8 } });
    const scrolled = await wb.waitForGraph(page, "the view scrolled to the bottom right", (s) => s.minimap?.frame && s.minimap.frame.x > m.x + m.width / 3);
    log(`after a click in the overview: frame ${JSON.stringify(scrolled.minimap.frame)}`);

    // ---- Search by step name: matches marked, Enter brings the next one on screen. ----
    await wb.searchGraph(page, "Tune1", { enter: 1 });
    const found = await wb.waitForGraph(page, "the matches of Tune1", (s) => /^1 of \d+$/.test(s.searchCount));
    const matches = found.nodes.filter((n) => n.classes.includes("match")).map((n) => n.step);
    log(`search "Tune1": ${found.searchCount}: ${matches.join(", ")}`);
    if (matches.length === 0 || matches.some((step) => !step.toLowerCase().includes("tune1"))) throw new Error(`the matches of Tune1: ${matches.join(", ")}`);
    const current = found.nodes.find((n) => n.classes.includes("match-current"));
    const fv = found.viewport;
    if (
      !current ||
      current.box.x < fv.x ||
      current.box.x + current.box.width > fv.x + fv.clientWidth ||
      current.box.y < fv.y ||
      current.box.y + current.box.height > fv.y + fv.clientHeight
    )
      throw new Error(`the current match is not on screen: ${JSON.stringify(current?.box)} in ${JSON.stringify(fv)}`);
    await screenshot("search");
    await wb.searchGraph(page, "");

    // ---- Fold every Condition's branches, unfold one, unfold all. ----
    if (first.foldAll !== "Collapse Branches") throw new Error(`the fold button reads "${first.foldAll}"`);
    await wb.graphFrame(page).locator("button#fold-all").click();
    const folded = await wb.waitForGraph(page, "148 nodes (13 Conditions folded)", (s) => s.nodes.length === fixtures.LARGE_STEPS - 13 * 4);
    const conditions = folded.nodes.filter((n) => n.classes.includes("node-condition"));
    if (conditions.length !== 13 || conditions.some((n) => !n.classes.includes("collapsed") || !/· 4 steps folded$/.test(n.detail)))
      throw new Error(`the folded Conditions: ${conditions.map((n) => `${n.step} ${n.detail}`).join(" | ")}`);
    log(`folded: ${folded.nodes.length} nodes, ${folded.edges.length} edges; scale ${wb.graphScale(folded).toFixed(2)}; button "${folded.foldAll}"`);
    await screenshot("folded");
    await wb.clickGraphToggle(page, conditions[0].step);
    await wb.waitForGraph(page, `${conditions[0].step} unfolded`, (s) => s.nodes.length === fixtures.LARGE_STEPS - 12 * 4);
    await wb.graphFrame(page).locator("button#fold-all").click();
    await wb.waitForGraph(page, "Collapse Branches folds the other 12", (s) => s.nodes.length === fixtures.LARGE_STEPS - 13 * 4);
    await wb.graphFrame(page).locator("button#fold-all").click();
    await wb.waitForGraph(page, "Expand Branches: all 200 again", (s) => s.nodes.length === fixtures.LARGE_STEPS && s.foldAll === "Collapse Branches");

    const errors = pageConsole.graph();
    if (errors.length) throw new Error(`the graph view's page logged errors: ${errors.map((m) => `${m.type}: ${m.text} (${m.url})`).join(" || ")}`);
  },
};

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
