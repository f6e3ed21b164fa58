// Code lenses above the steps; right-click inside a step shows "Run Selected Steps"; choosing it asks for
// the pipeline name (once per file), then refuses to run a definition with errors, in a notification
// that names the step and the errors: no pipeline is deployed or run.
export default {
  name: "code lenses above steps; context menu Run Selected Steps answers with a notification",
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    // At the top of the file: the pipeline's lenses above "Steps" and the first step's lenses.
    const top = await wb.waitForCodeLenses(page, ["▶ Run pipeline", "▶ Run step", "▶ Run from here", "Cache: on · invalid ExpireAfter"]);
    log(`visible code lenses at the top: ${top.join(" | ")}`);
    if (top.filter((t) => t === "▶ Run step").length !== 1) throw new Error(`expected one visible "▶ Run step" lens (above Prepare): ${top.join(" | ")}`);
    await screenshot("code-lenses");

    // Scrolled to the second step: its own lenses, with its cache state.
    await wb.revealText(page, '"Train"');
    const train = await wb.waitForCodeLenses(page, ["▶ Run step", "Cache: off"]);
    log(`visible code lenses at Train: ${train.join(" | ")}`);

    // Right-click inside the Train step (on its Type value).
    const items = await wb.openContextMenuAt(page, '"Training"');
    log(`context menu: ${items.join(" | ")}`);
    if (!items.includes("Run Selected Steps")) throw new Error(`the editor context menu has no "Run Selected Steps": ${items.join(" | ")}`);
    await screenshot("context-menu");
    await wb.chooseContextMenuItem(page, "Run Selected Steps");

    // The pipeline name is asked once per file, offered from the file name.
    const name = await wb.waitForInputBox(page, "Pipeline name");
    log(`input box "${name.title}": value "${name.value}"`);
    if (name.value !== "mistakes") throw new Error(`expected the pipeline name "mistakes" (from the file name), the input box offers "${name.value}"`);
    await wb.acceptInputBox(page);

    // The mistakes file has errors: the run is refused before anything is deployed or started.
    const errors = fixtures.MISTAKE_CODES.length;
    const message = await wb.waitForNotification(page, /Run Selected Steps \(Train\)/);
    log(`notification: ${message}`);
    if (!message.includes(`The definition has ${errors} errors`))
      throw new Error(`the notification does not say that the definition has ${errors} errors: ${message}`);
    if (!/Fix them before running/.test(message)) throw new Error(`the notification does not ask to fix the errors first: ${message}`);
  },
};
