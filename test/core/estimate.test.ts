import { test } from "node:test";
import assert from "node:assert/strict";
import { estimateRun, estimateText, stepDurations, type PastExecution, type StepAction, type StepDag } from "../../core/src";

const MIN = 60_000;
const T0 = Date.parse("2026-11-30T08:00:00Z");

/** A chain A → B → C, and D beside them (no edges). */
function dag(edges: Array<[string, string]>, names = ["A", "B", "C", "D"]): StepDag {
  const upstream = new Map(names.map((n) => [n, new Set<string>()]));
  const downstream = new Map(names.map((n) => [n, new Set<string>()]));
  for (const [from, to] of edges) {
    upstream.get(to)!.add(from);
    downstream.get(from)!.add(to);
  }
  return { names, upstream, downstream };
}

function execution(steps: Record<string, { minutes?: number; status?: string; cacheHitFrom?: string; reusedFrom?: string }>): PastExecution {
  return {
    executionArn: "arn",
    status: "Succeeded",
    definition: "{}",
    parameters: {},
    steps: Object.fromEntries(
      Object.entries(steps).map(([name, s]) => [
        name,
        {
          status: s.status ?? "Succeeded",
          startTime: new Date(T0).toISOString(),
          endTime: s.minutes === undefined ? undefined : new Date(T0 + s.minutes * MIN).toISOString(),
          cacheHitFrom: s.cacheHitFrom,
          reusedFrom: s.reusedFrom,
        },
      ]),
    ),
  };
}

const all = (names: string[], action: StepAction = "run") => new Map(names.map((n) => [n, action]));

test("durations: the median of each step's last five successful runs that really ran", () => {
  const history = [
    execution({ A: { minutes: 3 }, B: { minutes: 10, status: "Failed" } }),
    execution({ A: { minutes: 5 }, B: { minutes: 1, cacheHitFrom: "x" } }),
    execution({ A: { minutes: 4 }, B: { minutes: 1, reusedFrom: "y" } }),
    execution({ A: { minutes: 100 }, B: { minutes: 6 } }),
    execution({ A: { minutes: 1 } }),
    execution({ A: { minutes: 2 } }),
    execution({ A: { minutes: 1000 } }), // the sixth: older than the five counted
  ];
  const durations = stepDurations(history);
  assert.deepEqual(durations.get("A"), { medianMs: 4 * MIN, runs: 5 }); // 3, 5, 4, 100, 1 → 4
  assert.deepEqual(durations.get("B"), { medianMs: 6 * MIN, runs: 1 }); // only the run that ran and succeeded
  assert.equal(durations.has("C"), false);
  assert.deepEqual(stepDurations([execution({ A: { minutes: 2 } }), execution({ A: { minutes: 3 } })]).get("A"), { medianMs: 2.5 * MIN, runs: 2 });
});

test("estimate: the critical path, not the sum; steps beside it run at the same time", () => {
  const durations = stepDurations([execution({ A: { minutes: 2 }, B: { minutes: 3 }, C: { minutes: 4 }, D: { minutes: 8 } })]);
  const chain = dag([
    ["A", "B"],
    ["B", "C"],
  ]);
  const estimate = estimateRun(chain, all(chain.names), durations);
  assert.equal(estimate?.totalMs, 9 * MIN); // A+B+C = 9 beside D = 8
  assert.equal(estimateText(estimate), "≈ 9 min");
});

test("estimate: MaxParallelExecutionSteps makes steps beside each other wait for a slot", () => {
  const durations = stepDurations([execution({ A: { minutes: 5 }, B: { minutes: 5 }, C: { minutes: 5 }, D: { minutes: 5 } })]);
  const independent = dag([]);
  assert.equal(estimateRun(independent, all(independent.names), durations)?.totalMs, 5 * MIN);
  assert.equal(estimateRun(independent, all(independent.names), durations, 2)?.totalMs, 10 * MIN);
  assert.equal(estimateRun(independent, all(independent.names), durations, 1)?.totalMs, 20 * MIN);
});

test("estimate: cache hits, reused and skipped steps take no time; steps never run are named, not guessed", () => {
  const durations = stepDurations([execution({ A: { minutes: 2 }, B: { minutes: 3 } })]);
  const chain = dag([
    ["A", "B"],
    ["B", "C"],
  ]);
  const actions = new Map<string, StepAction>([
    ["A", "cache-hit"],
    ["B", "run"],
    ["C", "run"],
    ["D", "skip"],
  ]);
  const estimate = estimateRun(chain, actions, durations);
  assert.equal(estimate?.totalMs, 3 * MIN);
  assert.deepEqual(estimate?.unknown, ["C"]);
  assert.equal(estimateText(estimate), "≈ 3 min + 1 step never run");
});

test("estimate: none without a past run of a step that runs, and none for a cycle; under a second reads so", () => {
  const chain = dag([["A", "B"]]);
  assert.equal(estimateRun(chain, all(chain.names), new Map()), undefined);
  assert.equal(estimateText(undefined), undefined);
  const cycle = dag([
    ["A", "B"],
    ["B", "A"],
  ]);
  assert.equal(estimateRun(cycle, all(cycle.names), stepDurations([execution({ A: { minutes: 1 } })])), undefined);
  const quick = new Map([["A", { medianMs: 400, runs: 1 }]]);
  assert.equal(estimateText(estimateRun(dag([], ["A"]), all(["A"]), quick)), "< 1 s");
});
