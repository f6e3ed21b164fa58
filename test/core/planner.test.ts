import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildModel,
  declaredParameters,
  parseDocument,
  planParameters,
  planRun,
  stepDag,
  type ExecutionInfo,
  type PlanInput,
  type RunPlan,
  type RunRefusal,
} from "../../core/src";

const text = readFileSync(join(import.meta.dirname, "../../examples/abalone.pipeline.json"), "utf8");
const model = buildModel(parseDocument(text).root!);
const dag = stepDag(model);
const PIPELINE = "arn:aws:sagemaker:local:000000000000:pipeline/abalone";
const OTHER = "arn:aws:sagemaker:local:000000000000:pipeline/other";
const execution = (id: string, status: string, pipelineArn = PIPELINE): ExecutionInfo => ({
  arn: `${pipelineArn}/execution/${id}`,
  pipelineArn,
  status,
  startTime: "2026-11-27T10:00:00Z",
});

const succeeded = execution("e1succeeded", "Succeeded");
const failed = execution("e2failed", "Failed");
const running = execution("e3running", "Executing");
const allSucceeded = new Map(dag.names.map((n) => [n, "Succeeded"]));

function plan(overrides: Partial<PlanInput>): RunPlan | RunRefusal {
  return planRun({ dag, pipelineArn: PIPELINE, request: { kind: "pipeline" }, policy: { kind: "latest" }, executions: [succeeded], ...overrides });
}
function ok(result: RunPlan | RunRefusal): RunPlan {
  assert.equal(result.ok, true, (result as RunRefusal).reason);
  return result as RunPlan;
}
function refused(result: RunPlan | RunRefusal): RunRefusal {
  assert.equal(result.ok, false, `expected a refusal, got ${JSON.stringify(result)}`);
  return result as RunRefusal;
}

test("planner: Train+Eval against the latest execution reuses Process and skips everything after Eval", () => {
  const result = ok(plan({ request: { kind: "selected", steps: ["AbaloneEval", "AbaloneTrain"] } }));
  assert.deepEqual(result.selectedSteps, ["AbaloneTrain", "AbaloneEval"], "in pipeline order");
  assert.equal(result.reference, succeeded);
  assert.deepEqual(result.reused, ["AbaloneProcess"]);
  assert.deepEqual(result.skipped, ["AbaloneMSECond", "AbaloneCreateModel", "AbaloneRegisterModel", "AbaloneTransform", "AbaloneMSEFail"]);
});

test("planner: Train+MSECond is refused, naming Eval and offering to add it", () => {
  const result = refused(plan({ request: { kind: "selected", steps: ["AbaloneTrain", "AbaloneMSECond"] } }));
  assert.match(result.reason, /'AbaloneEval' lies between the selected steps and is not selected/);
  assert.deepEqual(result.fix, { kind: "addSteps", steps: ["AbaloneEval"], selection: ["AbaloneTrain", "AbaloneEval", "AbaloneMSECond"] });
  const fixed = ok(plan({ request: { kind: "selected", steps: (result.fix as { selection: string[] }).selection } }));
  assert.deepEqual(fixed.selectedSteps, ["AbaloneTrain", "AbaloneEval", "AbaloneMSECond"]);
});

test("planner: Process+Train needs no reference; with 'reference latest' off none is sent", () => {
  const result = ok(plan({ request: { kind: "selected", steps: ["AbaloneProcess", "AbaloneTrain"] }, policy: { kind: "none" } }));
  assert.equal(result.reference, undefined);
  assert.deepEqual(result.reused, []);
  assert.deepEqual(result.selectedSteps, ["AbaloneProcess", "AbaloneTrain"]);
});

test("planner: the reference table — explicit A (latest on or off) uses A; no ARN with latest uses the latest; neither means none", () => {
  const train = { kind: "selected", steps: ["AbaloneTrain"] } as const;
  const executions = [failed, succeeded];
  assert.equal(ok(plan({ request: train, executions, policy: { kind: "explicit", execution: succeeded } })).reference, succeeded, "ARN A, latest on");
  assert.equal(ok(plan({ request: train, executions: [], policy: { kind: "explicit", execution: succeeded } })).reference, succeeded, "ARN A, latest off");
  assert.equal(ok(plan({ request: train, executions, policy: { kind: "latest" } })).reference, failed, "no ARN, latest on: the newest execution");
  const none = refused(plan({ request: train, executions, policy: { kind: "none" } }));
  assert.match(none.reason, /Without a reference execution only steps with no upstream dependency can run, and AbaloneTrain \(on AbaloneProcess\) depends/);
  assert.equal(ok(plan({ request: { kind: "selected", steps: ["AbaloneProcess"] }, executions, policy: { kind: "none" } })).reference, undefined);
});

test("planner: a running latest execution is not sent as the reference; the newest finished one is offered", () => {
  const result = refused(plan({ request: { kind: "selected", steps: ["AbaloneTrain"] }, executions: [running, failed, succeeded] }));
  assert.match(result.reason, /latest execution e3running is still Executing.*newest finished one is e2failed \(Failed\)/);
  assert.deepEqual(result.fix, { kind: "useReference", execution: failed });
  const noneFinished = refused(plan({ request: { kind: "selected", steps: ["AbaloneTrain"] }, executions: [running] }));
  assert.match(noneFinished.reason, /No execution of this pipeline has finished yet/);
  assert.equal(noneFinished.fix, undefined);
  const rootOnly = ok(plan({ request: { kind: "selected", steps: ["AbaloneProcess"] }, executions: [running, succeeded] }));
  assert.equal(rootOnly.reference, undefined);
  assert.match(rootOnly.notes.join(" "), /still Executing; the selection needs no reference/);
  const explicitRunning = refused(
    plan({ request: { kind: "selected", steps: ["AbaloneTrain"] }, policy: { kind: "explicit", execution: running }, executions: [running, succeeded] }),
  );
  assert.deepEqual(explicitRunning.fix, { kind: "useReference", execution: succeeded });
});

test("planner: another pipeline's execution is refused as a reference", () => {
  const foreign = execution("x1", "Succeeded", OTHER);
  const result = refused(plan({ request: { kind: "selected", steps: ["AbaloneTrain"] }, policy: { kind: "explicit", execution: foreign } }));
  assert.match(result.reason, /belongs to another pipeline \(arn:aws:sagemaker:local:000000000000:pipeline\/other\)/);
  assert.deepEqual(result.fix, { kind: "useReference", execution: succeeded });
  assert.equal(
    ok(plan({ request: { kind: "selected", steps: ["AbaloneTrain"] }, executions: [foreign, succeeded] })).reference,
    succeeded,
    "latest means the latest of this pipeline",
  );
});

test("planner: a reused step that did not succeed in the reference is refused, offering to select it", () => {
  const statuses = new Map([...allSucceeded, ["AbaloneTrain", "Failed"]]);
  const result = refused(plan({ request: { kind: "selected", steps: ["AbaloneEval"] }, executions: [failed], stepsOf: () => statuses }));
  assert.match(result.reason, /has no successful run of AbaloneTrain \(Failed\)/);
  assert.deepEqual(result.fix, { kind: "addSteps", steps: ["AbaloneTrain"], selection: ["AbaloneTrain", "AbaloneEval"] });
});

test("planner: retry failed steps — the failed steps of the reference, and on request everything downstream", () => {
  const statuses = new Map([
    ["AbaloneProcess", "Succeeded"],
    ["AbaloneTrain", "Failed"],
  ]);
  const stepsOf = (arn: string) => (arn === failed.arn ? statuses : allSucceeded);
  const only = ok(plan({ request: { kind: "retryFailed", includeDownstream: false }, executions: [failed, succeeded], stepsOf }));
  assert.deepEqual(only.selectedSteps, ["AbaloneTrain"]);
  assert.equal(only.reference, failed);
  assert.deepEqual(only.reused, ["AbaloneProcess"]);
  assert.match(only.notes[0], /Retrying 'AbaloneTrain' from e2failed/);
  const downstream = ok(plan({ request: { kind: "retryFailed", includeDownstream: true }, executions: [failed, succeeded], stepsOf }));
  assert.deepEqual(
    downstream.selectedSteps,
    dag.names.filter((n) => n !== "AbaloneProcess"),
  );
  assert.deepEqual(downstream.skipped, []);
  const nothing = refused(plan({ request: { kind: "retryFailed", includeDownstream: false }, executions: [succeeded], stepsOf }));
  assert.match(nothing.reason, /succeeded: there are no failed steps to retry/);
  assert.match(refused(plan({ request: { kind: "retryFailed", includeDownstream: false }, executions: [] })).reason, /no executions yet/);
});

test("planner: run from here is the step and everything downstream of it", () => {
  const result = ok(plan({ request: { kind: "fromHere", step: "AbaloneEval" } }));
  assert.deepEqual(result.selectedSteps, ["AbaloneEval", "AbaloneMSECond", "AbaloneCreateModel", "AbaloneRegisterModel", "AbaloneTransform", "AbaloneMSEFail"]);
  assert.deepEqual(result.reused, ["AbaloneProcess", "AbaloneTrain"]);
  assert.deepEqual(result.skipped, []);
  const fromTheStart = ok(plan({ request: { kind: "fromHere", step: "AbaloneProcess" } }));
  assert.equal(fromTheStart.selectedSteps, undefined, "from the first step is the whole pipeline");
  assert.match(refused(plan({ request: { kind: "fromHere", step: "Nope" } })).reason, /no step named 'Nope'/);
});

test("planner: branch steps are selected by their real names; unknown and empty selections are refused", () => {
  const result = ok(plan({ request: { kind: "selected", steps: ["AbaloneCreateModel"] } }));
  assert.deepEqual(result.selectedSteps, ["AbaloneCreateModel"]);
  assert.ok(result.reused.includes("AbaloneMSECond"), "the Condition of a branch step is reused");
  assert.match(refused(plan({ request: { kind: "selected", steps: ["AbaloneTrian"] } })).reason, /There is no step named 'AbaloneTrian'/);
  assert.match(refused(plan({ request: { kind: "selected", steps: [] } })).reason, /No step is selected/);
});

test("planner: a selection in two unconnected pieces is refused; more than 50 steps are refused", () => {
  const wide = JSON.stringify({
    Version: "2020-12-01",
    Steps: Array.from({ length: 60 }, (_, i) => ({
      Name: `S${i}`,
      Type: "Fail",
      Arguments: { ErrorMessage: "x" },
      ...(i > 0 && i < 55 ? { DependsOn: ["S0"] } : {}),
    })),
  });
  const wideDag = stepDag(buildModel(parseDocument(wide).root!));
  const input = { dag: wideDag, pipelineArn: PIPELINE, policy: { kind: "latest" } as const, executions: [succeeded] };
  assert.match(refused(planRun({ ...input, request: { kind: "selected", steps: ["S56", "S57"] } })).reason, /not connected/);
  assert.match(
    refused(planRun({ ...input, request: { kind: "fromHere", step: "S0" } })).reason,
    /55 steps are selected; a selective execution takes at most 50/,
  );
});

test("parameters: the reference's values, then overrides checked against the definition's types", () => {
  const declared = declaredParameters(model);
  const reference = declared.map((p) => ({ Name: p.name, Value: p.name === "TrainingEpochs" ? "7" : String(p.defaultValue) }));
  const result = planParameters(declared, reference, { MseThreshold: "4.5" });
  assert.deepEqual(result.errors, []);
  assert.equal(result.values.find((v) => v.name === "TrainingEpochs")?.source, "reference");
  assert.equal(result.values.find((v) => v.name === "TrainingEpochs")?.value, "7");
  assert.deepEqual(
    result.values.find((v) => v.name === "MseThreshold"),
    { name: "MseThreshold", value: "4.5", source: "override" },
  );
  assert.ok(
    result.send.some((p) => p.Name === "TrainingEpochs" && p.Value === "7"),
    "the reference's values are sent: the service does not inherit them",
  );

  const bad = planParameters(declared, reference, { TrainingEpochs: "many", EnableNetworkIsolation: "yes", ModelApprovalStatus: "Maybe", Nope: "1" });
  assert.equal(bad.errors.length, 4, bad.errors.join("\n"));
  assert.match(bad.errors.join("\n"), /'many' is not an Integer/);
  assert.match(bad.errors.join("\n"), /'yes' is not a Boolean/);
  assert.match(bad.errors.join("\n"), /'Maybe' is not one of ModelApprovalStatus's EnumValues/);
  assert.match(bad.errors.join("\n"), /'Nope' is not a parameter of this pipeline/);

  const partialReference = reference.filter((p) => p.Name !== "MseThreshold");
  assert.match(planParameters(declared, partialReference, { MseThreshold: "1" }).errors.join(), /not a parameter of the reference execution/);

  const whole = planParameters(declared, undefined, { TrainingEpochs: "3" });
  assert.deepEqual(whole.send, [{ Name: "TrainingEpochs", Value: "3" }], "a run without a reference sends only the overrides");
  assert.equal(whole.values.find((v) => v.name === "InputData")?.source, "default");
});
