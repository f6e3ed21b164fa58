// Workspace trust ON (this scenario runs on a code-server with trust enabled; the others run with it off), the
// folder not trusted: VS Code shows Restricted Mode (banner, status bar). Editing works: the Problems panel lists the
// mistakes, hovers answer. Running does not: the lenses refuse with a warning that asks to trust the workspace (no
// pipeline name is asked), the Command Palette offers no run command and no Start Local Engine, the context menu has
// no Run Selected Steps, the graph's run button stays disabled, the Executions view says why it is empty; no engine
// or Python process is started, nothing listens, no store folder is created. Then the folder is trusted as a person
// does it (the banner's Manage → Trust): Restricted Mode ends, the Executions view asks the target again, the commands
// are offered, the graph's run button is enabled, and Run Pipeline (Command Palette) runs the pipeline to Succeeded.
// A Python pipeline file (examples/python/pipeline.py, with `sagemakerPipelines.python` set to a stand-in interpreter
// that leaves a mark when it runs) is edited and saved while untrusted: nothing runs it; once trusted, a save exports it.
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { descendants, listeningPorts } from "../lib/processes.mjs";

const UNTRUSTED = /pipelines never run in an untrusted workspace\. Trust the workspace first\./;
const RUN_COMMANDS = ["Run Pipeline", "Run Selected Steps", "Start Local Engine", "Retry Failed Steps"];
const ALWAYS = "SageMaker Pipelines: Show Pipeline Graph";
const VIEW = "SageMaker Executions";
/** A stand-in for Python: it records that it ran (the export then fails, which is all this scenario needs). */
const FAKE_PYTHON = 'echo "$@" > "$(dirname "$0")/python-ran.txt"\nexit 1\n';

export default {
  name: "workspace trust: untrusted folder lints and hovers but refuses to run; trusted, it runs",
  workspaceTrust: true,
  timeoutMs: 150_000,
  prepare({ fixtures, workspace }) {
    cpSync(join(fixtures.ROOT, "examples/python/pipeline.py"), join(workspace, "pipeline.py"));
    writeFileSync(join(workspace, "fake-python"), `#!/bin/sh\n${FAKE_PYTHON}`);
    chmodSync(join(workspace, "fake-python"), 0o755);
    mkdirSync(join(workspace, ".vscode"), { recursive: true });
    writeFileSync(join(workspace, ".vscode/settings.json"), JSON.stringify({ "sagemakerPipelines.python": join(workspace, "fake-python") }, null, 2));
  },
  async run({ page, wb, fixtures, workspace, serverPid, log, screenshot }) {
    const store = join(workspace, ".sagemaker-pipelines");
    const pythonRan = join(workspace, "python-ran.txt");
    const noEngine = (when) => {
      const started = engineProcesses(serverPid);
      if (started.length) throw new Error(`${when}: engine or Python processes under code-server: ${started.map((p) => `${p.pid} ${p.cmdline}`).join(" | ")}`);
      if (existsSync(store)) throw new Error(`${when}: the store folder ${store} was created`);
      // The local engine listens on a TCP port (in the extension host or in a child process): nothing under code-server does.
      const listeners = tcpListeners(serverPid);
      if (listeners.length) throw new Error(`${when}: processes under code-server listen on TCP ports: ${listeners.join(" | ")}`);
    };

    // ---- Restricted Mode, as VS Code shows it. ----
    const indicator = await restrictedMode(page, wb, true);
    log(`restricted mode: status bar "${indicator.status}", banner "${indicator.banner}"`);
    await screenshot("restricted-mode");

    // ---- Editing features work: diagnostics and hovers. ----
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    const problems = await wb.waitForProblems(page, fixtures.MISTAKE_CODES.join(", "), (p) =>
      fixtures.MISTAKE_CODES.every((code) => p.rows.some((r) => r.code === code)),
    );
    const codes = problems.rows.map((r) => r.code).sort();
    log(`problems: ${codes.join(", ")}`);
    if (JSON.stringify(codes) !== JSON.stringify([...fixtures.MISTAKE_CODES].sort()))
      throw new Error(`expected exactly ${fixtures.MISTAKE_CODES.join(", ")}; the panel lists ${codes.join(", ")}`);
    const hover = await wb.hoverAtText(page, '"Prepare"', { expect: "Step Prepare · Processing", log });
    log(`hover on "Prepare": ${hover.replace(/\n/g, " | ").slice(0, 160)}`);
    await screenshot("untrusted-diagnostics-hover");

    // ---- A Python pipeline file edited and saved: its code is not run (checked once the other refusals are done). ----
    await wb.openFile(page, "pipeline.py");
    await wb.replaceText(page, "return Pipeline(", "return  Pipeline(");
    await wb.saveActiveEditor(page);
    log("pipeline.py edited and saved while untrusted");

    // ---- Running is refused. The lenses are there; clicked, they warn and ask nothing. ----
    await wb.openFile(page, fixtures.RUNNABLE_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    const lenses = await wb.waitForCodeLenses(page, ["▶ Run pipeline", "▶ Run step"]);
    log(`lenses while untrusted: ${lenses.join(" | ")}`);
    for (const [lens, what] of [
      ["▶ Run pipeline", "Run Pipeline"],
      ["▶ Run step", "Run Prepare"],
      ["▶ Run from here", "Run from Prepare"],
    ]) {
      await wb.clearNotifications(page);
      await wb.clickCodeLens(page, lens);
      const warning = await wb.waitForNotification(page, UNTRUSTED);
      log(`${lens}: "${warning}"`);
      if (!warning.startsWith(`${what}: `)) throw new Error(`the warning after ${lens} does not name "${what}": ${warning}`);
      if (await page.locator(".quick-input-widget").isVisible()) throw new Error(`${lens} in an untrusted workspace opened an input box`);
      noEngine(`after ${lens} while untrusted`);
    }
    await screenshot("untrusted-lens-refused");

    // The Command Palette offers no run command (their `when` clauses need isWorkspaceTrusted).
    const untrustedPalette = await paletteLabels(page, wb, "SageMaker Pipelines", () => screenshot("untrusted-palette"));
    log(`palette while untrusted: ${untrustedPalette.join(" | ")}`);
    const offered = RUN_COMMANDS.filter((c) => untrustedPalette.includes(`SageMaker Pipelines: ${c}`));
    if (offered.length) throw new Error(`the Command Palette offers ${offered.join(", ")} in an untrusted workspace`);

    // The editor's context menu has no Run Selected Steps.
    const menu = await wb.openContextMenuAt(page, '"Train"');
    log(`context menu while untrusted: ${menu.join(" | ")}`);
    if (menu.includes("Run Selected Steps")) throw new Error(`the context menu offers Run Selected Steps in an untrusted workspace: ${menu.join(" | ")}`);
    await page.keyboard.press("Escape");

    // The graph: a step can be selected, the run button stays disabled.
    await wb.clickEditorTitleAction(page, "Show Pipeline Graph");
    await wb.waitForGraphNodes(page, fixtures.RUNNABLE_STEPS, { exact: true });
    await wb.clickGraphNode(page, "Train");
    const graph = await wb.waitForGraph(page, "Train selected", (s) => s.selectionCount === "1 selected");
    log(`graph while untrusted: ${wb.describeGraph(graph)}`);
    if (graph.runEnabled) throw new Error("the graph's Run Selected Steps is enabled in an untrusted workspace");
    await screenshot("untrusted-graph");

    // The Executions view (it would list the local engine's pipelines) says why it lists nothing.
    await wb.showView(page, VIEW);
    const untrustedView = await wb.waitForTreeItems(page, VIEW, "a message about the untrusted workspace", (rows) =>
      rows.some((r) => /untrusted workspace/.test(r.label)),
    );
    log(`${VIEW} while untrusted: ${untrustedView.map((r) => r.label).join(" | ")}`);
    await screenshot("untrusted-executions-view");
    noEngine("untrusted, after the lenses, palette, context menu, graph and Executions view");
    if (existsSync(pythonRan)) throw new Error("saving pipeline.py in an untrusted workspace ran Python on it (the stand-in interpreter left its mark)");

    // ---- Trust the folder: the banner's Manage → the Workspace Trust editor → Trust. ----
    await page.locator(".monaco-workbench .part.banner a", { hasText: "Manage" }).click();
    const trustButton = page.locator(".workspace-trust-editor .monaco-button", { hasText: /^Trust$/ });
    await trustButton.waitFor({ state: "visible" });
    await screenshot("trust-editor");
    await trustButton.click();
    await restrictedMode(page, wb, false);
    await page.locator(".workspace-trust-editor", { hasText: "You trust this folder" }).waitFor({ state: "visible" });
    log("trusted: the editor says You trust this folder; no Restricted Mode indicator, no banner");
    // The Executions view no longer says that nothing runs here (it asked the target again when trust was granted).
    const trustedView = await wb.waitForTreeItems(
      page,
      VIEW,
      "no message about an untrusted workspace",
      (rows) => rows.length > 0 && !rows.some((r) => /untrusted/.test(r.label)),
    );
    log(`${VIEW} once trusted: ${trustedView.map((r) => r.label).join(" | ")}`);
    await screenshot("trusted");
    // The Workspace Trust editor opens as a modal editor: Escape closes it while the focus is in it (a click on its heading).
    const trustEditor = page.locator(".workspace-trust-editor");
    await trustEditor.locator("text=You trust this folder").click();
    await page.keyboard.press("Escape");
    await trustEditor.waitFor({ state: "hidden" });

    // The graph's run button follows the trust (the selection is kept).
    const trustedGraph = await wb.waitForGraph(page, "the run button enabled", (s) => s.runEnabled && s.selectionCount === "1 selected");
    log(`graph once trusted: ${wb.describeGraph(trustedGraph)}`);
    await screenshot("trusted-graph");

    await wb.openFile(page, fixtures.RUNNABLE_FILE);
    const trustedPalette = await paletteLabels(page, wb, "SageMaker Pipelines");
    log(`palette once trusted: ${trustedPalette.join(" | ")}`);
    for (const c of ["Run Pipeline", "Run Selected Steps", "Start Local Engine"])
      if (!trustedPalette.includes(`SageMaker Pipelines: ${c}`)) throw new Error(`the Command Palette does not offer ${c} once the folder is trusted`);
    const trustedMenu = await wb.openContextMenuAt(page, '"Train"');
    if (!trustedMenu.includes("Run Selected Steps")) throw new Error(`no Run Selected Steps in the context menu once trusted: ${trustedMenu.join(" | ")}`);
    await page.keyboard.press("Escape");

    // ---- Run Pipeline from the Command Palette now runs (confirmed as in 06, which clicks the lens). ----
    const pipeline = fixtures.RUNNABLE_FILE.replace(/\.json$/, "");
    await wb.clearNotifications(page);
    await wb.runCommand(page, "SageMaker Pipelines: Run Pipeline");
    const name = await wb.waitForInputBox(page, "Pipeline name");
    if (name.value !== pipeline) throw new Error(`expected the pipeline name "${pipeline}", the input box offers "${name.value}"`);
    await wb.acceptInputBox(page);
    const confirm = await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline/ });
    log(`Run Plan: ${confirm.title}`);
    await screenshot("trusted-confirm");
    await wb.clickRunPlanButton(page, "Run");
    const done = await wb.waitForNotification(page, new RegExp(`^Execution \\S+ of ${pipeline}: (Succeeded|Failed|Stopped)`), { timeoutMs: 60_000 });
    log(`notification: ${done}`);
    if (!new RegExp(`^Execution \\S+ of ${pipeline}: Succeeded`).test(done)) throw new Error(`the run once trusted did not succeed: ${done}`);
    // The checks of the untrusted phase see a started engine: its store folder and its listening port.
    if (!existsSync(join(store, "local"))) throw new Error(`the run succeeded but its store ${join(store, "local")} is missing`);
    const listeners = tcpListeners(serverPid);
    log(`listening under code-server after the run: ${listeners.join(" | ")}`);
    if (!listeners.length) throw new Error("the run succeeded but no process under code-server listens on a TCP port (the local engine)");

    // Saving the Python file now exports it, with the configured interpreter.
    // Its tab is still open from the untrusted phase (a click on it is steadier here than Quick Open).
    await page.locator('.tabs-container .tab[aria-label^="pipeline.py,"], .tabs-container .tab[aria-label="pipeline.py"]').first().click();
    await page.locator('.tabs-container .tab.active[aria-label^="pipeline.py"]').waitFor({ state: "visible" });
    await wb.replaceText(page, "return  Pipeline(", "return Pipeline(");
    await wb.saveActiveEditor(page);
    // The stand-in exports nothing, so the export's failure shows as a problem in pipeline.py.
    const exported = await wb.waitForProblems(page, "the failed export in pipeline.py", (p) => p.files.some((f) => f.text.includes("pipeline.py")), {
      timeoutMs: 60_000,
    });
    log(`pipeline.py saved once trusted: ${exported.rows.find((r) => /without exporting/.test(r.text))?.text ?? JSON.stringify(exported.files)}`);
    if (!existsSync(pythonRan)) throw new Error("saving pipeline.py once trusted did not run the configured interpreter");
  },
};

/** Processes under code-server that are a local engine (`cli.js … local serve`) or Python (a step's code). */
function engineProcesses(serverPid) {
  return descendants(serverPid).filter((p) => /\blocal serve\b|cli\.js|engine-serve\.js|(^|\/)python[\d.]*(\s|$)/.test(p.cmdline));
}

/**
 * Waits until VS Code shows (`on`) or no longer shows Restricted Mode: the status bar item and the banner.
 * Returns `{ status, banner }` (their texts) when shown.
 */
async function restrictedMode(page, wb, on) {
  return wb.waitUntil(page, on ? "the Restricted Mode indicator and banner" : "the Restricted Mode indicator and banner to go", async () => {
    const item = page.locator("#status\\.workspaceTrust");
    const banner = page.locator(".monaco-workbench .part.banner");
    const status = (await item.isVisible()) ? (await item.innerText()).trim() : "";
    const text = (await banner.isVisible()) ? (await banner.innerText()).replace(/\s+/g, " ").trim() : "";
    if (on)
      return status === "Restricted Mode" && text.startsWith("Restricted Mode is intended for safe code browsing")
        ? { status, banner: text }
        : { failed: `${status} / ${text}` };
    return !status && !text ? {} : { failed: `${status} / ${text}` };
  });
}

/**
 * Processes under code-server that listen on TCP ports, as "pid command: ports"; code-server's own HTTP process (its
 * `out/node/entry` child) left out.
 */
function tcpListeners(serverPid) {
  return descendants(serverPid)
    .filter((p) => !/code-server\/out\/node\/entry/.test(p.cmdline))
    .map((p) => ({ ...p, ports: listeningPorts(p.pid) }))
    .filter((p) => p.ports.length)
    .map((p) => `${p.pid} ${p.cmdline.slice(0, 160)}: ${p.ports.join(", ")}`);
}

/**
 * The Command Palette's entries for `filter` (read once the always-offered Show Pipeline Graph is listed); `whileOpen`
 * runs before it is closed (a screenshot).
 */
async function paletteLabels(page, wb, filter, whileOpen = async () => undefined) {
  await wb.focusWorkbench(page);
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${filter}`);
  const labels = await wb.waitUntil(page, `the Command Palette to list ${ALWAYS}`, async () => {
    const rows = await page.locator(".quick-input-list .monaco-list-row .label-name").allInnerTexts();
    const trimmed = rows.map((r) => r.trim());
    return trimmed.includes(ALWAYS) ? trimmed : { failed: trimmed.join(" | ") };
  });
  await whileOpen();
  await page.keyboard.press("Escape");
  await input.waitFor({ state: "hidden" });
  return labels;
}
