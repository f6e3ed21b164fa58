import { memberValue, span } from "../json";
import { canonicalDuration, durationInWords, parseDuration } from "../duration";
import type { Rule } from "../rule";

export const cacheExpireAfterNoncanonical: Rule = {
  code: "cache-expire-after-noncanonical",
  defaultSeverity: "information",
  description: "`ExpireAfter` is accepted but not in canonical ISO 8601 form (`30d` → `P30D`).",
  check: (context) =>
    context.eachStep("cache-expire-after-noncanonical", (step) => {
      const expireAfter = memberValue(memberValue(step.node, "CacheConfig"), "ExpireAfter");
      if (expireAfter?.type !== "string") return [];
      const duration = parseDuration(expireAfter.value as string);
      if (!duration) return [];
      const canonical = canonicalDuration(duration);
      if (canonical === expireAfter.value) return [];
      return [
        {
          code: "cache-expire-after-noncanonical",
          message: `ExpireAfter ${JSON.stringify(expireAfter.value)} (${durationInWords(duration)}) is accepted; its canonical ISO 8601 form is '${canonical}'.`,
          ...span(expireAfter),
          data: { replacement: canonical },
        },
      ];
    }),
};
