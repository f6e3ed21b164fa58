import { getNodeValue } from "jsonc-parser";
import { CACHE_KEY_ATTRIBUTES, canCache, cachingEnabled, readExpireAfter } from "../cache/policy";
import { canonicalDuration, durationInWords } from "../duration";
import { memberValue } from "../json";
import type { StepModel } from "../model";

export interface CacheSummary {
  state: "n/a" | "off" | "on";
  /** `30 days and 5 hours`, when on with a valid ExpireAfter. */
  words?: string;
  canonical?: string;
  /** Set when ExpireAfter is missing or not a duration. */
  problem?: "no-expiry" | "invalid-expiry";
  keyAttributes: readonly string[];
}

/** A step's cache configuration as people read it: the one source for lenses, hovers and messages. */
export function cacheSummary(step: StepModel): CacheSummary {
  const keyAttributes = CACHE_KEY_ATTRIBUTES[step.type ?? ""] ?? [];
  if (!canCache(step.type)) return { state: "n/a", keyAttributes };
  const cacheConfig = memberValue(step.node, "CacheConfig");
  if (!cachingEnabled({ Enabled: memberValue(cacheConfig, "Enabled")?.value })) return { state: "off", keyAttributes };
  const expireAfter = memberValue(cacheConfig, "ExpireAfter");
  const reading = readExpireAfter(expireAfter && getNodeValue(expireAfter));
  if (reading.state === "missing") return { state: "on", problem: "no-expiry", keyAttributes };
  if (reading.state === "invalid" || reading.state === "not-a-string") return { state: "on", problem: "invalid-expiry", keyAttributes };
  return { state: "on", words: durationInWords(reading.duration), canonical: canonicalDuration(reading.duration), keyAttributes };
}

/** `Cache: on · 1 hour` / `Cache: off` / `Cache: n/a`. */
export function cacheLensTitle(summary: CacheSummary): string {
  if (summary.state !== "on") return `Cache: ${summary.state}`;
  if (summary.problem === "no-expiry") return "Cache: on · no expiry set";
  if (summary.problem === "invalid-expiry") return "Cache: on · invalid ExpireAfter";
  return `Cache: on · ${summary.words}`;
}

/** One paragraph explaining the cache state of a step. */
export function explainCache(stepName: string, stepType: string | undefined, summary: CacheSummary): string {
  if (summary.state === "n/a") return `${stepType ?? "This"} steps are never cached: step caching covers ${Object.keys(CACHE_KEY_ATTRIBUTES).join(", ")}.`;
  const key = `Cache key: ${summary.keyAttributes.join(", ")}; changing anything else does not make the step run again.`;
  if (summary.state === "off") {
    return `Caching is off for '${stepName}': it runs every time. With "CacheConfig": {"Enabled": true, "ExpireAfter": "P30D"} a successful run whose cache key (${summary.keyAttributes.join(", ")}) is unchanged would be reused.`;
  }
  if (summary.problem === "no-expiry") return `Caching is on for '${stepName}' but ExpireAfter is missing. ${key}`;
  if (summary.problem === "invalid-expiry") return `Caching is on for '${stepName}' but ExpireAfter is not a valid duration. ${key}`;
  return `Caching is on for '${stepName}': a successful run with the same cache key in the last ${summary.words} (${summary.canonical}) is reused instead of running again. ${key}`;
}
