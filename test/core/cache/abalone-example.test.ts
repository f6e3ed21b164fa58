// Cache insight on examples/abalone.pipeline.json: Process (PT1H), Train (P30D), Eval without CacheConfig, branch steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cacheVerdictHover,
  cacheVerdictLensTitle,
  cacheVerdicts,
  changeText,
  stepCacheVerdict,
  type CacheVerdict,
  type CacheInsightInput,
} from "../../../core/src";
import { edited, exampleDefinition, execution, stepOf } from "./history-helpers";

const original = exampleDefinition("abalone.pipeline.json");
const STEPS = ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneMSECond", "AbaloneCreateModel", "AbaloneRegisterModel", "AbaloneTransform"];
const NOW = new Date("2026-03-10T12:00:00Z");
/** As ListPipelineParametersForExecution lists them: every parameter, as strings. */
const DEFAULT_PARAMETERS = {
  ProcessingInstanceCount: "1",
  ProcessingInstanceType: "ml.m5.xlarge",
  TrainingInstanceType: "ml.m5.xlarge",
  TrainingEpochs: "300",
  EnableNetworkIsolation: "false",
  ModelApprovalStatus: "PendingManualApproval",
  InputData: "data/abalone.csv",
  BatchData: "data/abalone-batch.csv",
  MseThreshold: "6.0",
};
const lastRun = (definition = original, parameters: Record<string, string> = DEFAULT_PARAMETERS) =>
  execution("run-1", definition, "2026-03-10T11:30:00Z", { stepNames: STEPS, parameters });

function verdict(step: string, input: Partial<CacheInsightInput>): CacheVerdict {
  const result = stepCacheVerdict({ definition: original, executions: [lastRun()], ...input }, step, NOW);
  assert.ok(result, `no verdict for ${step}`);
  return result;
}

test("cache insight (abalone example): with no executions at all, every cached step says so plainly", () => {
  const verdicts = cacheVerdicts({ definition: original, executions: [] }, NOW);
  assert.deepEqual(Object.fromEntries(Object.entries(verdicts).map(([name, v]) => [name, cacheVerdictLensTitle(v)])), {
    AbaloneProcess: "Cache: no runs yet",
    AbaloneTrain: "Cache: no runs yet",
    AbaloneEval: "Cache: off",
    AbaloneMSECond: "Cache: n/a",
    AbaloneCreateModel: "Cache: n/a",
    AbaloneRegisterModel: "Cache: n/a",
    AbaloneTransform: "Cache: off",
    AbaloneMSEFail: "Cache: n/a",
  });
  assert.equal(
    cacheVerdictHover(verdicts.AbaloneProcess),
    "**Cache: no runs yet**: this pipeline has no finished execution to compare with, so the step runs.",
    "said once",
  );
  assert.equal(cacheVerdictHover(verdicts.AbaloneEval), "**Cache: off**: caching is not enabled for this step, so it runs every time.");
  assert.equal(cacheVerdictHover(verdicts.AbaloneMSECond), "**Cache: n/a**: Condition steps are never cached.");
});

test("cache insight (abalone example): a new script location is a ProcessingInputs[code] key change", () => {
  const editor = edited(original, (d) => (stepOf(d, "AbaloneProcess").Arguments.ProcessingInputs[1].S3Input.S3Uri = "code/preprocessing-v2.py"));
  const v = verdict("AbaloneProcess", { definition: editor });
  assert.equal(v.kind, "miss");
  assert.deepEqual(v.kind === "miss" && v.keyChanges.map(changeText), [
    'ProcessingInputs[code].S3Input.S3Uri: "code/preprocessing.py" → "code/preprocessing-v2.py"',
  ]);
});

test("cache insight (abalone example): parameters are compared after resolution, each run with its own values", () => {
  assert.equal(verdict("AbaloneProcess", { parameters: { InputData: "data/abalone.csv" } }).kind, "hit", "the same value as the past run");
  const process = verdict("AbaloneProcess", { parameters: { InputData: "data/abalone-2026.csv" } });
  assert.deepEqual(process.kind === "miss" && process.keyChanges.map(changeText), [
    'ProcessingInputs[input-1].S3Input.S3Uri: "data/abalone.csv" → "data/abalone-2026.csv"',
  ]);

  // The past run had another value; the next run takes the default.
  const pastOther = lastRun(original, { ...DEFAULT_PARAMETERS, TrainingEpochs: "500" });
  const train = verdict("AbaloneTrain", { executions: [pastOther] });
  assert.deepEqual(train.kind === "miss" && train.keyChanges.map(changeText), ['HyperParameters.epochs: "500" → "300"'], "Integer through Std:Join, as text");
});

test("cache insight (abalone example): parameter-driven changes outside the key keep the hit, with the warning", () => {
  const v = verdict("AbaloneTrain", { parameters: { TrainingInstanceType: "ml.m5.2xlarge", EnableNetworkIsolation: "TRUE" } });
  assert.equal(v.kind, "hit");
  assert.deepEqual(v.kind === "hit" && v.nonKeyChanges.map(changeText), [
    'ResourceConfig.InstanceType: "ml.m5.xlarge" → "ml.m5.2xlarge"',
    "EnableNetworkIsolation: false → true",
  ]);
  assert.equal(cacheVerdictLensTitle(v), "Cache: hit (from run-1, expires in 29 d)");
  assert.equal((cacheVerdictHover(v).match(/not a cache-key attribute: the step will NOT re-run; disable caching to force it/g) ?? []).length, 2);
});

test("cache insight (abalone example): a miss also lists changes outside the key, saying they alone would not re-run it", () => {
  const editor = edited(original, (d) => {
    const train = stepOf(d, "AbaloneTrain");
    train.Arguments.HyperParameters.learning_rate = "0.05";
    train.Arguments.StoppingCondition.MaxRuntimeInSeconds = 7200;
    train.RetryPolicies = [];
    train.DisplayName = "Train";
  });
  const v = verdict("AbaloneTrain", { definition: editor });
  assert.equal(v.kind, "miss");
  assert.deepEqual(
    v.kind === "miss" && v.nonKeyChanges.map(changeText),
    ["StoppingCondition.MaxRuntimeInSeconds: 3600 → 7200"],
    "RetryPolicies and DisplayName are not compared",
  );
  assert.match(
    cacheVerdictHover(v),
    /`StoppingCondition\.MaxRuntimeInSeconds: 3600 → 7200`: not a cache-key attribute: on its own it would not make the step re-run/,
  );
});

test("cache insight (abalone example): selective runs: steps not selected do not run, their outputs come from the reference", () => {
  const input = { selectedSteps: ["AbaloneTrain", "AbaloneEval"] };
  assert.equal(cacheVerdictLensTitle(verdict("AbaloneProcess", input)), "Cache: not selected");
  const train = verdict("AbaloneTrain", input);
  assert.equal(train.kind, "hit");
  assert.deepEqual(train.kind === "hit" && train.upstream, [
    {
      step: "AbaloneProcess",
      paths: ["InputDataConfig[train].DataSource.S3DataSource.S3Uri", "InputDataConfig[validation].DataSource.S3DataSource.S3Uri"],
      state: { kind: "reused-from-reference" },
    },
  ]);
});

test("cache insight (abalone example): a branch step reading outputs through Std:JsonGet and a Model step, with a per-run value outside its key", () => {
  const cachedTransform = edited(original, (d) => {
    const transform = stepOf(d, "AbaloneTransform");
    transform.CacheConfig = { Enabled: true, ExpireAfter: "P1D" };
    transform.Arguments.Environment = {
      MSE: { "Std:JsonGet": { PropertyFile: { Get: "Steps.AbaloneEval.PropertyFiles.EvaluationReport" }, Path: "regression_metrics.mse.value" } },
    };
  });
  const v = verdict("AbaloneTransform", { definition: cachedTransform, executions: [lastRun(cachedTransform)] });
  // TransformOutput reads Execution.PipelineExecutionId, but it is not a key attribute of Transform.
  assert.equal(v.kind, "hit");
  assert.deepEqual(v.kind === "hit" && v.perRunReads, []);
  assert.deepEqual(v.kind === "hit" && v.upstream, [
    { step: "AbaloneEval", paths: ["Environment.MSE"], state: { kind: "runs-again", verdict: "off" } },
    { step: "AbaloneCreateModel", paths: ["ModelName"], state: { kind: "runs-again", verdict: "n/a" } },
  ]);
  assert.match(cacheVerdictHover(v), /^\*\*Cache: hit\*\* if the output of AbaloneEval, AbaloneCreateModel stays the same:/);
});

test("cache insight (abalone example): a missing ExpireAfter keeps results for ever on the local engine; an invalid one stops the run; each said once", () => {
  const noExpiry = edited(original, (d) => (stepOf(d, "AbaloneProcess").CacheConfig = { Enabled: true }));
  const yearOld = execution("run-0", noExpiry, "2025-01-01T00:00:00Z", { stepNames: STEPS, parameters: DEFAULT_PARAMETERS });
  const v = verdict("AbaloneProcess", { definition: noExpiry, executions: [yearOld] });
  assert.equal(v.kind, "hit");
  assert.equal(cacheVerdictLensTitle(v), "Cache: hit (from run-0, no expiry)");
  const missing = cacheVerdictHover(v);
  assert.match(missing, /^\*\*Cache: hit\*\*: the next run reuses this step's run in execution `run-0` \(ended [^)]*\) instead of running it\.\n\n/);
  assert.match(missing, /\n\nExpireAfter is missing: the local engine keeps cached results with no expiry; the documentation requires a timeout/);
  assert.equal(missing.match(/ExpireAfter/g)?.length, 1, missing);
  assert.doesNotMatch(cacheVerdictHover(v, { expiryNote: false }), /ExpireAfter/, "beside the step's cache setting, which says it");

  const invalid = edited(original, (d) => (stepOf(d, "AbaloneProcess").CacheConfig.ExpireAfter = "one hour"));
  const w = cacheVerdictHover(verdict("AbaloneProcess", { definition: invalid, executions: [yearOld] }));
  assert.match(w, /ExpireAfter is not a valid duration, so the definition does not run until it is fixed; this verdict leaves the expiry out\./);
  assert.doesNotMatch(w, /treated as no expiry|does not expire/);
});
