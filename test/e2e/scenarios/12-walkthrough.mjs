// The walkthrough "Get Started with SageMaker Pipelines", as a new user meets it: Command Palette → Welcome: Open
// Walkthrough… → the walkthrough; its first step's button copies the Abalone example into the workspace and opens it;
// the second step's button runs it (the pipeline name, the usual confirmation: local engine, the whole pipeline) →
// Succeeded; the third step's button shows the hover of AbaloneTrain's name, whose cache line is now a hit from that run.
import { existsSync } from "node:fs";
import { join } from "node:path";

const TITLE = "Get Started with SageMaker Pipelines";

export default {
  name: "the walkthrough opens the example, runs it on the local engine, and shows the cache hover",
  timeoutMs: 150_000,
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    await openWalkthrough(page, wb);
    const container = page.locator(".gettingStartedContainer");
    await container
      .locator(".getting-started-step .step-title", { hasText: "Open the example pipeline" })
      .first()
      .waitFor({ state: "visible", timeout: 15_000 });
    await screenshot("walkthrough");

    // ---- Step 1: the example, copied into the workspace and opened beside the walkthrough. ----
    await clickStepButton(page, "Open the example pipeline", "Open the Example");
    await page.locator('.tabs-container .tab.active[aria-label^="abalone.pipeline.json"]').waitFor({ state: "visible", timeout: 30_000 });
    for (const part of ["abalone.pipeline.json", "code/preprocessing.py", "code/model/train.py", "data/abalone.csv"])
      if (!existsSync(join(workspace, "sagemaker-example", part))) throw new Error(`the example was not copied: sagemaker-example/${part} is missing`);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await screenshot("example-open");
    await screenshot("example-open-editor", await exampleEditorBox(page));

    // ---- Step 2: run it, with the usual questions and confirmation. ----
    await clickStepButton(page, "Run it on the local engine", "Run the Example");
    const name = await wb.waitForInputBox(page, "Pipeline name");
    log(`input box "${name.title}": value "${name.value}"`);
    if (name.value !== "abalone") throw new Error(`expected the pipeline name "abalone" (from the file name), the input box offers "${name.value}"`);
    await wb.acceptInputBox(page);
    const confirm = await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline/ });
    log(`Run Plan: ${wb.describeRunPlan(confirm)}`);
    await screenshot("confirm");
    // The walkthrough's picture of this step (media/walkthrough/confirm-run.png): the Run Plan panel alone.
    await screenshot("confirm-dialog", await page.locator("iframe.webview.ready").filter({ visible: true }).first().boundingBox());
    if (confirm.title !== "Run the whole pipeline abalone") throw new Error(`the Run Plan reads "${confirm.title}"`);
    if (!confirm.facts.Target?.startsWith("local engine")) throw new Error(`the Run Plan's target is not the local engine: ${confirm.facts.Target}`);
    await wb.clickRunPlanButton(page, "Run");
    const done = await wb.waitForNotification(page, /^Execution \S+ of abalone: \w+/, { timeoutMs: 60_000 });
    log(`notification: ${done}`);
    if (!/^Execution \S+ of abalone: Succeeded/.test(done)) throw new Error(`the example's run did not succeed: ${done}`);
    const id = /^Execution (\S+) of/.exec(done)[1];
    await wb.clearNotifications(page);

    // ---- Step 3: the hover on AbaloneTrain's name, a cache hit from that run. ----
    const hover = await wb.waitUntil(
      page,
      "the hover on AbaloneTrain with a cache hit",
      async () => {
        await clickStepButton(page, "See the step cache", "Show the Hover on AbaloneTrain");
        const texts = await page
          .waitForFunction(() => document.querySelector(".monaco-hover:not(.hidden) .monaco-hover-content")?.textContent, null, { timeout: 5_000 })
          .then(() => wb.visibleHoverTexts(page));
        const text = texts.find((t) => t.includes("Step AbaloneTrain")) ?? texts.join(" / ");
        return text.includes("Cache: hit") && text.includes(id) ? text : { failed: text };
      },
      40_000,
      1_000,
    );
    log(`hover: ${hover.replace(/\s+/g, " ").slice(0, 400)}`);
    // The answer leads: the verdict is the hover's first line, on screen without scrolling.
    if (!hover.trimStart().startsWith("Cache: hit")) throw new Error(`the hover does not start with its verdict: ${hover.slice(0, 200)}`);
    await screenshot("cache-hover");
    await screenshot("cache-hover-editor", await exampleEditorBox(page, ".monaco-hover:not(.hidden)"));
  },
};

/**
 * The editor group of the example (beside the walkthrough), widened to hold what `also` selects (the hover, which
 * overflows it): the clip of the walkthrough's images (media/walkthrough/).
 */
async function exampleEditorBox(page, also) {
  const group = page.locator(".editor-group-container", { has: page.locator('.tab[aria-label^="abalone.pipeline.json"]') }).first();
  const boxes = [await group.boundingBox(), also ? await page.locator(also).first().boundingBox() : null].filter(Boolean);
  if (!boxes.length) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/** Command Palette → "Welcome: Open Walkthrough..." → this extension's walkthrough by its title. */
async function openWalkthrough(page, wb) {
  await wb.runCommand(page, "Welcome: Open Walkthrough...");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(TITLE);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: TITLE }).first();
  await row.waitFor({ state: "visible", timeout: 10_000 });
  await row.click();
}

/** Expands the walkthrough step `step` (a click on its title) and clicks its button `label`. */
async function clickStepButton(page, step, label) {
  const container = page.locator(".gettingStartedContainer");
  const button = container.locator(".getting-started-step.expanded .monaco-button", { hasText: label }).first();
  if (!(await button.isVisible().catch(() => false))) {
    await container.locator(".getting-started-step .step-title", { hasText: step }).first().click();
    await button.waitFor({ state: "visible", timeout: 10_000 });
  }
  await button.click();
}
