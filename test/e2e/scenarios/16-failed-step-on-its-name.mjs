// A failed step's FailureReason shows in the editor, on the step: a definition whose second step exits with an error
// runs on the local engine (▶ Run pipeline → the name → Run); once the execution has failed, the Problems panel lists
// `execution-step-failed` on Train (source "SageMaker execution") with the execution's name and the step's reason, and
// none on Prepare, which succeeded; an edit above the step moves the diagnostic with the name; the quick fix "Dismiss"
// takes it away.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "failing.json";
const PIPELINE = "failing";
const REASON = "the model diverged";
const CODE = "execution-step-failed";

/** Prepare succeeds; Train reads nothing and exits with REASON on stderr. */
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
    Steps: [step("Prepare", "print('prepared')"), step("Train", `import sys; sys.exit('${REASON}')`, ["Prepare"])],
  };
}

export default {
  name: "a failed step's reason on its Name: listed in Problems, follows edits, dismissed by its quick fix",
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
    await wb.clearNotifications(page);

    const listed = await wb.waitForProblems(page, `${CODE} on Train`, (p) => p.rows.some((r) => r.code.includes(CODE)));
    const rows = listed.rows.filter((r) => r.code.includes(CODE));
    for (const row of rows) log(`problem: ${row.severity} ${row.source} ${row.code}: ${row.message}`);
    if (rows.length !== 1) throw new Error(`expected one ${CODE} (Train), found ${rows.length}: ${rows.map((r) => r.message).join(" | ")}`);
    const [row] = rows;
    if (!row.message.startsWith(`Train failed in execution ${id}: `) || !row.message.includes(REASON))
      throw new Error(`the diagnostic should name Train, execution ${id} and the reason "${REASON}": "${row.message}"`);
    if (row.severity !== "error") throw new Error(`the diagnostic is not an error: ${row.severity}`);
    if (!row.source.includes("SageMaker execution") && !row.text.includes("SageMaker execution"))
      throw new Error(`the diagnostic's source is not the execution: "${row.source}" / "${row.text}"`);
    const line = await problemLine(page, row);
    await wb.revealText(page, '"Name": "Train"');
    await screenshot("problems");

    // An edit above the step (a blank line after "Metadata") moves the name one line down: the diagnostic follows.
    await wb.clickText(page, '"Metadata": {},');
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    const moved = await wb.waitUntil(page, "the diagnostic to move one line down with the name", async () => {
      const problems = await wb.readProblems(page);
      const now = problems.rows.find((r) => r.code.includes(CODE));
      if (!now) return { failed: "gone" };
      const at = await problemLine(page, now);
      return at === line + 1 ? at : { failed: `line ${at}, was ${line}` };
    });
    log(`after an edit above it: line ${line} → ${moved}`);

    // The quick fix on the name dismisses it (from the light bulb, clicked: a Ctrl+. can be lost while the editor settles).
    const offered = await wb.lightBulbFixesAt(page, '"Train"', { choose: /^Dismiss this failure of Train/ });
    log(`quick fixes on Train: ${offered.join(" | ")}`);
    await wb.waitForProblems(page, `no ${CODE}`, (p) => !p.rows.some((r) => r.code.includes(CODE)));
    log("dismissed: no execution-step-failed left");
  },
};

/** The line of a Problems row: VS Code writes "[Ln 12, Col 13]" after its message. */
async function problemLine(page, row) {
  const match = /\[?Ln (\d+), Col (\d+)\]?/.exec(row.text) ?? /line (\d+)/i.exec(row.text);
  if (!match) throw new Error(`no line in the Problems row "${row.text}"`);
  return Number(match[1]);
}
