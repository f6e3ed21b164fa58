import { nodeSpanning, quickFixAction, replaceString, stringData, type QuickFix } from "./quick-fix";

/** `"ExpireAfter": "30d"` → `"P30D"`: the canonical ISO 8601 form the rule computed. */
export const canonicalExpireAfter: QuickFix = {
  codes: ["cache-expire-after-noncanonical"],
  provide(context) {
    const replacement = stringData(context.data, "replacement");
    const node = nodeSpanning(context.document, context.start, context.end);
    if (node?.type !== "string" || replacement === undefined || node.value === replacement) return [];
    return [quickFixAction(context, `Change to '${replacement}'`, [replaceString(node, replacement)], true)];
  },
};
