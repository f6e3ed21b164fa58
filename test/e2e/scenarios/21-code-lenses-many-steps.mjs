// A definition of more than 200 steps gets the lenses above each step without their commands; VS Code resolves those it
// shows (codeLens/resolve). Here, 250 steps: the lenses at the top and far down show their titles as they come into
// view; while a character is typed inside a step down there, every frame shows those lenses with their titles (none
// blank while the new list resolves); and a click on "▶ Run step" right after the edit opens the Run Plan of that step
// (cancelled: nothing runs).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "many-steps.pipeline.json";
const STEPS = 250;
const TARGET = "S240";
const STEP_LENSES = ["▶ Run step", "▶ Run from here", "Cache: n/a"];

export default {
  name: "code lenses of a 250-step definition: resolved as they show, never blank through an edit, a click runs its step's plan",
  timeoutMs: 120_000,
  async prepare({ workspace }) {
    const steps = Array.from({ length: STEPS }, (_, i) => ({ Name: `S${i}`, Type: "Fail", Arguments: { ErrorMessage: `stop ${i}` } }));
    writeFileSync(join(workspace, FILE), JSON.stringify({ Version: "2020-12-01", Steps: steps }, null, 2));
  },
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    const top = await wb.waitForCodeLenses(page, ["▶ Run pipeline", ...STEP_LENSES]);
    log(`at the top: ${top.join(" | ")}`);

    await wb.revealText(page, `"${TARGET}"`);
    const far = await wb.waitForCodeLenses(page, STEP_LENSES);
    log(`at ${TARGET}: ${far.join(" | ")}`);
    await screenshot("resolved");

    // Every frame from the edit on: the visible lens lines and their titles.
    const sampling = page.evaluate(async () => {
      const frames = [];
      const started = performance.now();
      while (performance.now() - started < 2_500) {
        const editor = document.querySelector(".editor-group-container.active .monaco-editor");
        const guard = editor?.querySelector(".overflow-guard")?.getBoundingClientRect();
        const lines = [...(editor?.querySelectorAll(".codelens-decoration") ?? [])]
          .filter((e) => {
            const rect = e.getBoundingClientRect();
            return getComputedStyle(e).visibility !== "hidden" && guard && rect.height > 0 && rect.top >= guard.top && rect.bottom <= guard.bottom;
          })
          .map((e) => e.textContent.replace(/\s+/g, " ").trim());
        frames.push({ t: Math.round(performance.now() - started), lines });
        await new Promise((r) => requestAnimationFrame(r));
      }
      return frames;
    });
    const framesOrError = sampling.catch((error) => error);
    await wb.replaceText(page, `"stop ${TARGET.slice(1)}"`, `"stops ${TARGET.slice(1)}"`);
    const frames = await framesOrError;
    if (frames instanceof Error) throw frames;
    const blank = frames.filter((f) => f.lines.length === 0 || f.lines.some((line) => !/▶ Run step|▶ Run pipeline/.test(line)));
    log(`${frames.length} frames sampled after the edit; ${blank.length} with a lens line without its titles`);
    if (blank.length > 0) throw new Error(`lens lines without titles after the edit, first at ${blank[0].t} ms: ${JSON.stringify(blank[0].lines)}`);

    await wb.clickCodeLens(page, "▶ Run step");
    const name = await wb.waitForInputBox(page, "Pipeline name");
    log(`input box "${name.title}": value "${name.value}"`);
    await wb.acceptInputBox(page);
    const plan = await wb.waitForRunPlan(page, { expect: /^Run S2\d\d\b/, timeoutMs: 20_000 });
    log(`Run Plan: ${plan.title}`);
    await screenshot("run-plan");
    await wb.clickRunPlanButton(page, "Cancel");
  },
};
