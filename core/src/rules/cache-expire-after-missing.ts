import { keyOf, memberValue, span } from "../json";
import type { Rule } from "../rule";

export const cacheExpireAfterMissing: Rule = {
  code: "cache-expire-after-missing",
  defaultSeverity: "warning",
  description: "Caching is enabled without `ExpireAfter`: the documentation requires a timeout when caching is on.",
  check: (context) =>
    context.eachStep("cache-expire-after-missing", (step) => {
      const cacheConfig = memberValue(step.node, "CacheConfig");
      const enabled = memberValue(cacheConfig, "Enabled");
      if (enabled?.value !== true || memberValue(cacheConfig, "ExpireAfter")) return [];
      return [
        {
          code: "cache-expire-after-missing",
          message: `Caching is enabled for '${step.name}' without ExpireAfter: set a timeout such as "ExpireAfter": "P30D".`,
          ...span(keyOf(cacheConfig!) ?? cacheConfig!),
          data: { insert: "P30D" },
        },
      ];
    }),
};
