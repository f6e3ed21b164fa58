import { createRequire } from "node:module";

/** A CommonMark renderer (markdown-it, with raw HTML on, the strictest reading) to check what escaped text becomes. */
const MarkdownIt = createRequire(import.meta.url)("markdown-it") as new (options: object) => { render(source: string): string };
const renderer = new MarkdownIt({ html: true, linkify: true });

export function renderMarkdown(source: string): string {
  return renderer.render(source);
}

/** The text of rendered HTML: tags dropped, the entities markdown-it writes decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/**
 * Hostile execution data: a command link, an image, HTML, emphasis, backticks, a heading, a link definition, an
 * autolink. (A bare https URL is still linked by renderers that linkify: that is no command link, and not escaped.)
 */
export const HOSTILE = [
  "[click](command:workbench.action.terminal.new)",
  "<img src=x onerror=alert(1)>",
  "*bold* and __strong__",
  "``code`` and `tick",
  "# heading",
  "[ref]: command:evil",
  "<command:autolink>",
].join(" ");
