import { memberValue, span } from "../json";
import type { Rule } from "../rule";

/** Up to 59: a count of minutes people write as such (from 60 on they write hours). */
const MAX_PLAUSIBLE_MINUTES = 59;

/**
 * `P30M` is 30 *months*: in ISO 8601 an `M` before the `T` counts months, and users who mean minutes forget the `T`
 * (`PT30M`). Only a months-only value whose number also reads as plausible minutes is reported.
 */
export const cacheExpireAfterAmbiguous: Rule = {
  code: "cache-expire-after-ambiguous",
  defaultSeverity: "hint",
  description: "`ExpireAfter` `P30M` is 30 months; `PT30M` is 30 minutes. Reported for months-only values that read as plausible minutes.",
  check: (context) =>
    context.eachStep("cache-expire-after-ambiguous", (step) => {
      const expireAfter = memberValue(memberValue(step.node, "CacheConfig"), "ExpireAfter");
      if (expireAfter?.type !== "string") return [];
      const match = /^[Pp](\d+)[Mm]$/.exec(expireAfter.value as string);
      const count = match ? Number(match[1]) : 0;
      if (count < 1 || count > MAX_PLAUSIBLE_MINUTES) return [];
      const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      return [
        {
          code: "cache-expire-after-ambiguous",
          message: `ExpireAfter ${JSON.stringify(expireAfter.value)} is ${unit(count, "month")}: in ISO 8601 an M before the T counts months. For ${unit(count, "minute")} write 'PT${count}M'.`,
          ...span(expireAfter),
          // Both readings, written so that neither can be misread again (a month is 30 days, as the local engine counts it).
          data: {
            readings: [
              { title: `Change to 'PT${count}M' (${unit(count, "minute")})`, replacement: `PT${count}M` },
              { title: `Change to 'P${count * 30}D' (${unit(count, "month")} of 30 days)`, replacement: `P${count * 30}D` },
            ],
          },
        },
      ];
    }),
};
