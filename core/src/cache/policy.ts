/**
 * The step-cache policy, in one pure module that the local engine and cache insight (hovers, lenses, `plan`) share:
 * which step types are cached and what their cache key holds, how `CacheConfig` turns caching on, how `ExpireAfter`
 * becomes an expiry window, and what counts as an expression inside a cache key.
 */
import { durationInWords, durationMilliseconds, parseDuration, type Duration } from "../duration";
import { isPlainObject } from "./paths";
import type { ExpirySetting } from "./types";

/** Types the documentation lists for step caching, with their cache-key attributes. */
export const CACHE_KEY_ATTRIBUTES: Record<string, readonly string[]> = {
  Processing: ["AppSpecification", "Environment", "ProcessingInputs"],
  Training: ["AlgorithmSpecification", "CheckpointConfig", "DebugHookConfig", "DebugRuleConfigurations", "Environment", "HyperParameters", "InputDataConfig"],
  Tuning: ["HyperParameterTuningJobConfig", "TrainingJobDefinition", "TrainingJobDefinitions"],
  AutoML: ["AutoMLJobConfig", "AutoMLJobObjective", "InputDataConfig", "ProblemType"],
  Transform: ["DataProcessing", "Environment", "ModelName", "TransformInput"],
  ClarifyCheck: ["ClarifyCheckConfig", "CheckJobConfig", "SkipCheck", "RegisterNewBaseline", "ModelPackageGroupName", "SuppliedBaselineConstraints"],
  QualityCheck: [
    "QualityCheckConfig",
    "CheckJobConfig",
    "SkipCheck",
    "RegisterNewBaseline",
    "ModelPackageGroupName",
    "SuppliedBaselineConstraints",
    "SuppliedBaselineStatistics",
  ],
  EMR: ["ClusterId", "StepConfig"],
};

/**
 * Types whose CacheConfig the SDK emits although the caching documentation does not list them;
 * a CacheConfig there is not reported as unsupported.
 */
export const SDK_CACHE_CONFIG_TYPES = ["Lambda", "Callback", "EndpointConfig", "Endpoint", "EMRServerless", "Job"];

export function canCache(type: string | undefined): boolean {
  return type !== undefined && Object.hasOwn(CACHE_KEY_ATTRIBUTES, type);
}

/** The cache-key attributes of a step type, or undefined when step caching does not cover it. */
export function cacheKeyAttributes(type: string | undefined): readonly string[] | undefined {
  return canCache(type) ? CACHE_KEY_ATTRIBUTES[type!] : undefined;
}

/** One cache-key attribute a step sets, and where it is read from. */
export interface CacheKeyEntry {
  attribute: string;
  value: unknown;
  /** Arguments first; the check steps keep some attributes on the step itself. */
  from: "Arguments" | "step";
}

/**
 * The key attributes of `keyType` that the step sets: from its Arguments, else from the step itself.
 * Undefined when step caching does not cover `keyType`.
 */
export function cacheKeyEntries(keyType: string, args: Record<string, unknown>, step: Record<string, unknown>): CacheKeyEntry[] | undefined {
  const attributes = cacheKeyAttributes(keyType);
  if (!attributes) return undefined;
  const entries: CacheKeyEntry[] = [];
  for (const attribute of attributes) {
    if (Object.hasOwn(args, attribute)) entries.push({ attribute, value: args[attribute], from: "Arguments" });
    else if (Object.hasOwn(step, attribute)) entries.push({ attribute, value: step[attribute], from: "step" });
  }
  return entries;
}

/**
 * The text the engine hashes as a step's cache key: its type and the values of its type's key attributes after
 * resolution (attributes that resolved to nothing are left out), in canonical JSON. Undefined for types that are not cached.
 */
export function cacheKeyText(stepType: string, resolvedArguments: Record<string, unknown>, resolvedStep: Record<string, unknown>): string | undefined {
  const entries = cacheKeyEntries(stepType, resolvedArguments, resolvedStep);
  if (!entries) return undefined;
  const key: Record<string, unknown> = {};
  for (const { attribute, value } of entries) if (value !== undefined) key[attribute] = value;
  return canonicalJson({ stepType, key });
}

/** JSON with object members sorted by key, so that equal values have equal texts. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** True when a step's `CacheConfig` value turns caching on (`Enabled` is the literal `true`). */
export function cachingEnabled(cacheConfig: unknown): boolean {
  return isPlainObject(cacheConfig) && cacheConfig.Enabled === true;
}

/** What an `ExpireAfter` value says. */
export type ExpireAfterReading =
  | { state: "missing" }
  | { state: "not-a-string" }
  | { state: "invalid"; text: string }
  | { state: "valid"; text: string; duration: Duration; windowMs: number };

/** Reads an `ExpireAfter` value (undefined: the member is missing). */
export function readExpireAfter(value: unknown): ExpireAfterReading {
  if (value === undefined) return { state: "missing" };
  if (typeof value !== "string") return { state: "not-a-string" };
  const duration = parseDuration(value);
  if (!duration) return { state: "invalid", text: value };
  return { state: "valid", text: value, duration, windowMs: durationMilliseconds(duration) };
}

/**
 * ExpireAfter of a `CacheConfig` value as a window; missing or not a duration means no window (the local engine keeps
 * results for ever without one, and refuses a definition whose ExpireAfter is not a duration).
 */
export function expirySetting(cacheConfig: unknown): ExpirySetting {
  const reading = readExpireAfter(isPlainObject(cacheConfig) ? cacheConfig.ExpireAfter : undefined);
  if (reading.state === "missing") return { problem: "no-expiry" };
  if (reading.state === "not-a-string") return { problem: "invalid-expiry" };
  if (reading.state === "invalid") return { text: reading.text, problem: "invalid-expiry" };
  return { text: reading.text, words: durationInWords(reading.duration), windowMs: reading.windowMs };
}

/** How long a cached result stays usable (infinite without a valid ExpireAfter), or undefined when caching is off. */
export function cacheWindow(cacheConfig: unknown): number | undefined {
  if (!cachingEnabled(cacheConfig)) return undefined;
  return expirySetting(cacheConfig).windowMs ?? Number.POSITIVE_INFINITY;
}

/** Execution variables with a new value in every run: a cache key that reads one never matches. */
export const PER_RUN_EXECUTION_VARIABLES: ReadonlySet<string> = new Set([
  "PipelineExecutionId",
  "PipelineExecutionArn",
  "StartDateTime",
  "CurrentDateTime",
  "TrainingJobName",
  "ProcessingJobName",
]);

/** `{"Get": …}` (its only member), `{"Std:Join": …}` or `{"Std:JsonGet": …}`: an expression, as the engine evaluates it. */
export function isExpression(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  if (typeof value.Get === "string" && Object.keys(value).length === 1) return true;
  return "Std:Join" in value || "Std:JsonGet" in value;
}
