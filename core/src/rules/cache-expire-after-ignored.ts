import { keyOf, memberValue, span } from "../json";
import type { Rule } from "../rule";

export const cacheExpireAfterIgnored: Rule = {
  code: "cache-expire-after-ignored",
  defaultSeverity: "hint",
  description: "`ExpireAfter` has no effect while `Enabled` is false.",
  check: (context) =>
    context.eachStep("cache-expire-after-ignored", (step) => {
      const cacheConfig = memberValue(step.node, "CacheConfig");
      const expireAfter = memberValue(cacheConfig, "ExpireAfter");
      if (!expireAfter || memberValue(cacheConfig, "Enabled")?.value === true) return [];
      return [
        {
          code: "cache-expire-after-ignored",
          message: "ExpireAfter is ignored because caching is not enabled (Enabled is not true).",
          ...span(keyOf(expireAfter) ?? expireAfter),
        },
      ];
    }),
};
