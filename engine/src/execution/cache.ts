import { createHash } from "node:crypto";
import { CACHE_KEY_ATTRIBUTES } from "../../../core/src/step-types";
import { durationMilliseconds, parseDuration } from "../../../core/src/duration";
import type { Store } from "../store";
import type { StepRecord } from "../records";

/**
 * The cache key of a step: its type and the values of its type's key attributes after parameter
 * resolution (from Arguments, or the step itself for the check steps). Anything else does not count.
 */
export function cacheKey(stepType: string, resolvedArguments: Record<string, unknown>, resolvedStep: Record<string, unknown>): string | undefined {
  const attributes = CACHE_KEY_ATTRIBUTES[stepType];
  if (!attributes) return undefined;
  const key: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const value = Object.hasOwn(resolvedArguments, attribute) ? resolvedArguments[attribute] : resolvedStep[attribute];
    if (value !== undefined) key[attribute] = value;
  }
  return createHash("sha256").update(canonicalJson({ stepType, key })).digest("hex");
}

/** How long a cached result stays usable, or undefined when caching is off for the step. */
export function cacheWindow(cacheConfig: unknown): number | undefined {
  if (!cacheConfig || typeof cacheConfig !== "object") return undefined;
  const config = cacheConfig as { Enabled?: unknown; ExpireAfter?: unknown };
  if (config.Enabled !== true) return undefined;
  const duration = typeof config.ExpireAfter === "string" ? parseDuration(config.ExpireAfter) : undefined;
  // Without a valid ExpireAfter the service keeps no timeout; treat it as never expiring.
  return duration ? durationMilliseconds(duration) : Number.POSITIVE_INFINITY;
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

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
