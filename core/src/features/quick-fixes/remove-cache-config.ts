import { memberValue } from "../../json";
import { nodeSpanning, quickFixAction, type OffsetEdit, type QuickFix } from "./quick-fix";

/**
 * A CacheConfig on a step type that is never cached: removes the whole member with the comma and
 * whitespace that separated it, so the object stays valid and keeps its layout.
 */
export const removeCacheConfig: QuickFix = {
  codes: ["cache-unsupported-step-type"],
  provide(context) {
    const node = nodeSpanning(context.document, context.start, context.end);
    // The diagnostic is on the member's key (or, keyless, on the value).
    const property = node?.parent?.type === "property" ? node.parent : undefined;
    const object = property?.parent;
    if (!property || object?.type !== "object" || property.children?.[0]?.value !== "CacheConfig") return [];
    const siblings = object.children ?? [];
    const index = siblings.indexOf(property);
    const end = property.offset + property.length;
    let edit: OffsetEdit;
    if (index > 0) {
      // From the end of the previous member: its comma goes with this member.
      const previous = siblings[index - 1];
      edit = { start: previous.offset + previous.length, end, newText: "" };
    } else if (siblings.length > 1) {
      // The first member: up to the next one, taking this member's comma.
      edit = { start: property.offset, end: siblings[1].offset, newText: "" };
    } else {
      edit = { start: object.offset + 1, end: object.offset + object.length - 1, newText: "" };
    }
    const type = memberValue(object, "Type")?.value;
    const title = typeof type === "string" ? `Remove CacheConfig (${type} steps are not cached)` : "Remove CacheConfig";
    return [quickFixAction(context, title, [edit], true)];
  },
};
