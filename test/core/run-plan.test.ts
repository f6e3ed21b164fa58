import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  alignColumns,
  buildModel,
  declaredParameters,
  parseDocument,
  planLines,
  planParameters,
  planRun,
  planSteps,
  planView,
  PlanSession,
  stepDag,
  type CacheVerdict,
  type ExecutionInfo,
  type RunPlan,
  type RunPlanInput,
  type ToRunPlan,
} from "../../core/src";

const text = readFileSync(join(import.meta.dirname, "../../examples/abalone.pipeline.json"), "utf8");
const model = buildModel(parseDocument(text).root!);
const dag = stepDag(model);
const declared = declaredParameters(model);
const PIPELINE = "arn:aws:sagemaker:local:000000000000:pipeline/abalone";
const reference: ExecutionInfo = { arn: `${PIPELINE}/execution/first1`, pipelineArn: PIPELINE, status: "Succeeded", displayName: "first-run" };

function plan(steps?: string[]): RunPlan {
  const result = planRun({
    dag,
    pipelineArn: PIPELINE,
    request: steps ? { kind: "selected", steps } : { kind: "pipeline" },
    policy: { kind: "explicit", execution: reference },
    executions: [reference],
    stepsOf: () => new Map(dag.names.map((n) => [n, "Succeeded"])),
  });
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

/** A summary as the run service makes it, from the real planner. */
function input(options: { steps?: string[]; overrides?: Record<string, string>; verdicts?: Record<string, CacheVerdict> } = {}): RunPlanInput {
  const runPlan = plan(options.steps);
  const parameters = planParameters(
    declared,
    runPlan.reference && options.steps ? declared.map((d) => ({ Name: d.name, Value: String(d.defaultValue) })) : undefined,
    options.overrides ?? {},
  );
  return {
    target: "local engine (http://127.0.0.1:1234)",
    pipelineName: "abalone",
    deployment: { action: "update", changes: ["AbaloneEval: Arguments changed."] },
    plan: runPlan,
    parameters: parameters.values,
    declared,
    parameterIssues: parameters.issues,
    steps: planSteps(model, dag, runPlan, (step) => options.verdicts?.[step]),
    stepEstimates: { AbaloneProcess: 125_000, AbaloneEval: 400 },
    estimate: "≈ 2 min",
  };
}

const hit = { kind: "hit", run: { label: "cached-run" }, expiresInMs: 3 * 3600_000 } as unknown as CacheVerdict;

test("run plan view: a selective run — reuse from the reference's one name, run, skip; estimates per row", () => {
  const view = planView(input({ steps: ["AbaloneEval"] }));
  assert.equal(view.title, "Run AbaloneEval");
  assert.equal(view.run, "AbaloneEval (selective execution)");
  assert.equal(view.reference, "first-run (Succeeded)");
  assert.equal(view.definition, "update the deployed definition");
  assert.deepEqual(view.definitionChanges, ["AbaloneEval: Arguments changed."]);
  const rows = Object.fromEntries(view.rows.map((r) => [r.step, r]));
  assert.deepEqual(rows.AbaloneProcess, { step: "AbaloneProcess", verdict: "reuse", text: "reuse from first-run", estimate: "0 s" });
  assert.equal(rows.AbaloneEval.verdict, "run");
  assert.equal(rows.AbaloneEval.estimate, "< 1 s");
  assert.deepEqual(rows.AbaloneMSECond, { step: "AbaloneMSECond", verdict: "skip", text: "skip", detail: "downstream of the selection", estimate: "—" });
  assert.equal(view.rows.length, dag.names.length);
  assert.equal(view.estimate, "≈ 2 min");
  assert.ok(view.canRun);
  assert.deepEqual(
    view.parameters.map((p) => [p.name, p.source, p.sourceText]),
    declared.map((d) => [d.name, "reference", "reference execution"]),
  );
});

test("run plan view: the whole pipeline — cache hit from its execution, branch steps depend on the condition, no past run", () => {
  const view = planView({ ...input({ verdicts: { AbaloneTrain: hit } }), estimate: undefined });
  assert.equal(view.title, "Run the whole pipeline abalone");
  assert.equal(view.reference, undefined, "a whole run has no reference");
  const rows = Object.fromEntries(view.rows.map((r) => [r.step, r]));
  assert.deepEqual(rows.AbaloneTrain, {
    step: "AbaloneTrain",
    verdict: "cache-hit",
    text: "cache hit from cached-run",
    detail: "expires in 3 h",
    estimate: "0 s",
  });
  assert.equal(rows.AbaloneProcess.estimate, "≈ 2 min");
  assert.equal(rows.AbaloneMSEFail.verdict, "conditional");
  assert.equal(rows.AbaloneMSEFail.text, "depends on AbaloneMSECond (ElseSteps)");
  assert.equal(rows.AbaloneMSEFail.estimate, "no past run");
  assert.match(view.estimate, /^unknown/);
});

test("run plan view: a wrong value is on its parameter's field, with its type and enum values; Run is refused", () => {
  const view = planView(input({ overrides: { ProcessingInstanceCount: "two" } }));
  const field = view.parameters.find((p) => p.name === "ProcessingInstanceCount")!;
  assert.equal(field.type, "Integer");
  assert.equal(field.value, "two");
  assert.equal(field.source, "override");
  assert.deepEqual(field.problems, ["'two' is not an Integer (parameter ProcessingInstanceCount)."]);
  assert.equal(view.canRun, false);
  const approval = view.parameters.find((p) => p.name === "ModelApprovalStatus")!;
  assert.equal(approval.source, "default");
  assert.deepEqual(approval.problems, []);

  const unknown = planView(input({ overrides: { Nope: "1" } }));
  assert.match(unknown.problems.join(), /'Nope' is not a parameter of this pipeline/);
  assert.equal(unknown.canRun, false);
});

test("run plan view: enum values are offered as they are declared", () => {
  const view = planView({ ...input(), declared: [{ name: "Size", type: "String", defaultValue: "s", enumValues: ["s", "m", 3] }], parameters: [] });
  assert.deepEqual(view.parameters[0].enumValues, ["s", "m", "3"]);
  assert.equal(view.parameters[0].source, "missing");
  assert.equal(view.parameters[0].sourceText, "no value");
});

test("run plan view: a new pipeline is created (no list of changes); an unchanged one deploys nothing", () => {
  const created = planView({ ...input(), deployment: { action: "create", changes: ["Create the pipeline 'abalone'."] } });
  assert.equal(created.definition, "create the pipeline");
  assert.deepEqual(created.definitionChanges, []);
  assert.ok(planLines(created).includes("Definition: create the pipeline"));
  const unchanged = planView({ ...input(), deployment: { action: "unchanged", changes: [] } });
  assert.equal(unchanged.definition, "unchanged");
  assert.ok(!planLines(unchanged).some((l) => l.startsWith("Definition:")));
  assert.ok(planLines(planView(input())).includes("Definition: update the deployed definition — AbaloneEval: Arguments changed."));
});

test("run plan lines: the table's columns are aligned and the total follows it", () => {
  const lines = planLines(planView(input({ steps: ["AbaloneEval"] })));
  const table = lines.slice(
    lines.indexOf("") + 1,
    lines.findIndex((l) => l.startsWith("Total:")),
  );
  assert.match(table[0], /^Step +Verdict +Estimate$/);
  const verdictAt = table[0].indexOf("Verdict");
  const estimateAt = table[0].indexOf("Estimate");
  for (const row of table.slice(1)) {
    assert.equal(row.search(/[▶✓↺–·◇] /), verdictAt, row);
    assert.match(row.slice(estimateAt), /^(0 s|—|< 1 s|≈ \d+ min|no past run)$/, row);
  }
  assert.equal(
    lines.find((l) => l.startsWith("Total:")),
    "Total: ≈ 2 min",
  );
  assert.deepEqual(
    alignColumns([
      ["a", "bb", "c"],
      ["ccc", "d", "e"],
    ]),
    ["a    bb  c", "ccc  d   e"],
  );
});

test("run plan session: a plan is posted; an edit plans again; only a Run of the plan shown starts it", async () => {
  const posted: ToRunPlan[] = [];
  const session = new PlanSession((m) => posted.push(m));
  const first = session.confirm(input());
  assert.equal(posted.length, 1);
  assert.equal(posted[0].revision, 1);
  session.receive({ type: "ready" });
  assert.equal(posted.length, 2, "a reloaded page gets the plan again");
  session.receive({ type: "run", revision: 0 });
  session.receive({ type: "run" });
  session.receive({ type: "edit", overrides: { ProcessingInstanceCount: 2 } });
  session.receive("run");
  assert.equal(posted.length, 2);
  session.receive({ type: "edit", overrides: {} });
  assert.equal(await Promise.race([first, Promise.resolve("pending")]), "pending", "a stale or malformed message or an unchanged edit answers nothing");
  assert.deepEqual(posted.at(-1), posted[0], "an unchanged edit gets the plan it has again (the page waits for one)");
  session.receive({ type: "edit", overrides: { ProcessingInstanceCount: "two" } });
  assert.deepEqual(await first, { overrides: { ProcessingInstanceCount: "two" } });

  const wrong = session.confirm(input({ overrides: { ProcessingInstanceCount: "two" } }));
  assert.equal(posted.at(-1)!.revision, 2);
  assert.equal(posted.at(-1)!.view.canRun, false);
  session.receive({ type: "run", revision: 2 });
  assert.equal(await Promise.race([wrong, Promise.resolve("pending")]), "pending", "a plan with errors does not run");
  session.receive({ type: "edit", overrides: { ProcessingInstanceCount: "3" } });
  assert.deepEqual(await wrong, { overrides: { ProcessingInstanceCount: "3" } });

  const fixed = session.confirm(input({ overrides: { ProcessingInstanceCount: "3" } }));
  session.receive({ type: "run", revision: 2 });
  assert.equal(await Promise.race([fixed, Promise.resolve("pending")]), "pending", "a Run of an older plan does not run this one");
  session.receive({ type: "run", revision: 3 });
  assert.equal(await fixed, "run");
});

test("run plan session: Cancel or a closed panel cancels, now and for any later plan", async () => {
  const posted: ToRunPlan[] = [];
  const session = new PlanSession((m) => posted.push(m));
  const asked = session.confirm(input());
  session.receive({ type: "cancel" });
  assert.equal(await asked, "cancel");
  assert.equal(await session.confirm(input()), "cancel");
  assert.equal(posted.length, 1, "nothing is posted to a closed panel");

  const other = new PlanSession(() => {});
  const pending = other.confirm(input());
  other.close();
  assert.equal(await pending, "cancel");
  assert.ok(other.isClosed);
});
