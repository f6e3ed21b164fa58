// The graph view of a definition SDK v3 made with two ForEach steps (test/fixtures/sdk/v3/sdk-for-each.json): each
// body step hangs from its ForEach step by an `each` edge, labelled and drawn apart from the data edges; the legend
// names it; the step after the loops reads them (data edges from the ForEach steps).

const STEPS = ["PerRegion", "ScoreRegion", "PerLiteral", "ProcessItem", "UseBest"];
const EACH = ["each:PerRegion->ScoreRegion", "each:PerLiteral->ProcessItem"];
const DATA = ["data:PerRegion->UseBest", "data:PerLiteral->UseBest"];

export default {
  name: "graph view: SDK v3 ForEach steps, their body steps hung from them by labelled each edges",
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, fixtures.FOR_EACH_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.revealText(page, '"Steps"');
    await wb.waitForCodeLenses(page, ["Show graph"]);
    await wb.clickCodeLens(page, "Show graph");
    await page.locator(`.tabs-container .tab[aria-label^="Graph: ${fixtures.FOR_EACH_FILE}"]`).first().waitFor({ state: "visible", timeout: 15_000 });
    const state = await wb.waitForGraphNodes(page, STEPS, { exact: true });
    log(`graph: ${wb.describeGraph(state)}`);
    const drawn = new Set(state.edges.map((e) => e.id));
    const missing = [...EACH, ...DATA].filter((id) => !drawn.has(id));
    if (missing.length) throw new Error(`the graph lacks the edges ${missing.join(", ")}; it has: ${[...drawn].join(", ")}`);
    for (const id of EACH) {
      const edge = state.edges.find((e) => e.id === id);
      if (!edge.classes.includes("edge-each")) throw new Error(`edge ${id}: classes ${edge.classes.join(" ")}, expected edge-each`);
    }
    const extra = state.edges.filter((e) => e.kind === "each" && !EACH.includes(e.id));
    if (extra.length) throw new Error(`each edges to steps outside a ForEachBody: ${extra.map((e) => e.id).join(", ")}`);
    const labels = state.labels.map((l) => `${l.kind}=${l.text}`).sort();
    if (labels.join(" ") !== "each=each each=each") throw new Error(`the each edge labels: ${labels.join(" ")}`);
    if (!state.legend.includes("ForEach body")) throw new Error(`the legend lacks "ForEach body": ${state.legend}`);
    const each = state.edges.find((e) => e.kind === "each").stroke;
    const data = state.edges.find((e) => e.kind === "data").stroke;
    log(`edge colours: each ${each}, data ${data}`);
    if (each === data) throw new Error(`each and data edges have the same colour: ${each}`);
    await screenshot("graph-for-each");
  },
};
