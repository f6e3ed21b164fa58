import { createHash } from "node:crypto";
import { cacheKeyText } from "../../../core/src";
import type { Store } from "../store";
import type { StepRecord } from "../records";

// What goes into the key and how long a result lasts are the step-cache policy's (core/src/cache/policy.ts),
// which cache insight shares; here the key is hashed and the store searched.
export { cacheWindow } from "../../../core/src";

/** The cache key of a step: the hash of the policy's key text (type and resolved key attributes). */
export function cacheKey(stepType: string, resolvedArguments: Record<string, unknown>, resolvedStep: Record<string, unknown>): string | undefined {
  const text = cacheKeyText(stepType, resolvedArguments, resolvedStep);
  return text === undefined ? undefined : createHash("sha256").update(text).digest("hex");
}

/**
 * The most recent Succeeded run of the same step of the same pipeline with the same key, that
 * finished within the window. Runs of other pipelines and failed runs are never reused.
 */
export function findCachedRun(
  store: Store,
  pipelineArn: string,
  stepName: string,
  key: string,
  windowMs: number,
  now: number,
  excludeExecutionId: string,
): { executionArn: string; step: StepRecord } | undefined {
  let best: { executionArn: string; step: StepRecord } | undefined;
  for (const execution of store.executions.values()) {
    if (execution.PipelineArn !== pipelineArn || execution.ExecutionId === excludeExecutionId) continue;
    const step = store.steps.get(execution.ExecutionId)?.get(stepName);
    // Only runs that did the work count: a cache hit or a reused step points back at one that did.
    if (!step || step.StepStatus !== "Succeeded" || step.CacheKey !== key || step.SelectiveExecutionResult || step.CacheHitResult) continue;
    const finished = step.EndTime !== undefined ? step.EndTime * 1000 : 0;
    if (now - finished > windowMs) continue;
    if (!best || (best.step.EndTime ?? 0) < (step.EndTime ?? 0)) best = { executionArn: execution.PipelineExecutionArn, step };
  }
  return best;
}
