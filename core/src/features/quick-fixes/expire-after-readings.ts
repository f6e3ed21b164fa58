import { nodeSpanning, quickFixAction, replaceString, type QuickFix } from "./quick-fix";

/** `"P30M"` → `"PT30M"` (minutes, preferred) or `"P900D"` (months): one action per reading the rule offers. */
export const expireAfterReadings: QuickFix = {
  codes: ["cache-expire-after-ambiguous"],
  provide(context) {
    const readings = context.data.readings;
    const node = nodeSpanning(context.document, context.start, context.end);
    if (node?.type !== "string" || !Array.isArray(readings)) return [];
    return readings
      .filter((r): r is { title: string; replacement: string } => typeof r?.title === "string" && typeof r?.replacement === "string")
      .map((r, i) => quickFixAction(context, r.title, [replaceString(node, r.replacement)], i === 0));
  },
};
