// A real run on the local engine (host processes, python3), then a selective run of one step against it:
// ▶ Run pipeline → the pipeline name → the Run Plan (the whole pipeline) → Run → Succeeded; then
// right-click inside Train → Run Selected Steps → the Run Plan (Train, the reference, Prepare reused,
// Evaluate skipped) → Run → Succeeded → Show in Executions: the newest execution has Prepare reused from
// the first execution and Train run again, and no Evaluate; the first execution ran all three.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const VIEW = "SageMaker Executions";

export default {
  name: "run the pipeline, then Run Selected Steps on Train: the Executions view shows Prepare reused",
  timeoutMs: 120_000,
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    const pipeline = fixtures.RUNNABLE_FILE.replace(/\.json$/, "");
    await wb.openFile(page, fixtures.RUNNABLE_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.waitForCodeLenses(page, ["▶ Run pipeline"]);

    // ---- The whole pipeline, from the lens above "Steps". ----
    await wb.clickCodeLens(page, "▶ Run pipeline");
    const name = await wb.waitForInputBox(page, "Pipeline name");
    log(`input box "${name.title}": value "${name.value}"`);
    if (name.value !== pipeline) throw new Error(`expected the pipeline name "${pipeline}" (from the file name), the input box offers "${name.value}"`);
    await wb.acceptInputBox(page);

    const whole = await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline/ });
    log(`Run Plan: ${wb.describeRunPlan(whole)}`);
    await screenshot("confirm-whole-pipeline");
    expectEqual(whole.title, `Run the whole pipeline ${pipeline}`, "the Run Plan's title");
    const wholeLines = planLines(whole);
    expectLine(wholeLines, /^Target: local engine/, "the first Run Plan");
    expectLine(wholeLines, `Pipeline: ${pipeline}`, "the first Run Plan");
    expectLine(wholeLines, "Definition: create the pipeline", "the first Run Plan");
    expectLine(wholeLines, "Run: the whole pipeline", "the first Run Plan");
    expectLine(wholeLines, "Greeting=hello (default)", "the first Run Plan");
    if (wholeLines.some((l) => /^Reference/.test(l))) throw new Error(`a run of the whole pipeline shows a reference: ${wholeLines.join(" | ")}`);
    expectEqual(planOfSteps(whole).join(" | "), "Prepare: run | Train: run | Evaluate: run", "the first Run Plan's steps");
    await wb.clickRunPlanButton(page, "Run");

    // The progress notification while it runs (the watcher polls every 2 s: it shows at least that long).
    const progress = await wb.waitForNotification(page, new RegExp(`^${pipeline}: execution \\S+`), { timeoutMs: 15_000 });
    log(`progress notification: ${progress.replace(/\n/g, " ")}`);
    const first = await finished(page, wb, pipeline, undefined, workspace);
    log(`notification: ${first.message}`);
    if (!progress.startsWith(`${pipeline}: execution ${first.id}`))
      throw new Error(`the progress notification "${progress}" is not about execution ${first.id}`);
    await wb.clearNotifications(page);
    await storeHiddenFromExplorer(page, wb, workspace, log);

    // ---- Train alone, from the editor's context menu inside the Train step. ----
    const items = await wb.contextMenuItem(page, '"Train"', "Run Selected Steps");
    log(`context menu: ${items.join(" | ")}`);
    const selected = await wb.waitForRunPlan(page, { expect: /^Run Train/ });
    log(`Run Plan: ${wb.describeRunPlan(selected)}`);
    await screenshot("confirm-selected-steps");
    expectEqual(selected.title, "Run Train", "the Run Plan's title");
    const lines = planLines(selected);
    expectLine(lines, `Pipeline: ${pipeline}`, "the selective run's Run Plan");
    expectLine(lines, "Run: Train (selective execution)", "the selective run's Run Plan");
    // The reference is the first execution (the latest finished one), by its one name: its id, as in the notification
    // (runs from the editor set no display name; the generated `execution-<ms>` is not shown).
    expectLine(lines, `Reference: ${first.id} (Succeeded)`, "the selective run's Run Plan");
    const referenceLabel = first.id;
    const firstLabel = first.id;
    expectLine(lines, "Greeting=hello (reference execution)", "the selective run's Run Plan");
    expectLine(lines, "Definition: unchanged", "the selective run's Run Plan (the definition did not change: nothing is deployed)");
    expectEqual(
      planOfSteps(selected).join(" | "),
      `Prepare: reuse from ${referenceLabel} | Train: run | Evaluate: skip (downstream of the selection)`,
      "the selective run's steps",
    );
    await wb.clickRunPlanButton(page, "Run");

    const second = await finished(page, wb, pipeline, first.id, workspace);
    log(`notification: ${second.message}`);
    await wb.clickNotificationButton(page, second.message, "Show in Executions");

    // ---- The Executions view, shown by the notification's button. ----
    await wb.viewPane(page, VIEW).locator(".pane-header.expanded").waitFor({ state: "visible", timeout: 10_000 });
    // Room for both executions and their steps (the tree renders only the rows in view), and their descriptions.
    await wb.collapseOtherViews(page, VIEW);
    await wb.setSideBarWidth(page, 620);
    const rows = await wb.waitForTreeItems(page, VIEW, `two finished executions of ${pipeline}`, (rows) => {
      const at = rows.findIndex((r) => r.level === 1 && r.label === pipeline);
      if (at < 0) return false;
      const executions = wb.treeChildren(rows, at).filter((r) => r.level === 2);
      return executions.length === 2 && executions.every((e) => e.description.startsWith("Succeeded"));
    });
    const executions = rows.filter((r) => r.level === 2);
    log(`executions: ${executions.map((e) => `${e.label} [${e.description}]`).join(" | ")}`);
    // Newest first: the selective execution, then the first one, each by the name the notifications used.
    expectEqual(executions[1].label, firstLabel, "the older execution's label (the reference of the selective run)");
    expectEqual(executions[0].label, second.id, "the newest execution's label (as its notification named it)");
    for (const e of executions)
      if (!/^Succeeded · (just now|1 min ago)$/.test(e.description))
        throw new Error(`execution ${e.label}: description "${e.description}", expected "Succeeded · just now"`);

    const newest = await wb.expandTreeItem(page, VIEW, executions[0].label, { level: 2 });
    log(`steps of ${executions[0].label}: ${newest.map((s) => `${s.label} [${s.description}]`).join(" | ")}`);
    expectEqual(newest.map((s) => s.label).join(", "), "Prepare, Train", "the steps of the selective execution (Evaluate is downstream and not selected)");
    const [prepare, train] = newest;
    if (!prepare.description.startsWith("Succeeded") || !prepare.description.endsWith(`reused from ${first.id}`))
      throw new Error(`Prepare in the selective execution: "${prepare.description}", expected "Succeeded · … · reused from ${first.id}"`);
    if (!/^Succeeded · \d+\.\d s$/.test(train.description))
      throw new Error(`Train in the selective execution: "${train.description}", expected "Succeeded · <duration>" (run, not reused)`);

    const older = await wb.expandTreeItem(page, VIEW, firstLabel, { level: 2 });
    log(`steps of ${firstLabel}: ${older.map((s) => `${s.label} [${s.description}]`).join(" | ")}`);
    expectEqual(older.map((s) => s.label).join(", "), fixtures.RUNNABLE_STEPS.join(", "), "the steps of the first execution");
    for (const s of older)
      if (!/^Succeeded · \d+\.\d s$/.test(s.description))
        throw new Error(`${s.label} in the first execution: "${s.description}", expected "Succeeded · <duration>"`);
    await screenshot("executions-view");

    // What the steps did, in the workspace's store: Train of the selective run read Prepare's output of the first.
    const store = join(workspace, ".sagemaker-pipelines", "local", "executions");
    const trainLog = join(store, second.id, "steps", "Train", "log.txt");
    const text = existsSync(trainLog) ? readFileSync(trainLog, "utf8") : "(missing)";
    if (!text.includes("trained on hello"))
      throw new Error(`${trainLog}: expected "trained on hello" (Prepare's output of ${first.id}), it has: ${text.slice(-400)}`);
    if (existsSync(join(store, second.id, "steps", "Evaluate"))) throw new Error(`Evaluate ran in the selective execution ${second.id}`);
  },
};

/**
 * The run store (`.sagemaker-pipelines/`, in the workspace) is on disk but not in the Explorer: the extension's
 * `files.exclude` default. A dot-folder made beside it after the run shows, which proves that the Explorer has
 * caught up with the new folders (the store's absence is not a stale tree).
 */
async function storeHiddenFromExplorer(page, wb, workspace, log) {
  if (!existsSync(join(workspace, ".sagemaker-pipelines", "local"))) throw new Error("the run succeeded but the store .sagemaker-pipelines/local is missing");
  mkdirSync(join(workspace, ".control-folder"));
  const names = await wb.waitUntil(page, "the Explorer to list .control-folder", async () => {
    const listed = await wb.explorerTopLevelNames(page);
    return listed.includes(".control-folder") ? listed : { failed: listed.join(", ") };
  });
  log(`Explorer after the run: ${names.join(", ")}`);
  if (names.includes(".sagemaker-pipelines")) throw new Error(`the Explorer lists the run store .sagemaker-pipelines: ${names.join(", ")}`);
}

/**
 * Waits for the outcome notification of an execution of `pipeline` other than `previousId`; throws with the
 * message and the step logs when it did not succeed. Returns `{ message, id }`.
 */
async function finished(page, wb, pipeline, previousId, workspace) {
  const pattern = new RegExp(`^Execution (?!${previousId ?? "-"} )(\\S+) of ${pipeline}: (\\w+)`);
  const message = await wb.waitForNotification(page, pattern, { timeoutMs: 60_000 });
  const [, id, status] = pattern.exec(message);
  if (status !== "Succeeded") {
    const folder = join(workspace, ".sagemaker-pipelines", "local", "executions", id, "steps");
    const logs = ["Prepare", "Train", "Evaluate"]
      .map((s) => join(folder, s, "log.txt"))
      .filter(existsSync)
      .map((f) => `${f}:\n${readFileSync(f, "utf8").slice(-800)}`);
    throw new Error(`execution ${id} of ${pipeline} did not succeed: ${message}\n${logs.join("\n")}`);
  }
  return { message, id };
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: "${actual}", expected "${expected}"`);
}

/** The Run Plan's steps as `Step: verdict (detail)`. */
function planOfSteps(state) {
  return state.rows.map((r) => `${r.step}: ${r.text}${r.detail ? ` (${r.detail})` : ""}`);
}

/** The Run Plan's header and parameters as lines: `Target: …`, …, `Greeting=hello (default)`. */
function planLines(state) {
  return [...Object.entries(state.facts).map(([term, value]) => `${term}: ${value}`), ...state.parameters.map((p) => `${p.name}=${p.value} (${p.source})`)];
}

/** The line of `lines` equal to `expected` (or matching the RegExp); throws with all the lines otherwise. */
function expectLine(lines, expected, where) {
  const line = lines.find((l) => (expected instanceof RegExp ? expected.test(l) : l === expected));
  if (line === undefined) throw new Error(`${where} has no line ${expected instanceof RegExp ? expected : `"${expected}"`}; its lines: ${lines.join(" | ")}`);
  return line;
}
