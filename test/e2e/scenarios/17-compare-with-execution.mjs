// Compare with Execution: runnable.json runs once on the local engine; then Train's command is edited (its
// AppSpecification is in a Processing step's cache key) and "Compare with Execution…" (command palette) offers the
// execution and the pipeline's version; the first execution opens VS Code's diff editor: on the left the definition the
// execution ran, below a summary in comments that names Train as a cache-key change and the other steps as unchanged;
// on the right the editor's text. Undoing the edit turns the summary into "No difference".

const FROM = "trained on";
const TO = "trained with";

export default {
  name: "Compare with Execution: a diff with the execution's definition and a summary of cache-key changes",
  timeoutMs: 150_000,
  async run({ page, wb, fixtures, log, screenshot }) {
    const pipeline = fixtures.RUNNABLE_FILE.replace(/\.json$/, "");
    await wb.openFile(page, fixtures.RUNNABLE_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.waitForCodeLenses(page, ["▶ Run pipeline"]);
    await wb.clickCodeLens(page, "▶ Run pipeline");
    await wb.waitForInputBox(page, "Pipeline name");
    await wb.acceptInputBox(page);
    await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline/ });
    await wb.clickRunPlanButton(page, "Run");
    const pattern = new RegExp(`^Execution (\\S+) of ${pipeline}: (\\w+)`);
    const outcome = await wb.waitForNotification(page, pattern, { timeoutMs: 60_000 });
    const [, id, status] = pattern.exec(outcome);
    if (status !== "Succeeded") throw new Error(`the run did not succeed: ${outcome}`);
    log(`ran: ${outcome}`);
    await wb.clearNotifications(page);

    await wb.replaceText(page, FROM, TO);
    await wb.runCommand(page, "Compare with Execution…");
    const pick = await wb.waitForInputBox(page, `Compare ${fixtures.RUNNABLE_FILE} with`);
    const rows = await page.locator(".quick-input-list .monaco-list-row").allInnerTexts();
    log(`quick pick "${pick.title}": ${rows.map((r) => r.replace(/\s+/g, " ").trim()).join(" || ")}`);
    if (!rows.some((r) => r.includes(id))) throw new Error(`the quick pick does not offer execution ${id}`);
    const labels = (await page.locator(".quick-input-list .monaco-list-row .label-name").allInnerTexts()).map((l) => l.trim());
    if (!labels.includes("Version 1")) throw new Error(`the quick pick does not offer the pipeline's version 1: ${labels.join(" | ")}`);
    await wb.acceptInputBox(page);

    const title = `Execution ${id} of ${pipeline} ↔ ${fixtures.RUNNABLE_FILE}`;
    await page.locator(`.tabs-container .tab.active[aria-label^="${title}"]`).first().waitFor({ state: "visible", timeout: 20_000 });
    // As the user first sees it: VS Code scrolls both sides to the first change (Train's command).
    await wb.waitUntil(page, "the diff to show Train's changed command", async () =>
      (
        await page
          .locator(".monaco-diff-editor .editor.modified .view-lines")
          .first()
          .innerText()
          .catch(() => "")
      )
        .replace(/\u00a0/g, " ")
        .includes(TO)
        ? true
        : undefined,
    );
    await screenshot("diff");
    const summary = await leftSummary(page, wb, "the summary to name Train as a cache-key change", (lines) =>
      /Train: cache key changed.*trained with/.test(lines.join(" ")),
    );
    log(`left side's summary: ${summary.join(" / ")}`);
    const expectedHead = `// Execution ${id} of ${pipeline} (Succeeded`;
    const rightLines = await sideComments(page, "modified");
    if (rightLines.join("\n") !== summary.join("\n")) throw new Error(`the right side's summary differs from the left's: ${rightLines.join(" / ")}`);
    if (!summary[0].startsWith(expectedHead)) throw new Error(`the summary's first line should start "${expectedHead}": "${summary[0]}"`);
    if (!summary.some((l) => l.includes("2 steps unchanged.")))
      throw new Error(`the summary should count Prepare and Evaluate as unchanged: ${summary.join(" / ")}`);
    await screenshot("diff-summary");

    // The right side follows the file: undone in runnable.json, the summary says so on both sides.
    await page.locator('.tabs-container .tab[aria-label^="runnable.json"]').first().click();
    await wb.undo(page);
    await wb.waitForEditorText(page, FROM);
    await page.locator(`.tabs-container .tab[aria-label^="${title}"]`).first().click();
    const after = await leftSummary(page, wb, "the summary to say there is no difference", (lines) =>
      lines.some((l) => l.includes("No difference: the same steps and members.")),
    );
    log(`after the undo: ${after.join(" / ")}`);
  },
};

/** The comment lines at the top of the diff's left side, once `predicate` holds for them. */
async function leftSummary(page, wb, what, predicate) {
  return wb.waitUntil(page, what, async () => {
    const lines = await sideComments(page, "original");
    return lines.length && predicate(lines) ? lines : { failed: lines.join(" / ") || "(no comment lines on the left)" };
  });
}

/** The comment lines at the top of one side of the diff ("original": left, "modified": right), scrolled there first. */
async function sideComments(page, side) {
  // Only the lines on screen are rendered: the top of the side first, from its first column (a click in the gutter
  // focuses the side without scrolling it sideways).
  const lines = page.locator(`.monaco-diff-editor .editor.${side} .view-lines`).first();
  await page.locator(`.monaco-diff-editor .editor.${side} .margin`).first().click();
  await page.keyboard.press("Control+Home");
  const text = await lines.innerText().catch(() => "");
  return text
    .replace(/\u00a0/g, " ")
    .split("\n")
    .filter((l) => l.trim().startsWith("//"));
}
