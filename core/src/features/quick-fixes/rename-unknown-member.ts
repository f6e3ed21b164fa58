import { members } from "../../json";
import { isObvious, leading, nearest } from "./nearest";
import { nodeSpanning, quickFixAction, stringArrayData, stringContent, stringData, type QuickFix } from "./quick-fix";

/**
 * A member the API shape (or the definition schema) does not have, close to one it does:
 * renames the key to the nearest known members (up to three, best first) that the object
 * does not already have. Only offered when the rule found a suggestion.
 */
export const renameUnknownMember: QuickFix = {
  codes: ["unknown-argument", "schema"],
  provide(context) {
    const member = stringData(context.data, "member");
    const suggestion = stringData(context.data, "suggestion");
    // Schema diagnostics for missing members carry `member` too, but no `known` and no suggestion.
    const known = stringArrayData(context.data, "known");
    if (member === undefined || suggestion === undefined || !known) return [];
    const key = nodeSpanning(context.document, context.start, context.end);
    const object = key?.parent?.parent;
    if (key?.type !== "string" || key.value !== member || key.parent?.children?.[0] !== key || object?.type !== "object") return [];
    // Renaming onto a member the object already has would only make a duplicate key.
    const present = new Set(members(object).map((m) => m.key.value as string));
    const suggestions = leading(
      nearest(
        member,
        known.filter((name) => !present.has(name)),
      ),
      suggestion,
    );
    return suggestions.map((s, i) =>
      quickFixAction(
        context,
        `Change to '${s.name}'`,
        [{ start: key.offset + 1, end: key.offset + key.length - 1, newText: stringContent(s.name) }],
        isObvious(suggestions, i),
      ),
    );
  },
};
