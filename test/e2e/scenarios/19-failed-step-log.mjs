// A failed step's log, one click away: a definition whose second step exits with an error runs on the local engine
// (▶ Run pipeline → the name → Run); once it has failed, Train's FailureReason is an error on its Name (point 2) and a
// `Show Log` lens stands above it; in the SageMaker Executions view, the
// execution's Train row has the inline Show Log action, and a click on the row opens `Train.log`: on top the step, its
// status, the FailureReason and a link to its definition (failing.json and Train's line), then the engine's log with
// the step's own error; the step has ended, so the tab does not follow (its title bar offers Follow and Load Earlier).
// Then the graph (Show Pipeline Graph): Train's node is failed; with Train selected, the graph's Show Log opens its log.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "failing.json";
const PIPELINE = "failing";
const REASON = "the model diverged";
const VIEW = "SageMaker Executions";

/** Prepare succeeds; Train prints a line, then exits with REASON on stderr. */
function definition() {
  const step = (name, code, dependsOn) => ({
    Name: name,
    Type: "Processing",
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.t3.medium", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: {
        ImageUri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        ContainerEntrypoint: ["python3", "-c", code],
      },
      StoppingCondition: { MaxRuntimeInSeconds: 120 },
      RoleArn: "arn:aws:iam::000000000000:role/SageMakerRole",
    },
  });
  return {
    Version: "2020-12-01",
    Metadata: {},
    Parameters: [],
    Steps: [step("Prepare", "print('prepared')"), step("Train", `import sys; print('epoch 1: loss=nan', flush=True); sys.exit('${REASON}')`, ["Prepare"])],
  };
}

export default {
  name: "a failed step's log opens from the Executions view, with its FailureReason and definition on top",
  timeoutMs: 150_000,
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    writeFileSync(join(workspace, FILE), `${JSON.stringify(definition(), null, 2)}\n`);
    await wb.openFile(page, FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    await wb.waitForCodeLenses(page, ["▶ Run pipeline"]);

    await wb.clickCodeLens(page, "▶ Run pipeline");
    await wb.waitForInputBox(page, "Pipeline name");
    await wb.acceptInputBox(page);
    await wb.waitForRunPlan(page, { expect: new RegExp(`^Run the whole pipeline ${PIPELINE}`) });
    await wb.clickRunPlanButton(page, "Run");
    const pattern = new RegExp(`^Execution (\\S+) of ${PIPELINE}: (\\w+)`);
    const outcome = await wb.waitForNotification(page, pattern, { timeoutMs: 60_000 });
    const [, id, status] = pattern.exec(outcome);
    log(`notification: ${outcome}`);
    if (status !== "Failed") throw new Error(`expected the execution to fail, it ended ${status}: ${outcome}`);

    // Point 2, reused: the FailureReason on Train's Name; and the failure's Show Log lens above it.
    const listed = await wb.waitForProblems(page, "execution-step-failed on Train", (p) => p.rows.some((r) => r.code.includes("execution-step-failed")));
    const failure = listed.rows.find((r) => r.code.includes("execution-step-failed"));
    log(`problem: ${failure.message}`);
    if (!failure.message.startsWith(`Train failed in execution ${id}: `) || !failure.message.includes(REASON))
      throw new Error(`the diagnostic should name Train, execution ${id} and "${REASON}": "${failure.message}"`);
    await wb.revealText(page, '"Name": "Train"');
    const lenses = await wb.waitForCodeLenses(page, ["Show Log"]);
    log(`lenses: ${lenses.join(" | ")}`);

    // The outcome's notification may have gone by now (the Problems panel took the focus): the view is opened directly.
    await wb.showView(page, VIEW);
    await wb.collapseOtherViews(page, VIEW);
    await wb.setSideBarWidth(page, 460);
    const steps = await wb.expandTreeItem(page, VIEW, id, { level: 2 });
    log(`steps of ${id}: ${steps.map((s) => `${s.label} [${s.description}]`).join(" | ")}`);
    const train = steps.find((s) => s.label === "Train");
    if (!train?.description.startsWith("Failed")) throw new Error(`Train should be listed Failed: ${JSON.stringify(train)}`);
    const row = wb.viewPane(page, VIEW).locator(`.pane-body .monaco-list-row[data-index="${train.dataIndex}"]`);
    await row.hover();
    const inline = row.locator('.action-label[aria-label="Show Log"]');
    await inline.waitFor({ state: "visible", timeout: 10_000 });
    log("the Train row has the inline action Show Log");

    await row.locator(".label-name").click();
    await wb.waitForEditorText(page, "Step:       Train");
    const tab = await page.locator(".editor-group-container.active .tabs-container .tab.active").first().getAttribute("aria-label");
    if (!tab?.startsWith("Train.log")) throw new Error(`the log's tab is "${tab}", expected "Train.log"`);
    await wb.waitForEditorText(page, "Status:     Failed · ");
    const reasonLine = await wb.waitForEditorText(page, "Failure:    ");
    if (!String(reasonLine).includes(REASON)) throw new Error(`the Failure line lacks "${REASON}": ${reasonLine}`);
    const definitionLine = await wb.waitForEditorText(page, "Definition: ");
    if (!new RegExp(`${FILE}:\\d+$`).test(String(definitionLine).trim())) throw new Error(`the Definition line is not ${FILE}:<line>: ${definitionLine}`);
    // The engine's log below the rule: the step's output and its error, as the runner wrote them (`| …`).
    await wb.waitForEditorText(page, "| epoch 1: loss=nan");
    const errorLine = await wb.waitForEditorText(page, `| ${REASON}`);
    log(`log tab: ${reasonLine} / ${String(definitionLine).trim()} / log line: ${String(errorLine).trim()}`);
    await wb.waitForEditorText(page, "Following:  no");
    await page
      .locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Follow"]')
      .first()
      .waitFor({ state: "visible", timeout: 10_000 });
    await page
      .locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Load Earlier Lines"]')
      .first()
      .waitFor({ state: "visible", timeout: 10_000 });
    log("title bar: Follow and Load Earlier Lines");
    await screenshot("log");

    // The graph's status overlay: Train is failed; selected, its Show Log button opens the same log.
    await page.locator(".editor-group-container .tab", { hasText: FILE }).first().click();
    await wb.clickEditorTitleAction(page, "Show Pipeline Graph");
    await wb.waitForGraph(page, "Train failed in the overlay", (g) => g.nodes.find((n) => n.step === "Train")?.classes.includes("status-failed"));
    const button = wb.graphFrame(page).locator("#show-log");
    if (await button.isEnabled()) throw new Error("Show Log is enabled in the graph with no step selected");
    await wb.clickGraphNode(page, "Train");
    await wb.waitUntil(page, "the graph's Show Log to be enabled for Train", async () => ((await button.isEnabled()) ? true : { failed: "disabled" }));
    await page.locator(".editor-group-container .tab", { hasText: "Train.log" }).first().click();
    await page.locator(".editor-group-container .tab", { hasText: FILE }).first().click();
    await button.click();
    await wb.waitUntil(page, "Train.log to be the active tab again", async () => {
      const active = await page.locator(".editor-group-container.active .tabs-container .tab.active").first().getAttribute("aria-label");
      return active?.startsWith("Train.log") ? active : { failed: active ?? "(none)" };
    });
    log("the graph's Show Log on Train opened Train.log");
  },
};
