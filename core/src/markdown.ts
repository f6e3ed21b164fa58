/**
 * The one place that turns text into Markdown: everything written by someone else (names, values, paths from a
 * definition; FailureReason, ids, logs from an execution) goes through `escapeMarkdown` or `inlineCode` before it
 * is shown as Markdown, so that it reads as the literal text and cannot add links (`command:` ones included),
 * images, HTML or formatting.
 */

/**
 * Prose as literal text: the characters that open Markdown syntax are backslash-escaped (CommonMark), and so are the
 * ones that start a block at a line's start. `(`, `)` and
 * `!` are left as they are: they make a link or an image only after a `[`, which is escaped; so is `&` (an entity
 * is only a character, never markup).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_{}[\]<>#|~]/g, (ch) => `\\${ch}`)
      // At a line's start, a list item, an ordered list item or a setext underline ("---" makes the line above a heading).
      .replace(/^([ \t]*)([-+=])/gm, "$1\\$2")
      .replace(/^([ \t]*\d+)([.)])/gm, "$1\\$2")
  );
}

/**
 * A code span of `text`, fenced with more backticks than any run inside it (padded when it starts or ends with one).
 * Line breaks become spaces: a blank line would end the span and let the rest be read as Markdown.
 */
export function inlineCode(text: string): string {
  const line = text.replace(/\r\n|\r|\n/g, " ");
  if (line.length === 0) return "(empty)";
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}
