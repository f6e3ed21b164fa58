import { keyOf, memberValue, span } from "../json";
import type { Rule } from "../rule";
import { CACHE_KEY_ATTRIBUTES, SDK_CACHE_CONFIG_TYPES, canCache } from "../step-types";

export const cacheUnsupportedStepType: Rule = {
  code: "cache-unsupported-step-type",
  defaultSeverity: "warning",
  description: "A `CacheConfig` on a step type that step caching does not cover.",
  check: (context) =>
    context.eachStep("cache-unsupported-step-type", (step) => {
      const cacheConfig = memberValue(step.node, "CacheConfig");
      if (!cacheConfig || !step.type || canCache(step.type) || SDK_CACHE_CONFIG_TYPES.includes(step.type)) return [];
      return [
        {
          code: "cache-unsupported-step-type",
          message: `${step.type} steps are not cached: step caching covers ${Object.keys(CACHE_KEY_ATTRIBUTES).join(", ")}. This CacheConfig has no effect.`,
          ...span(keyOf(cacheConfig) ?? cacheConfig),
        },
      ];
    }),
};
