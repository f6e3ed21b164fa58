import { shortDuration } from "../cache/time-text";
import type { PastExecution } from "../cache/types";
import type { StepDag } from "../dag";
import type { StepAction } from "./step-plan";

/** How many of a step's most recent successful runs its estimate is the median of. */
export const ESTIMATE_RUNS = 5;

/** A step's typical duration: the median of its recent successful runs that really ran (no cache hit, no reuse). */
export interface StepDuration {
  medianMs: number;
  runs: number;
}

/**
 * Each step's typical duration from `history` (newest first, the executions of one pipeline on one target): the median
 * of its last `ESTIMATE_RUNS` successful runs with a start and an end. Steps with no such run have no entry.
 */
export function stepDurations(history: readonly PastExecution[]): Map<string, StepDuration> {
  const samples = new Map<string, number[]>();
  for (const execution of history) {
    for (const [name, step] of Object.entries(execution.steps)) {
      if (step.status !== "Succeeded" || step.cacheHitFrom || step.reusedFrom || !step.startTime || !step.endTime) continue;
      const ms = Date.parse(step.endTime) - Date.parse(step.startTime);
      if (!Number.isFinite(ms) || ms < 0) continue;
      const list = samples.get(name) ?? [];
      if (list.length < ESTIMATE_RUNS) list.push(ms);
      samples.set(name, list);
    }
  }
  return new Map([...samples].map(([name, list]) => [name, { medianMs: median(list), runs: list.length }]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface RunEstimate {
  /** The expected wall time: the steps that run, each for its median, in DAG order, at most `maxParallel` at once. */
  totalMs: number;
  /** Steps that will run and have no past run to go by: the total leaves them out. */
  unknown: string[];
  /** The steps that run and count, with their medians. */
  counted: Array<{ step: string; ms: number }>;
}

/**
 * How long a run takes: the steps whose action is `run` take their median, cache hits and reused, skipped or unselected
 * steps take no time; a step starts when its upstream steps have ended, and at most `maxParallel` steps run at once
 * (the pipeline's `ParallelismConfiguration.MaxParallelExecutionSteps`; unlimited when not given). Steps in a
 * Condition's branches count as if their branch is taken. Undefined when no step that runs has a past run to go by.
 */
export function estimateRun(
  dag: StepDag,
  actions: ReadonlyMap<string, StepAction>,
  durations: ReadonlyMap<string, StepDuration>,
  maxParallel?: number,
): RunEstimate | undefined {
  const runs = dag.names.filter((name) => actions.get(name) === "run");
  const unknown = runs.filter((name) => !durations.has(name));
  const counted = runs.filter((name) => durations.has(name)).map((step) => ({ step, ms: durations.get(step)!.medianMs }));
  if (counted.length === 0) return undefined;
  const length = new Map(counted.map((c) => [c.step, c.ms]));
  const slots = maxParallel !== undefined && maxParallel >= 1 ? Math.floor(maxParallel) : Infinity;
  // List scheduling in document order: each step starts at the earliest time its upstream steps have ended and a slot is free.
  const ends = new Map<string, number>();
  const running: number[] = [];
  const order = topologicalOrder(dag);
  if (!order) return undefined;
  for (const name of order) {
    const ready = Math.max(0, ...[...(dag.upstream.get(name) ?? [])].map((u) => ends.get(u) ?? 0));
    const ms = length.get(name);
    if (ms === undefined) {
      ends.set(name, ready);
      continue;
    }
    let start = ready;
    if (running.length >= slots) {
      running.sort((a, b) => a - b);
      // The earliest slot to free up at or after `ready`… or before it: then the step starts when it is ready.
      const freed = running.shift()!;
      start = Math.max(ready, freed);
    }
    const end = start + ms;
    running.push(end);
    ends.set(name, end);
  }
  return { totalMs: Math.max(0, ...ends.values()), unknown, counted };
}

/** The steps upstream first (Kahn's algorithm, ties in document order); undefined when the DAG has a cycle. */
function topologicalOrder(dag: StepDag): string[] | undefined {
  const waiting = new Map(dag.names.map((n) => [n, [...(dag.upstream.get(n) ?? [])].filter((u) => dag.upstream.has(u)).length]));
  const position = new Map(dag.names.map((n, i) => [n, i]));
  const ready = dag.names.filter((n) => waiting.get(n) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const name = ready.shift()!;
    order.push(name);
    for (const next of dag.downstream.get(name) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order.length === dag.names.length ? order : undefined;
}

/** `≈ 12 min`, `< 1 s`, `≈ 12 min + 2 steps never run`; undefined without an estimate. */
export function estimateText(estimate: RunEstimate | undefined): string | undefined {
  if (!estimate) return undefined;
  const total = estimate.totalMs < 1000 ? "< 1 s" : `≈ ${shortDuration(estimate.totalMs)}`;
  const unknown = estimate.unknown.length;
  return `${total}${unknown ? ` + ${unknown} step${unknown === 1 ? "" : "s"} never run` : ""}`;
}
