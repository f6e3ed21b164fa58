import { memberValue, span } from "../json";
import { canonicalDuration, parseDuration, parseDurationInWords } from "../duration";
import type { Rule } from "../rule";

export const cacheExpireAfterInvalid: Rule = {
  code: "cache-expire-after-invalid",
  defaultSeverity: "error",
  description: "`CacheConfig.ExpireAfter` is not an ISO 8601 duration the service takes (`30d`, `T16m`, `PT1H`, `P4DT12H`…).",
  check: (context) =>
    context.eachStep("cache-expire-after-invalid", (step) => {
      const expireAfter = memberValue(memberValue(step.node, "CacheConfig"), "ExpireAfter");
      if (expireAfter?.type !== "string" || parseDuration(expireAfter.value as string)) return [];
      // A duration written in words (`1 hour`, `30 days and 5 hours`, `12 hrs`) has an ISO form to offer.
      const inWords = parseDurationInWords(expireAfter.value as string);
      return [
        {
          code: "cache-expire-after-invalid",
          message: `ExpireAfter ${JSON.stringify(expireAfter.value)} is not an ISO 8601 duration. Write years, months, weeks, days, then T and hours, minutes, seconds: e.g. 'PT1H' (1 hour), 'P30D' (30 days), 'P4DT12H' (4 days and 12 hours).`,
          ...span(expireAfter),
          ...(inWords ? { data: { replacement: canonicalDuration(inWords) } } : {}),
        },
      ];
    }),
};
