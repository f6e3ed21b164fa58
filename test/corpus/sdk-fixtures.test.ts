import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, isPipelineDefinition, LineIndex } from "../../core/src";

// Definitions built by the real SageMaker Python SDK (test/sdk/generate.py; `npm run test:interop` regenerates them
// and fails on drift). Zero error-severity diagnostics is the line; every other diagnostic is listed here, with why.
const root = join(import.meta.dirname, "../fixtures/sdk");

const EXPECTED: Record<string, string[]> = {
  // The user wrote these ExpireAfter values (CacheConfig(expire_after="T12H"/"30d")): accepted, with the canonical form offered.
  "v2/sdk-cache.json": ["information cache-expire-after-noncanonical T12H", "information cache-expire-after-noncanonical 30d"],
  "v2/sdk-training.json": ["information cache-expire-after-noncanonical T12H"],
  "v3/sdk-cache-retry.json": ["information cache-expire-after-noncanonical T12H", "information cache-expire-after-noncanonical 30d"],
  // The fixture nests a ConditionStep in another's if_steps on purpose: the SDK emits it, the documentation says it is unsupported.
  "v2/sdk-conditions.json": ["warning condition-nested Condition"],
  "v3/sdk-conditions.json": ["warning condition-nested Condition"],
  // The InputData parameter is declared and never read: the hint is true.
  "v3/sdk-processing-training.json": ["hint parameter-unused InputData"],
};

function fixtures(): string[] {
  return ["v2", "v3"].flatMap((major) =>
    readdirSync(join(root, major))
      .filter((f) => f.endsWith(".json"))
      .map((f) => `${major}/${f}`),
  );
}

test("the SDK fixtures are there, with the SDK version that made them", () => {
  assert.match(readFileSync(join(root, "v2/VERSION"), "utf8"), /^sagemaker 2\.257\.\d+\n$/);
  assert.match(readFileSync(join(root, "v3/VERSION"), "utf8"), /^sagemaker 3\.27\.\d+\n$/);
  const files = fixtures();
  assert.ok(files.filter((f) => f.startsWith("v2/")).length >= 15, files.join(", "));
  assert.ok(files.filter((f) => f.startsWith("v3/")).length >= 6, files.join(", "));
});

for (const file of fixtures()) {
  test(`SDK fixture ${file}: no error, and only the diagnostics justified above`, () => {
    const text = readFileSync(join(root, file), "utf8");
    assert.equal(isPipelineDefinition(text), true);
    const lines = new LineIndex(text);
    const found = analyze(text).diagnostics.map((d) => {
      const token = text.slice(d.start, d.end).replace(/^"|"$/g, "");
      return d.severity === "error" ? `error ${lines.positionAt(d.start).line + 1}: ${d.code}: ${d.message}` : `${d.severity} ${d.code} ${token}`;
    });
    assert.deepEqual(found, EXPECTED[file] ?? []);
  });
}

function stepTypes(major: string): Set<string> {
  const types = new Set<string>();
  const collect = (steps: unknown) => {
    for (const step of Array.isArray(steps) ? steps : []) {
      types.add(step.Type);
      collect(step.Arguments?.IfSteps);
      collect(step.Arguments?.ElseSteps);
      collect(step.Arguments?.ForEachBody);
    }
  };
  for (const file of fixtures().filter((f) => f.startsWith(`${major}/`))) collect(JSON.parse(readFileSync(join(root, file), "utf8")).Steps);
  return types;
}

const BOTH = [
  "Processing",
  "Training",
  "Tuning",
  "Transform",
  "Model",
  "RegisterModel",
  "Condition",
  "Fail",
  "Lambda",
  "Callback",
  "EMR",
  "QualityCheck",
  "ClarifyCheck",
  "EndpointConfig",
  "Endpoint",
  "InferenceComponent",
  "Lineage",
];

test("every step type the SDK v2 fixtures were meant to cover is in them", () => {
  const types = stepTypes("v2");
  assert.deepEqual(
    [...BOTH, "AutoML"].filter((t) => !types.has(t)),
    [],
  );
});

// v3 cannot build an AutoML step: AutoMLStep checks that its step_args come from Session.auto_ml, which sagemaker-core 2.27
// does not have, and there is no AutoML estimator left to call it (the README's SDK section says so).
test("every step type the SDK v3 fixtures were meant to cover is in them", () => {
  const types = stepTypes("v3");
  assert.deepEqual(
    [...BOTH, "EMRServerless", "ForEach", "Cleanup"].filter((t) => !types.has(t)),
    [],
  );
});

test("the SDK's repack step is in the v2 and v3 fixtures: a Training step whose output a Model step reads", () => {
  for (const major of ["v2", "v3"]) {
    const steps = JSON.parse(readFileSync(join(root, major, "sdk-models.json"), "utf8")).Steps as Array<{ Name: string; Type: string }>;
    const repack = steps.filter((step) => step.Type === "Training" && /RepackModel/.test(step.Name));
    assert.ok(repack.length > 0, `${major}: no repack step`);
    const text = JSON.stringify(steps);
    for (const step of repack) assert.ok(text.includes(`"Steps.${step.Name}.ModelArtifacts.S3ModelArtifacts"`), `${major}: nothing reads ${step.Name}`);
  }
});
