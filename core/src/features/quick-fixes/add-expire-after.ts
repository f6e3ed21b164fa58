import { memberValue, type Node } from "../../json";
import { nodeSpanning, quickFixAction, stringData, type QuickFix } from "./quick-fix";

/**
 * Caching enabled without a timeout: adds `"ExpireAfter": "P30D"` as the CacheConfig's last member,
 * written like its neighbours: on the same line in an inline object, on a new line with the same
 * indentation (and line ending) in a multi-line one.
 */
export const addExpireAfter: QuickFix = {
  codes: ["cache-expire-after-missing"],
  provide(context) {
    const { document } = context;
    const cacheConfig = cacheConfigAt(nodeSpanning(document, context.start, context.end));
    if (!cacheConfig || memberValue(cacheConfig, "ExpireAfter")) return [];
    const value = stringData(context.data, "insert") ?? "P30D";
    const text = document.text;
    const properties = cacheConfig.children ?? [];
    const last = properties[properties.length - 1];
    const member = (colon: string) => `"ExpireAfter"${colon}${JSON.stringify(value)}`;
    const title = `Add "ExpireAfter": ${JSON.stringify(value)}`;
    if (!last) {
      const at = cacheConfig.offset + 1;
      return [quickFixAction(context, title, [{ start: at, end: at, newText: member(": ") }], true)];
    }
    const colon = colonOf(text, last);
    const previous = properties[properties.length - 2];
    // What precedes the last member: the previous member's comma and spacing, or the opening brace's.
    const gap = text.slice(previous ? previous.offset + previous.length : cacheConfig.offset + 1, last.offset);
    const lineBreak = /\r\n|\n|\r/g;
    const breaks = [...gap.matchAll(lineBreak)];
    let separator: string;
    if (breaks.length > 0) {
      const lastBreak = breaks[breaks.length - 1];
      const indentation = gap.slice(lastBreak.index! + lastBreak[0].length);
      separator = `,${lastBreak[0]}${/^[ \t]*$/.test(indentation) ? indentation : ""}`;
    } else {
      separator = previous && /^\s*,\s*$/.test(gap) ? gap : ", ";
    }
    const at = last.offset + last.length;
    return [quickFixAction(context, title, [{ start: at, end: at, newText: separator + member(colon) }], true)];
  },
};

/** The CacheConfig object, from the diagnostic's node: its key, or the object itself. */
function cacheConfigAt(node: Node | undefined): Node | undefined {
  const value = node?.type === "string" && node.parent?.type === "property" && node.parent.children?.[0] === node ? node.parent.children[1] : node;
  return value?.type === "object" ? value : undefined;
}

/** The key/value separator a member is written with (`": "`, `":"`, `" : "`), kept on one line. */
function colonOf(text: string, property: Node): string {
  const [key, value] = property.children ?? [];
  if (!key || !value) return ": ";
  const colon = text.slice(key.offset + key.length, value.offset);
  return /^[ \t]*:[ \t]*$/.test(colon) ? colon : ": ";
}
