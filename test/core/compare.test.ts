import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compareDefinitions, compareDefinitionTexts, comparisonLines } from "../../core/src";

const ABALONE = readFileSync(new URL("../fixtures/corpus/aws-examples_abalone-2022-03.json", import.meta.url), "utf8");
type Json = Record<string, any>;

const copy = (): Json => JSON.parse(ABALONE) as Json;
const step = (definition: Json, name: string): Json => {
  const found = JSON.stringify(definition).includes(name) && findStep(definition.Steps, name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
};
function findStep(steps: Json[], name: string): Json | undefined {
  for (const s of steps) {
    if (s.Name === name) return s;
    const inner = s.Type === "Condition" && findStep([...(s.Arguments.IfSteps ?? []), ...(s.Arguments.ElseSteps ?? [])], name);
    if (inner) return inner;
  }
  return undefined;
}

test("compare: the same definition, reformatted and reordered, has no difference", () => {
  const reordered = copy();
  reordered.Steps = [...reordered.Steps];
  const first = reordered.Steps[0];
  reordered.Steps[0] = Object.fromEntries(Object.entries(first).reverse());
  const comparison = compareDefinitionTexts(ABALONE, JSON.stringify(reordered, null, 4));
  assert.ok(!("error" in comparison));
  assert.deepEqual(comparison.steps, []);
  assert.deepEqual(comparison.members, []);
  assert.deepEqual(comparisonLines(comparison), ["No difference: the same steps and members."]);
});

test("compare: a cache-key attribute changed means the step runs again; a retry policy does not", () => {
  const after = copy();
  const train = step(after, "AbaloneTrain");
  train.Arguments.HyperParameters = { ...train.Arguments.HyperParameters, max_depth: "7" };
  const process = step(after, "AbaloneProcess");
  process.RetryPolicies = [{ ExceptionType: ["SageMaker.JOB_INTERNAL_ERROR"], MaxAttempts: 3 }];
  const comparison = compareDefinitions(copy(), after);
  const byName = Object.fromEntries(comparison.steps.map((s) => [s.step, s]));
  assert.equal(byName.AbaloneTrain.cacheKey, "changed");
  assert.deepEqual(
    byName.AbaloneTrain.changes.map((c) => c.path),
    ["Arguments.HyperParameters.max_depth"],
  );
  assert.equal(byName.AbaloneProcess.cacheKey, "unchanged");
  assert.deepEqual(
    byName.AbaloneProcess.changes.map((c) => c.path),
    ["RetryPolicies"],
  );
  const lines = comparisonLines(comparison);
  assert.ok(
    lines.includes('AbaloneTrain: cache key changed, a cached result of the other cannot be used: Arguments.HyperParameters.max_depth: "5" → "7".'),
    lines.join("\n"),
  );
  assert.ok(
    lines.some((l) => l.startsWith("AbaloneProcess: changed outside the cache key: RetryPolicies: (not set) → ")),
    lines.join("\n"),
  );
  assert.equal(lines.at(-1), `${comparison.unchanged} steps unchanged.`);
  assert.equal(comparison.unchanged, 6);
});

test("compare: steps inside a Condition's branches count as steps; added and removed ones are named with their type", () => {
  const after = copy();
  const condition = step(after, "AbaloneMSECond");
  const fail = condition.Arguments.ElseSteps.pop();
  condition.Arguments.IfSteps.push({ ...fail, Name: "AbaloneMSEFail2" });
  const comparison = compareDefinitions(copy(), after);
  const kinds = comparison.steps.map((s) => `${s.step}:${s.kind}`);
  assert.ok(kinds.includes("AbaloneMSEFail2:added"), kinds.join(" "));
  assert.ok(kinds.includes("AbaloneMSEFail:removed"), kinds.join(" "));
  // The Condition step itself changed (its branches list other names), and it is not a cached type.
  const cond = comparison.steps.find((s) => s.step === "AbaloneMSECond");
  assert.equal(cond?.kind, "changed");
  assert.equal(cond?.cacheKey, undefined);
  assert.ok(comparisonLines(comparison).includes("AbaloneMSEFail2: added (Fail)."));
});

test("compare: a parameter default is a change of the Parameters member", () => {
  const after = copy();
  after.Parameters[0].DefaultValue = 2;
  const comparison = compareDefinitions(copy(), after);
  assert.deepEqual(comparison.members, ["Parameters"]);
  assert.ok(comparisonLines(comparison).includes("Parameters: changed."));
});

test("compare: text that is not a definition is an error, not an exception", () => {
  assert.match((compareDefinitionTexts("{", ABALONE) as { error: string }).error, /older definition is not JSON/);
  assert.match((compareDefinitionTexts(ABALONE, "[]") as { error: string }).error, /newer definition is not a JSON object/);
});
