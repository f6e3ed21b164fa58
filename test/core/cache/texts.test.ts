import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheVerdictLensTitle, changeText, shortDuration, upstreamNoteText, type CacheVerdict } from "../../../core/src";

test("cache texts: durations at a glance", () => {
  assert.deepEqual([45_000, 12 * 60_000, 3 * 3600_000 + 59 * 60_000, 47 * 3600_000, 49 * 3600_000, 30 * 86400_000].map(shortDuration), [
    "45 s",
    "12 min",
    "3 h",
    "47 h",
    "2 d",
    "30 d",
  ]);
});

test("cache texts: long values are shortened around the part that differs", () => {
  const uri = (hash: string) => `s3://sagemaker-us-east-1-681580474417/AbalonePipeline-SelectExec/code/${hash}/preprocessing.py`;
  const text = changeText({
    path: "ProcessingInputs[code].S3Input.S3Uri",
    before: uri("5d9f8cf978eb635fdf8359a0de190535"),
    after: uri("0123456789abcdef0123456789abcdef"),
  });
  assert.equal(
    text,
    'ProcessingInputs[code].S3Input.S3Uri: …SelectExec/code/5d9f8cf978eb635fdf8359a0de190535/preprocessing.py" → …SelectExec/code/0123456789abcdef0123456789abcdef/preprocessing.py"',
  );
  assert.equal(changeText({ path: "HyperParameters.seed", after: "1" }), 'HyperParameters.seed: (not set) → "1"');
  assert.equal(changeText({ path: "Environment", before: { A: "1" } }), 'Environment: {"A":"1"} → (not set)');
});

test("cache texts: lens titles for every verdict", () => {
  const base = { step: "S", stepType: "Training", expiry: {}, perRunReads: [], upstream: [], nonKeyChanges: [] };
  const run = {
    executionArn: "arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/abc123",
    executionId: "abc123",
    label: "abc123",
    ranAt: "2026-01-01T00:00:00.000Z",
    ageMs: 0,
  };
  const titles = (
    [
      { kind: "n/a", step: "S", stepType: "Lambda" },
      { kind: "off", step: "S" },
      { kind: "not-selected", step: "S" },
      { ...base, kind: "no-runs", noHistory: true },
      { ...base, kind: "hit", run, expiresAt: "2026-01-01T03:00:00.000Z", expiresInMs: 3 * 3600_000 },
      { ...base, kind: "expired", run, expiredAgoMs: 2 * 86400_000 },
      {
        ...base,
        kind: "miss",
        run,
        keyChanges: [
          { path: "a", before: 1, after: 2 },
          { path: "b", before: 1 },
        ],
      },
    ] as CacheVerdict[]
  ).map(cacheVerdictLensTitle);
  assert.deepEqual(titles, [
    "Cache: n/a",
    "Cache: off",
    "Cache: not selected",
    "Cache: no runs yet",
    "Cache: hit (from abc123, expires in 3 h)",
    "Cache: expired (2 d ago)",
    "Cache: miss (2 key changes)",
  ]);
});

test("cache texts: upstream notes", () => {
  assert.equal(
    upstreamNoteText({ step: "Prep", paths: ["InputDataConfig[train].DataSource.S3DataSource.S3Uri"], state: { kind: "runs-again", verdict: "no-runs" } }),
    "InputDataConfig[train].DataSource.S3DataSource.S3Uri reads an output of Prep; Prep will run again (its cache: no runs yet), so its output may change and this step may miss.",
  );
  assert.equal(
    upstreamNoteText({ step: "Prep", paths: ["A", "B"], state: { kind: "hit", label: "nightly-retrain" } }),
    "A, B read an output of Prep; Prep hits the cache too (from nightly-retrain), so its output stays the same.",
  );
});
