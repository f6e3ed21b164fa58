/**
 * JSON snippets written as JavaScript values. `tab(n, text)` inside a string is a tab stop with
 * default text; `rawTab(n, value)` stands for a whole non-string value (a number, `true`); `choice`
 * offers fixed strings. `jsonSnippet` prints the value as JSON and turns the markers into snippet syntax.
 */
import { escapeSnippet, escapeSnippetText } from "./items";

const TAB = "\u0001";
const RAW = "\u0002";

export function tab(n: number, text: string): string {
  return `${TAB}${n}:${text}${TAB}`;
}

export function rawTab(n: number, value: number | boolean): string {
  return `${RAW}${n}:${JSON.stringify(value)}${RAW}`;
}

export function choice(n: number, options: string[]): string {
  return `${TAB}${n}|${options.join(",")}${TAB}`;
}

const MARKERS = /"\\u0002(\d+):(.*?)\\u0002"|\\u0001(\d+)([:|])(.*?)\\u0001/g;

/** JSON text of `value` as a snippet. `indent` is one level of indentation; "" prints on one line. */
export function jsonSnippet(value: unknown, indent = ""): string {
  const json = indent ? JSON.stringify(value, null, indent) : inline(value);
  let out = "";
  let last = 0;
  for (const m of json.matchAll(MARKERS)) {
    out += escapeSnippetText(json.slice(last, m.index));
    if (m[1] !== undefined) out += `\${${m[1]}:${escapeSnippet(m[2])}}`;
    else if (m[4] === ":") out += `\${${m[3]}:${escapeSnippet(m[5])}}`;
    else out += `\${${m[3]}|${m[5]}|}`; // options are plain words
    last = m.index! + m[0].length;
  }
  return out + escapeSnippetText(json.slice(last));
}

/** Compact one-line JSON with a space after `:` and `,`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value);
}
