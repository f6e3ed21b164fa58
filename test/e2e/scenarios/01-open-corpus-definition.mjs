// Open a corpus definition saved as plain `.json` (not *.pipeline.json): content detection gives it the
// SageMaker Pipeline language, the language server answers (code lenses), and there is no error.
export default {
  name: "open a corpus definition: language mode, code lenses, no problems",
  async run({ page, wb, fixtures, log }) {
    await wb.openFile(page, fixtures.CORPUS_FILE);
    // The extension activated and claimed the file by its content.
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    // The language server is up: it answered the editor's code lens request (lenses above "Steps").
    await wb.revealText(page, '"Steps"');
    await wb.waitForCodeLenses(page, ["▶ Run pipeline", "▶ Run step"]);
    // Give the server one validation round after the lenses, then read the Problems panel.
    await page.waitForTimeout(1500);
    const problems = await wb.readProblems(page);
    log(`Problems panel: ${problems.message || `${problems.rows.length} row(s)`}`);
    const errors = problems.rows.filter((r) => r.severity === "error");
    if (errors.length) throw new Error(`expected no error in the Problems panel, found: ${errors.map((e) => e.text).join(" || ")}`);
    if (!/No problems have been detected/i.test(problems.message)) {
      throw new Error(`expected "No problems have been detected", the panel shows: ${problems.message || problems.rows.map((r) => r.text).join(" || ")}`);
    }
    const counts = await wb.statusBarProblemCounts(page);
    if (counts.errors !== 0) throw new Error(`the status bar counts ${counts.errors} error(s) (${counts.label})`);
  },
};
