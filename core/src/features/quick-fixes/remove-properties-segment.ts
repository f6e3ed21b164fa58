import { nodeSpanning, quickFixAction, replaceString, stringData, type QuickFix } from "./quick-fix";

const SEGMENT = ".Properties";

/** `Steps.X.Properties.Y` → `Steps.X.Y`: drops the Python SDK's `.Properties` segment. */
export const removePropertiesSegment: QuickFix = {
  codes: ["reference-properties-segment"],
  provide(context) {
    const { document, start, end } = context;
    const title = "Remove '.Properties'";
    // Normally the diagnostic covers exactly the segment.
    if (document.text.slice(start, end) === SEGMENT) return [quickFixAction(context, title, [{ start, end, newText: "" }], true)];
    // A Get string with escape sequences is covered whole: rewrite it from the rule's replacement.
    const replacement = stringData(context.data, "replacement");
    const node = nodeSpanning(document, start, end);
    if (node?.type !== "string" || replacement === undefined) return [];
    return [quickFixAction(context, title, [replaceString(node, replacement)], true)];
  },
};
