import { nodeSpanning, quickFixAction, replaceString, stringData, type QuickFix } from "./quick-fix";

/**
 * `"ExpireAfter": "30 days and 5 hours"` → `"P30DT5H"`. The rule puts the ISO form in
 * `data.replacement` only when the text is a duration in words; otherwise there is nothing to offer.
 */
export const expireAfterFromWords: QuickFix = {
  codes: ["cache-expire-after-invalid"],
  provide(context) {
    const replacement = stringData(context.data, "replacement");
    const node = nodeSpanning(context.document, context.start, context.end);
    if (node?.type !== "string" || replacement === undefined) return [];
    return [quickFixAction(context, `Change to '${replacement}'`, [replaceString(node, replacement)], true)];
  },
};
