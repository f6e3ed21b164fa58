import { isObvious, leading, nearest } from "./nearest";
import { nodeSpanning, quickFixAction, replaceString, stringArrayData, stringData, type QuickFix } from "./quick-fix";

/**
 * A value outside its enumeration, close to allowed ones (`"FullyReplicate"`): replaces it with the
 * nearest allowed values (up to three, best first). Only offered when the rule found a suggestion.
 */
export const replaceEnumValue: QuickFix = {
  codes: ["schema"],
  provide(context) {
    const allowed = stringArrayData(context.data, "allowed");
    const suggestion = stringData(context.data, "suggestion");
    if (!allowed || suggestion === undefined) return [];
    const node = nodeSpanning(context.document, context.start, context.end);
    if (node?.type !== "string" || allowed.includes(node.value as string)) return [];
    const suggestions = leading(nearest(node.value as string, allowed), suggestion);
    return suggestions.map((s, i) => quickFixAction(context, `Change to '${s.name}'`, [replaceString(node, s.name)], isObvious(suggestions, i)));
  },
};
