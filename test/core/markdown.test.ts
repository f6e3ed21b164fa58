import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheVerdictHover, escapeMarkdown, inlineCode, type CacheVerdict } from "../../core/src";
import { HOSTILE, renderMarkdown, textOf } from "../helpers/markdown";

/** Rendered HTML that adds nothing but paragraphs, line breaks, code spans and the text's own strong markers. */
function assertLiteral(html: string, allowed: RegExp = /^<\/?(p|br|code|strong|ul|li)\s*\/?>$/): void {
  for (const tag of html.match(/<[^>]*>/g) ?? []) assert.match(tag, allowed, `unexpected markup ${tag} in ${html}`);
}

test("escapeMarkdown: hostile text renders as exactly that text, with no link, image, HTML or emphasis", () => {
  const html = renderMarkdown(escapeMarkdown(HOSTILE));
  assertLiteral(html);
  assert.equal(textOf(html).trim(), HOSTILE);
});

test("inlineCode: a code span of the literal text whatever backticks it holds; line breaks cannot end it", () => {
  for (const value of ["plain", "a`b", "``double``", "`edge`", "x\n\n[link](command:evil)\n\n<img src=x>"]) {
    const html = renderMarkdown(`Value ${inlineCode(value)} here`);
    assertLiteral(html);
    assert.equal(html.match(/<code>/g)?.length, 1, html);
    assert.equal(textOf(html.match(/<code>(.*)<\/code>/s)![1]).trim(), value.replace(/\n/g, " ").trim());
  }
  assert.equal(inlineCode(""), "(empty)");
});

test("cache hover: step names, step types, execution ids and paths from execution data render as literal text", () => {
  const base = { step: "Train", expiry: { words: "1 day" }, perRunReads: [], upstream: [], nonKeyChanges: [] } as unknown as CacheVerdict;
  const hostileId = "exec`1[x](command:evil)";
  const hit = {
    ...base,
    kind: "hit",
    run: {
      executionArn: `arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/${hostileId}`,
      executionId: hostileId,
      label: `${hostileId}_*display*`,
      ranAt: "2024-01-01T00:00:00Z",
      ageMs: 1000,
    },
    upstream: [{ step: "Prep*<img src=x>*", paths: ["Inputs[0]_[y](command:z)"], state: { kind: "runs-again", verdict: "miss" } }],
  } as unknown as CacheVerdict;
  const na = { ...base, kind: "n/a", stepType: "[Evil](command:run)" } as unknown as CacheVerdict;
  for (const verdict of [hit, na]) {
    const html = renderMarkdown(cacheVerdictHover(verdict));
    assertLiteral(html);
    assert.doesNotMatch(html, /<a |<img|<em>/);
  }
  const hitText = textOf(renderMarkdown(cacheVerdictHover(hit)));
  assert.ok(hitText.includes(`${hostileId}_*display*`), hitText);
  assert.ok(hitText.includes("Prep*<img src=x>*"), hitText);
  assert.ok(textOf(renderMarkdown(cacheVerdictHover(na))).includes("[Evil](command:run) steps are never cached"));
});
