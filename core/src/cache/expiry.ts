import { durationInWords, durationMilliseconds, parseDuration } from "../duration";
import { isPlainObject } from "./paths";
import type { ExpirySetting } from "./types";

/** True when the step's CacheConfig turns caching on. */
export function cachingEnabled(step: Record<string, unknown>): boolean {
  return isPlainObject(step.CacheConfig) && step.CacheConfig.Enabled === true;
}

/** ExpireAfter as a window; missing or not a duration means no expiry (the service keeps no timeout then). */
export function expirySetting(step: Record<string, unknown>): ExpirySetting {
  const text = isPlainObject(step.CacheConfig) ? step.CacheConfig.ExpireAfter : undefined;
  if (typeof text !== "string") return { problem: "no-expiry" };
  const duration = parseDuration(text);
  if (!duration) return { text, problem: "invalid-expiry" };
  return { text, words: durationInWords(duration), windowMs: durationMilliseconds(duration) };
}
