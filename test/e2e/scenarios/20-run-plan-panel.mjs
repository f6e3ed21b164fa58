// The Run Plan panel replaces the modal confirmation: `planned.json` (runnable.json's three steps with two more
// parameters: Copies, an Integer that Train reads, and Mode, with EnumValues) runs whole from the ▶ Run pipeline lens
// (the panel: target, pipeline, "create the pipeline", each step ▶ run with no past run, the parameters from their
// defaults, a select for Mode; the focus on Run, Enter runs). Then Run Selected Steps inside Train: the panel shows
// the reference, Prepare ↺ reused from it, Train ▶ run with an estimate from the first run, Evaluate skipped; Escape
// cancels (nothing started). Again: Copies typed as "two" is refused on its field as typed (Run disabled), "3" is taken
// (source: override); in the light theme too; Run: the selective execution ran Train with Copies=3 from Prepare's
// output of the first run, and neither Prepare nor Evaluate.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "planned.json";
const PIPELINE = "planned";

/** runnable.json with the parameters Copies (Integer, read by Train) and Mode (EnumValues). */
function definition(fixtures, workspace) {
  const base = JSON.parse(readFileSync(join(workspace, fixtures.RUNNABLE_FILE), "utf8"));
  base.Parameters.push(
    { Name: "Copies", Type: "Integer", DefaultValue: 1 },
    { Name: "Mode", Type: "String", DefaultValue: "quick", EnumValues: ["quick", "full"] },
  );
  const train = base.Steps.find((s) => s.Name === "Train");
  train.Arguments.Environment = { COPIES: { Get: "Parameters.Copies" } };
  train.Arguments.AppSpecification.ContainerEntrypoint[2] =
    "import os,sys;d=open(sys.argv[1]+'/data.txt').read()*int(os.environ['COPIES']);open(sys.argv[2]+'/model.txt','w').write(d.upper());print('trained on',d)";
  return base;
}

export default {
  name: "the Run Plan panel: a whole run, then a selective run after a parameter is edited in place and checked as typed",
  timeoutMs: 150_000,
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    writeFileSync(join(workspace, FILE), `${JSON.stringify(definition(fixtures, workspace), null, 2)}\n`);
    const consoleMessages = wb.watchConsole(page);
    await wb.openFile(page, FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.waitForCodeLenses(page, ["▶ Run pipeline"]);

    // ---- The whole pipeline: the panel, then Enter on Run. ----
    await wb.clickCodeLens(page, "▶ Run pipeline");
    await wb.waitForInputBox(page, "Pipeline name");
    await wb.acceptInputBox(page);
    const whole = await wb.waitForRunPlan(page, { expect: `Run the whole pipeline ${PIPELINE}`, predicate: (s) => s.runEnabled && s.focused === "run" });
    log(`plan: ${wb.describeRunPlan(whole)}`);
    await screenshot("whole-pipeline");
    expectMatch(whole.facts.Target, /^local engine \(http:\/\/127\.0\.0\.1:\d+\)$/, "the target");
    expectEqual(whole.facts.Pipeline, PIPELINE, "the pipeline");
    expectEqual(whole.facts.Definition, "create the pipeline", "the definition");
    expectEqual(whole.facts.Run, "the whole pipeline", "what runs");
    if ("Reference" in whole.facts) throw new Error(`a run of the whole pipeline shows a reference: ${whole.facts.Reference}`);
    expectEqual(rowsText(whole), "Prepare: run [no past run] icon-run | Train: run [no past run] icon-run | Evaluate: run [no past run] icon-run", "the steps");
    expectMatch(whole.total, /^unknown/, "the total estimate before any run");
    expectEqual(
      whole.parameters.map((p) => `${p.name}=${p.value} ${p.control} ${p.type} ${p.source}`).join(" | "),
      "Greeting=hello input String default | Copies=1 input Integer default | Mode=quick select String, one of 2 default",
      "the parameters",
    );
    expectEqual(whole.parameters.find((p) => p.name === "Mode").options.join(","), "quick,full", "Mode's choices");
    if (!whole.parameters.every((p) => p.labelFor && p.label === p.name)) throw new Error("every field has its label");
    await page.keyboard.press("Enter");
    await wb.waitUntil(page, "the Run Plan to close after Enter", async () =>
      (await page.locator(".tab", { hasText: "Run Plan:" }).count()) === 0 ? true : { failed: "open" },
    );
    const first = await finished(page, wb, undefined, workspace);
    log(`notification: ${first.message}`);
    await wb.clearNotifications(page);

    // ---- Run Selected Steps on Train; Escape cancels. ----
    await wb.contextMenuItem(page, '"Train"', "Run Selected Steps");
    await wb.waitForRunPlan(page, { expect: "Run Train", predicate: (s) => s.focused === "run" });
    await page.keyboard.press("Escape");
    const cancelled = await wb.waitForNotification(page, /Nothing was started\.$/);
    log(`after Escape: ${cancelled}`);
    if ((await page.locator(".tab", { hasText: "Run Plan:" }).count()) !== 0) throw new Error("Escape left the Run Plan open");
    await wb.clearNotifications(page);

    // ---- Again: Copies edited in place, checked as typed, then Run. ----
    await wb.contextMenuItem(page, '"Train"', "Run Selected Steps");
    const selected = await wb.waitForRunPlan(page, { expect: "Run Train", predicate: (s) => s.runEnabled });
    log(`plan: ${wb.describeRunPlan(selected)}`);
    expectEqual(selected.facts.Run, "Train (selective execution)", "what runs");
    expectEqual(selected.facts.Reference, `${first.id} (Succeeded)`, "the reference (the latest finished execution)");
    expectEqual(selected.facts.Definition, "unchanged", "the definition (deployed by the first run)");
    const [prepare, train, evaluate] = selected.rows;
    expectEqual(`${prepare.step}: ${prepare.text} [${prepare.estimate}] ${prepare.icon}`, `Prepare: reuse from ${first.id} [0 s] icon-reuse`, "Prepare's row");
    expectEqual(`${train.step}: ${train.text} ${train.icon}`, "Train: run icon-run", "Train's row");
    expectMatch(train.estimate, /^(< 1 s|≈ \d+ s)$/, "Train's estimate (from the first run)");
    expectEqual(
      `${evaluate.step}: ${evaluate.text} (${evaluate.detail}) [${evaluate.estimate}] ${evaluate.icon}`,
      "Evaluate: skip (downstream of the selection) [—] icon-skip",
      "Evaluate's row",
    );
    expectMatch(selected.total, /^(< 1 s|≈ \d+ s)$/, "the total");
    if (!selected.parameters.every((p) => p.source === "reference execution")) throw new Error("the values come from the reference execution");

    await wb.typeRunPlanParameter(page, "Copies", "two");
    const refused = await wb.waitForRunPlan(page, { predicate: (s) => copies(s).problem !== "" && !s.runEnabled });
    log(`typed "two": ${wb.describeRunPlan(refused)}`);
    expectEqual(copies(refused).problem, "'two' is not an Integer (parameter Copies).", "the planner's check, on the field");
    if (!copies(refused).invalid) throw new Error("the field is not marked invalid (aria-invalid)");
    await screenshot("invalid-value");

    await wb.typeRunPlanParameter(page, "Copies", "3");
    const edited = await wb.waitForRunPlan(page, { predicate: (s) => copies(s).value === "3" && copies(s).problem === "" && s.runEnabled });
    log(`typed "3": ${wb.describeRunPlan(edited)}`);
    expectEqual(copies(edited).source, "override", "Copies' source");
    expectEqual(edited.parameters.find((p) => p.name === "Greeting").source, "reference execution", "Greeting's source");
    await screenshot("edited");

    // The same panel in a light theme (its colours are VS Code's theme variables).
    mkdirSync(join(workspace, ".vscode"), { recursive: true });
    writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({ "workbench.colorTheme": "Default Light Modern" }));
    await wb.waitUntil(page, "the light theme", async () => ((await page.locator(".monaco-workbench.vs").count()) > 0 ? true : { failed: "still dark" }));
    await page.waitForTimeout(500);
    await screenshot("edited-light");

    await wb.clickRunPlanButton(page, "Run");
    const second = await finished(page, wb, first.id, workspace);
    log(`notification: ${second.message}`);

    const store = join(workspace, ".sagemaker-pipelines", "local", "executions", second.id, "steps");
    const trainLog = join(store, "Train", "log.txt");
    const text = existsSync(trainLog) ? readFileSync(trainLog, "utf8") : "(missing)";
    if (!text.includes("trained on hellohellohello"))
      throw new Error(`${trainLog}: expected "trained on hellohellohello" (Copies=3, Prepare's output of ${first.id}), it has: ${text.slice(-400)}`);
    for (const step of ["Prepare", "Evaluate"])
      if (existsSync(join(store, step, "log.txt"))) throw new Error(`${step} ran in the selective execution ${second.id}`);

    const errors = consoleMessages.graph().filter((m) => /run-plan|Content Security Policy/i.test(`${m.url} ${m.text}`));
    if (errors.length > 0) throw new Error(`the Run Plan's page logged errors: ${errors.map((m) => m.text).join(" | ")}`);
  },
};

const copies = (state) => state.parameters.find((p) => p.name === "Copies");
const rowsText = (state) => state.rows.map((r) => `${r.step}: ${r.text} [${r.estimate}] ${r.icon}`).join(" | ");

/** The outcome notification of an execution other than `previousId`; throws with the step logs when it did not succeed. */
async function finished(page, wb, previousId, workspace) {
  const pattern = new RegExp(`^Execution (?!${previousId ?? "-"} )(\\S+) of ${PIPELINE}: (\\w+)`);
  const message = await wb.waitForNotification(page, pattern, { timeoutMs: 60_000 });
  const [, id, status] = pattern.exec(message);
  if (status !== "Succeeded") {
    const folder = join(workspace, ".sagemaker-pipelines", "local", "executions", id, "steps");
    const logs = ["Prepare", "Train", "Evaluate"]
      .map((s) => join(folder, s, "log.txt"))
      .filter(existsSync)
      .map((f) => `${f}:\n${readFileSync(f, "utf8").slice(-800)}`);
    throw new Error(`execution ${id} of ${PIPELINE} did not succeed: ${message}\n${logs.join("\n")}`);
  }
  return { message, id };
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: "${actual}", expected "${expected}"`);
}

function expectMatch(actual, pattern, what) {
  if (!pattern.test(actual ?? "")) throw new Error(`${what}: "${actual}", expected ${pattern}`);
}
