// Cache insight on a real SDK definition with caching on (ExpireAfter T12H) for Preprocess, Train and Evaluate.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cacheVerdictHover,
  cacheVerdictLensTitle,
  changeText,
  perRunReadText,
  stepCacheVerdict,
  type CacheInsightInput,
  type CacheVerdict,
  type PastExecution,
} from "../../../core/src";
import { corpusDefinition, edited, execution, stepOf } from "./history-helpers";

const original = corpusDefinition("aws-examples_ml-ops_selective-execution.json");
const CACHED = ["Abalone-Preprocess", "Abalone-Train", "Abalone-Evaluate"];
const NOW = new Date("2026-01-01T12:00:00Z");
const HOUR = 3600_000;

const run = (id: string, endTime: string, options: Partial<Parameters<typeof execution>[3]> = {}, definition = original) =>
  execution(id, definition, endTime, { stepNames: CACHED, ...options });

function verdict(step: string, definition: string, executions: PastExecution[], more: Partial<CacheInsightInput> = {}): CacheVerdict {
  const result = stepCacheVerdict({ definition, executions, ...more }, step, NOW);
  assert.ok(result, `no verdict for ${step}`);
  return result;
}

function as<K extends CacheVerdict["kind"]>(v: CacheVerdict, kind: K): Extract<CacheVerdict, { kind: K }> {
  assert.equal(v.kind, kind, `expected ${kind}, got ${cacheVerdictLensTitle(v)}`);
  return v as Extract<CacheVerdict, { kind: K }>;
}

test("cache insight: the unchanged definition hits the run of 3 hours ago, which expires 9 hours from now", () => {
  const v = as(verdict("Abalone-Train", original, [run("e1", "2026-01-01T09:00:00Z")]), "hit");
  assert.equal(v.run.executionId, "e1");
  assert.equal(v.run.ranAt, "2026-01-01T09:00:00.000Z");
  assert.equal(v.expiresAt, "2026-01-01T21:00:00.000Z");
  assert.equal(v.expiresInMs, 9 * HOUR);
  assert.deepEqual(v.nonKeyChanges, []);
  assert.equal(cacheVerdictLensTitle(v), "Cache: hit (from e1, expires in 9 h)");
  assert.match(cacheVerdictHover(v), /^\*\*Cache: hit\*\*: the next run reuses this step's run in execution `e1` \(ended 2026-01-01 09:00 UTC, 3 h ago\)/);
});

test("cache insight: a changed hyperparameter is a miss with the exact key change", () => {
  const editor = edited(original, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.objective = "reg:squarederror"));
  const v = as(verdict("Abalone-Train", editor, [run("e1", "2026-01-01T09:00:00Z")]), "miss");
  assert.deepEqual(v.keyChanges.map(changeText), ['HyperParameters.objective: "reg:linear" → "reg:squarederror"']);
  assert.equal(v.run.executionId, "e1");
  assert.equal(cacheVerdictLensTitle(v), "Cache: miss (1 key change)");
  // The answer first: the verdict, then the diff that causes it.
  assert.match(
    cacheVerdictHover(v),
    /^\*\*Cache: miss\*\*: the step runs again\. Cache-key changes since execution `e1` \(ended [^)]*\):\n- `HyperParameters.objective: "reg:linear" → "reg:squarederror"`\n/,
  );
});

test("cache insight: a new instance type is outside the key: still a hit, and the texts say the step will NOT re-run", () => {
  const editor = edited(original, (d) => {
    stepOf(d, "Abalone-Preprocess").Arguments.ProcessingResources.ClusterConfig.InstanceType = "ml.m5.4xlarge";
  });
  const v = as(verdict("Abalone-Preprocess", editor, [run("e1", "2026-01-01T09:00:00Z")]), "hit");
  // The past side is resolved from the parameter's default: the comparison is of values, not of texts.
  assert.deepEqual(v.nonKeyChanges.map(changeText), ['ProcessingResources.ClusterConfig.InstanceType: "ml.c5.xlarge" → "ml.m5.4xlarge"']);
  assert.match(
    cacheVerdictHover(v),
    /Changes outside the cache key:\n- `ProcessingResources\.ClusterConfig\.InstanceType: "ml\.c5\.xlarge" → "ml\.m5\.4xlarge"`: not a cache-key attribute: the step will NOT re-run; disable caching to force it/,
  );
});

test("cache insight: a matching run older than ExpireAfter is expired, by how much", () => {
  const v = as(verdict("Abalone-Train", original, [run("old", "2025-12-30T00:00:00Z")]), "expired");
  assert.equal(v.run.ageMs, 60 * HOUR);
  assert.equal(v.expiredAgoMs, 48 * HOUR, "60 h old with a 12 h window");
  assert.equal(cacheVerdictLensTitle(v), "Cache: expired (2 d ago)");
  assert.match(cacheVerdictHover(v), /is older than ExpireAfter \(12 hours\): it expired 2 d ago, so the step runs again/);
});

test("cache insight: the same definition with another parameter value misses, and the diff shows resolved values", () => {
  const past = [run("e1", "2026-01-01T09:00:00Z", { parameters: { XGBMaxDepth: "5", XGBGamma: "4" } })];
  const v = as(verdict("Abalone-Train", original, past, { parameters: { XGBMaxDepth: "6" } }), "miss");
  assert.deepEqual(v.keyChanges.map(changeText), ['HyperParameters.max_depth: "5" → "6"']);
  // In this notebook min_child_weight reads XGBGamma, so XGBMinChildWeight reaches no key attribute.
  as(verdict("Abalone-Train", original, past, { parameters: { XGBMinChildWeight: "9" } }), "hit");
  const gamma = as(verdict("Abalone-Train", original, past, { parameters: { XGBGamma: "7" } }), "miss");
  assert.deepEqual(gamma.keyChanges.map(changeText), ['HyperParameters.gamma: "4" → "7"', 'HyperParameters.min_child_weight: "4" → "7"']);
});

test("cache insight: a key attribute reading an upstream output names the upstream step and whether it runs again", () => {
  const past = [run("e1", "2026-01-01T09:00:00Z")];
  const unchanged = as(verdict("Abalone-Train", original, past), "hit");
  assert.deepEqual(unchanged.upstream, [
    {
      step: "Abalone-Preprocess",
      paths: ["InputDataConfig[train].DataSource.S3DataSource.S3Uri", "InputDataConfig[validation].DataSource.S3DataSource.S3Uri"],
      state: { kind: "hit", label: "e1" },
    },
  ]);

  const newScript = edited(original, (d) => {
    stepOf(d, "Abalone-Preprocess").Arguments.ProcessingInputs[1].S3Input.S3Uri = "s3://bucket/code/v2/preprocessing.py";
  });
  const v = as(verdict("Abalone-Train", newScript, past), "hit");
  assert.deepEqual(
    v.upstream.map((n) => n.state),
    [{ kind: "runs-again", verdict: "miss" }],
  );
  const hover = cacheVerdictHover(v);
  assert.match(hover, /^\*\*Cache: hit\*\* if the output of Abalone-Preprocess stays the same:/);
  assert.match(hover, /Abalone-Preprocess will run again \(its cache: miss\), so its output may change and this step may miss\./);

  const selective = as(verdict("Abalone-Train", newScript, past, { selectedSteps: ["Abalone-Train", "Abalone-Evaluate"] }), "hit");
  assert.deepEqual(
    selective.upstream.map((n) => n.state),
    [{ kind: "reused-from-reference" }],
  );
  assert.match(cacheVerdictHover(selective), /Abalone-Preprocess is not selected in this run, so its output is reused from the reference execution\./);
});

test("cache insight: failed runs, cache hits and reused steps are never a source", () => {
  const notSources = [
    run("failed", "2026-01-01T11:00:00Z", { status: "Failed", steps: { "Abalone-Train": { status: "Failed" } } }),
    run("cachehit", "2026-01-01T11:10:00Z", {
      steps: { "Abalone-Train": { cacheHitFrom: "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone/execution/gone" } },
    }),
    run("reused", "2026-01-01T11:20:00Z", {
      steps: { "Abalone-Train": { reusedFrom: "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone/execution/gone" } },
    }),
    run("stopped", "2026-01-01T11:30:00Z", { status: "Stopped", steps: { "Abalone-Train": { status: "Stopping" } } }),
  ];
  const none = as(verdict("Abalone-Train", original, notSources), "no-runs");
  assert.equal(none.noHistory, false);
  assert.match(cacheVerdictHover(none), /no earlier execution has a successful run of this step that did the work/);

  const otherDepth = edited(original, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.objective = "reg:tweedie"));
  const v = as(verdict("Abalone-Train", original, [...notSources, run("real", "2026-01-01T08:00:00Z", {}, otherDepth)]), "miss");
  assert.equal(v.run.executionId, "real", "the only run that did the work");
  // A failed execution whose step succeeded did do the work: its run counts.
  const failedExecution = run("failed-exec", "2026-01-01T10:00:00Z", { status: "Failed", steps: { "Abalone-Evaluate": { status: "Failed" } } });
  assert.equal(as(verdict("Abalone-Train", original, [...notSources, failedExecution]), "hit").run.executionId, "failed-exec");
});

test("cache insight: the latest matching run wins; a miss compares with the closest run, ties to the most recent", () => {
  const oneChange = edited(original, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.objective = "reg:tweedie"));
  const twoChanges = edited(oneChange, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.subsample = "0.5"));
  const history = [
    run("older-match", "2026-01-01T08:00:00Z"),
    run("newer-match", "2026-01-01T10:00:00Z"),
    run("newest-other", "2026-01-01T11:00:00Z", {}, oneChange),
  ];
  const hit = as(verdict("Abalone-Train", original, history), "hit");
  assert.equal(hit.run.executionId, "newer-match");
  assert.equal(cacheVerdictLensTitle(hit), "Cache: hit (from newer-match, expires in 10 h)");

  const editor = edited(original, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.eta = "0.3"));
  const misses = [
    run("two", "2026-01-01T11:00:00Z", {}, twoChanges),
    run("one-old", "2026-01-01T08:00:00Z", {}, oneChange),
    run("one-new", "2026-01-01T09:00:00Z", {}, oneChange),
  ];
  const miss = as(verdict("Abalone-Train", editor, misses), "miss");
  assert.equal(miss.run.executionId, "one-new");
  assert.deepEqual(miss.keyChanges.map(changeText), ['HyperParameters.objective: "reg:tweedie" → "reg:linear"', 'HyperParameters.eta: "0.2" → "0.3"']);
});

test("cache insight: a key attribute reading Execution.PipelineExecutionId never hits; PipelineName is constant", () => {
  const withSeed = (reference: string) => edited(original, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters.seed = { Get: reference }));
  const perRun = withSeed("Execution.PipelineExecutionId");
  const v = as(verdict("Abalone-Train", perRun, [run("e1", "2026-01-01T09:00:00Z", {}, perRun)]), "miss");
  assert.deepEqual(v.keyChanges, [], "the text is the same: only the value differs, every run");
  assert.deepEqual(v.perRunReads.map(perRunReadText), [
    "HyperParameters.seed reads Execution.PipelineExecutionId, which changes every run: this step never hits the cache",
  ]);
  assert.equal(cacheVerdictLensTitle(v), "Cache: miss (reads Execution.PipelineExecutionId)");
  assert.match(cacheVerdictHover(v), /- HyperParameters\.seed reads Execution\.PipelineExecutionId, which changes every run: this step never hits the cache/);

  const inJoin = edited(original, (d) => {
    stepOf(d, "Abalone-Train").Arguments.Environment = { RUN: { "Std:Join": { On: "-", Values: ["run", { Get: "Execution.StartDateTime" }] } } };
  });
  const joined = as(verdict("Abalone-Train", inJoin, [run("e1", "2026-01-01T09:00:00Z", {}, inJoin)]), "miss");
  assert.deepEqual(joined.perRunReads, [{ path: "Environment.RUN", reference: "Execution.StartDateTime" }]);

  const constant = withSeed("Execution.PipelineName");
  as(verdict("Abalone-Train", constant, [run("e1", "2026-01-01T09:00:00Z", {}, constant)]), "hit");
  // Outside the key (ProcessingOutputConfig reads PipelineExecutionId in this notebook) it does not matter.
  assert.deepEqual(as(verdict("Abalone-Preprocess", original, [run("e1", "2026-01-01T09:00:00Z")]), "hit").perRunReads, []);
});
