// The Executions view is never blank: opened in a fresh window (the extension not yet active), it says `Loading…`
// with its progress bar until its first answer (here: the local engine is not running), then the answer. Every frame
// from the moment the pane shows is sampled in the page.

const VIEW = "SageMaker Executions";
/** Frames in which the pane may be empty: the pane is drawn a moment before the extension host is asked for anything. */
const BLANK_LIMIT_MS = 500;

export default {
  name: "Executions view: Loading… from the moment it opens until its first answer, never blank",
  async run({ page, wb, log, screenshot }) {
    await wb.focusWorkbench(page);
    // Sampled in the page on every animation frame: the pane's body (message, rows) and its progress bar.
    const sampling = page.evaluate(async (title) => {
      const samples = [];
      const started = performance.now();
      let answeredAt;
      while (performance.now() - started < 20_000) {
        const pane = [...document.querySelectorAll(".pane")].find((p) => p.querySelector(".pane-header .title")?.textContent.includes(title));
        const body = pane?.querySelector(".pane-body");
        const shown = Boolean(pane?.querySelector(".pane-header.expanded") && body && body.getBoundingClientRect().height > 0);
        const rows = [...(body?.querySelectorAll(".monaco-list-row") ?? [])].map((r) => r.textContent.trim());
        const message = [...(body?.querySelectorAll(".message") ?? [])]
          .map((m) => m.textContent.trim())
          .filter(Boolean)
          .join(" ");
        const progress = Boolean(pane?.querySelector(".monaco-progress-container.active, .monaco-progress-container.infinite"));
        const welcome = body?.querySelector(".welcome-view-content")?.textContent.trim() ?? "";
        const state = !shown
          ? "closed"
          : rows.length
            ? `rows: ${rows.join(" | ")}`
            : message
              ? `message: ${message}`
              : welcome
                ? `welcome: ${welcome}`
                : progress
                  ? "progress"
                  : "blank";
        const t = Math.round(performance.now() - started);
        if (!samples.length || samples.at(-1).state !== state || samples.at(-1).progress !== progress) samples.push({ t, state, progress });
        if (rows.length && !rows.includes("Loading…") && answeredAt === undefined) answeredAt = t;
        if (answeredAt !== undefined && t - answeredAt > 500) break;
        await new Promise((r) => requestAnimationFrame(r));
      }
      samples.push({ t: Math.round(performance.now() - started), state: "end" });
      return samples;
    }, VIEW);
    // The sampling ends on its own; a failure of the command below must not leave its promise unhandled.
    const samplesOrError = sampling.catch((error) => error);
    // Opened as a person would: a click on its collapsed header at the bottom of the Explorer.
    await page.locator(".part.sidebar .pane-header", { hasText: VIEW }).first().click();
    const samples = await samplesOrError;
    if (samples instanceof Error) throw samples;
    log(`timeline: ${samples.map((s) => `${s.t} ms ${s.state}${s.progress ? " (progress)" : ""}`).join(" → ")}`);

    const opened = samples.find((s) => s.state !== "closed");
    if (!opened) throw new Error("the Executions view never opened");
    const loading = samples.find((s) => s.state === "rows: Loading…");
    // Samples change with the progress bar too: "rows: Loading…" may come twice (with and without it) before the answer.
    const answer = samples.find((s) => s.state.startsWith("rows: ") && s.state !== "rows: Loading…");
    if (!answer) throw new Error(`the Executions view had no answer in 20 s: ${samples.at(-2)?.state}`);
    if (!answer.state.startsWith("rows: The local engine is not running")) throw new Error(`unexpected first answer: ${answer.state}`);
    // Blank: frames between the pane showing and the answer with neither a message, nor rows, nor the progress bar.
    let blank = 0;
    for (let i = 0; i < samples.length - 1; i++) if (samples[i].state === "blank" && !samples[i].progress) blank += samples[i + 1].t - samples[i].t;
    const provider = samples.find((s) => s.t >= opened.t && !s.state.includes("no data provider") && s.state !== "closed");
    log(
      `opened at ${opened.t} ms (the extension activating); its provider registered at ${provider?.t} ms; Loading… at ${loading ? `${loading.t} ms` : "never"}; the answer at ${answer.t} ms; blank ${blank} ms`,
    );
    if (blank > BLANK_LIMIT_MS) throw new Error(`the Executions view was blank for ${blank} ms before its first answer`);
    if (!loading || loading.t > answer.t) throw new Error("no Loading… item before the first answer");
    if (samples.some((s) => s.t > answer.t && s.state.includes("Loading…"))) throw new Error("Loading… is still shown after the answer");
    await wb.waitForTreeItems(
      page,
      VIEW,
      "the not-running message",
      (rows) => rows.length === 1 && rows[0].label.startsWith("The local engine is not running"),
    );
    await screenshot("answer");
  },
};
