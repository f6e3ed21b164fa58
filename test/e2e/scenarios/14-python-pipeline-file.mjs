// A pipeline written in Python (examples/python/pipeline.py, the SageMaker Projects template shape, SDK v2): opened in
// the editor it gets the lenses Preview definition, Show graph and ▶ Run pipeline on its Pipeline( call; Preview
// definition exports it with the interpreter of `sagemakerPipelines.python` (the interop tests' venv, built from PyPI by
// scripts/python-venv.mjs on the first run) and opens the JSON as a SageMaker Pipeline document; a misspelled
// `Outputs["…"]` literal, saved, shows reference-unknown-output in the Python file; fixed and saved, it is gone; then
// ▶ Run pipeline asks the pipeline name (the Pipeline's own name offered), confirms, and runs it on the local engine
// (host processes) to Succeeded.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LENSES = ["Preview definition", "Show graph", "▶ Run pipeline"];
const GOOD = `Outputs["evaluation"]`;
const TYPO = `Outputs["evalution"]`;

export default {
  name: "a Python pipeline file: lenses, preview of its definition, diagnostics on save, run on the local engine",
  // The first run builds the venv (a few minutes); the pipeline's run takes about a minute.
  timeoutMs: 15 * 60_000,
  prepare({ fixtures, workspace, log }) {
    const python = sagemakerPython(fixtures.ROOT);
    log(`python: ${python}`);
    for (const folder of ["python", "code", "data"]) cpSync(join(fixtures.ROOT, "examples", folder), join(workspace, folder), { recursive: true });
    mkdirSync(join(workspace, ".vscode"), { recursive: true });
    writeFileSync(
      join(workspace, ".vscode/settings.json"),
      JSON.stringify({ "sagemakerPipelines.python": python, "sagemakerPipelines.local.runner": "host" }, null, 2),
    );
  },
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, "pipeline.py");
    await wb.revealText(page, "return Pipeline(");
    const titles = await wb.waitForCodeLenses(page, LENSES);
    log(`lenses: ${titles.join(" | ")}`);
    await screenshot("lenses");

    // ---- Preview definition: the exported JSON, read-only, a SageMaker Pipeline document. ----
    await wb.clickCodeLens(page, "Preview definition");
    await page
      .locator('.tabs-container .tab.active[aria-label^="pipeline.py.pipeline.json"]')
      .waitFor({ state: "visible", timeout: 120_000 })
      .catch(async (error) => {
        // A failed export is a problem in pipeline.py: its message says why.
        const problems = await wb.readProblems(page).catch(() => ({ rows: [] }));
        throw new Error(`the preview did not open (${error.message.split("\n")[0]}); problems: ${problems.rows.map((r) => r.text).join(" / ") || "none"}`);
      });
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.waitForEditorText(page, '"Version": "2020-12-01"');
    // The language server's own lenses on the definition, above "Steps" (the preview is the second group's editor, which
    // revealText's Ctrl+1 would leave: the Find widget of the focused preview instead).
    await page.locator('.tabs-container .tab.active[aria-label^="pipeline.py.pipeline.json"]').click();
    await page.keyboard.press("Control+F");
    const find = page.locator(".editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input").first();
    await find.waitFor({ state: "visible", timeout: 10_000 });
    await find.fill('"Steps": [');
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await wb.waitForCodeLenses(page, ["▶ Run pipeline", "Show graph"]);
    await screenshot("preview");

    // ---- A misspelled output name, saved: the diagnostic in the Python file, on its literal. ----
    await page.locator('.tabs-container .tab[aria-label^="pipeline.py,"], .tabs-container .tab[aria-label="pipeline.py"]').first().click();
    await wb.replaceText(page, GOOD, TYPO);
    await wb.saveActiveEditor(page);
    const problems = await wb.waitForProblems(
      page,
      "reference-unknown-output in pipeline.py",
      (p) => p.rows.some((r) => r.text.includes("reference-unknown-output") || r.code.includes("reference-unknown-output")),
      { timeoutMs: 120_000 },
    );
    const row = problems.rows.find((r) => r.text.includes("reference-unknown-output") || r.code.includes("reference-unknown-output"));
    log(`problem: ${row.text}`);
    if (!/evalution/.test(row.text)) throw new Error(`the diagnostic does not name the misspelled output: ${row.text}`);
    if (!problems.files.some((f) => f.text.includes("pipeline.py"))) throw new Error(`the problem is not in pipeline.py: ${JSON.stringify(problems.files)}`);
    await screenshot("diagnostic");

    await wb.replaceText(page, TYPO, GOOD);
    await wb.saveActiveEditor(page);
    await wb.waitForProblems(page, "no reference-unknown-output", (p) => !p.rows.some((r) => r.text.includes("reference-unknown-output")), {
      timeoutMs: 120_000,
    });

    // ---- ▶ Run pipeline: the pipeline name, the confirmation, a local run to Succeeded. ----
    await wb.focusEditor(page);
    await wb.revealText(page, "return Pipeline(");
    await wb.clickCodeLens(page, "▶ Run pipeline");
    const name = await wb.waitForInputBox(page, "Pipeline name", { timeoutMs: 120_000 });
    log(`input box "${name.title}": value "${name.value}"`);
    if (name.value !== "AbalonePipeline") throw new Error(`expected the Pipeline's name "AbalonePipeline" offered, got "${name.value}"`);
    await wb.acceptInputBox(page);
    const confirm = await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline AbalonePipeline/, timeoutMs: 60_000 });
    log(`Run Plan: ${confirm.title}`);
    await screenshot("confirm");
    await wb.clickRunPlanButton(page, "Run");
    const done = await wb.waitForNotification(page, /^Execution \S+ of AbalonePipeline: (Succeeded|Failed|Stopped)/, { timeoutMs: 8 * 60_000 });
    log(`notification: ${done}`);
    if (!/: Succeeded/.test(done)) throw new Error(`the run did not succeed: ${done}`);
  },
};

/** The interpreter of the SDK v2 venv the interop tests use (made from the pinned requirements on the first run). */
function sagemakerPython(root) {
  const requirements = join(root, "test/interop/requirements-sagemaker-v2.txt");
  const result = spawnSync(process.execPath, [join(root, "scripts/python-venv.mjs"), "--requirements", requirements, "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: 12 * 60_000,
  });
  if (result.status !== 0) throw new Error(`could not prepare the SageMaker SDK venv (scripts/python-venv.mjs): ${result.stderr}`);
  return JSON.parse(result.stdout).python;
}
