/**
 * The strict JSON parser builds exactly jsonc-parser's tree (same nodes, offsets, values, parents, member order) for
 * every text it accepts, and accepts every real definition; anything else is left to jsonc-parser.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTree, type Node, type ParseError } from "jsonc-parser";
import { moveTree, parseStrictJsonTree } from "../../core/src/strict-json-tree";
import { generatePipelineText } from "../helpers/generate-pipeline";
import { seeded } from "../robustness/exercise";

const fixtures = join(import.meta.dirname, "../fixtures");
const definitions = ["corpus", "sdk/v2", "sdk/v3"].flatMap((dir) =>
  readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(fixtures, dir, f), "utf8") })),
);

function jsonc(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, errors };
}

/** Throws at the first difference: what a node says (type, offsets, length, value, colon), its children and parent links. */
function assertSameTree(actual: Node, expected: Node, path = "$"): void {
  for (const key of ["type", "offset", "length", "colonOffset"] as const) assert.equal(actual[key], expected[key], `${path}: ${key}`);
  assert.ok(Object.is(actual.value, expected.value), `${path}: value ${String(actual.value)} ≠ ${String(expected.value)}`);
  assert.equal(actual.children?.length, expected.children?.length, `${path}: children`);
  actual.children?.forEach((child, i) => {
    assert.equal(child.parent, actual, `${path}[${i}]: parent`);
    assertSameTree(child, expected.children![i], `${path}[${i}]`);
  });
}

function assertAgrees(text: string, label: string): Node | undefined {
  const strict = parseStrictJsonTree(text, 1000);
  if (strict) {
    const { root, errors } = jsonc(text);
    assert.deepEqual(errors, [], `${label}: accepted a text jsonc-parser reports errors in`);
    assertSameTree(strict, root!);
  }
  return strict;
}

test("every corpus and SDK definition and a generated 300-step pipeline: accepted, with jsonc-parser's tree", () => {
  assert.ok(definitions.length > 30);
  for (const { name, text } of [...definitions, { name: "generated", text: generatePipelineText(300) }]) {
    assert.ok(assertAgrees(text, name), `${name} was not accepted`);
  }
});

test("strings, escapes, numbers, literals and empty containers: the same values as jsonc-parser", () => {
  const accepted = [
    '{"a\\"b": "x\\\\y\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00", "é": "😀"}',
    "[0, -0, 1, -12, 0.5, 1e5, 1E+5, 2e-3, -1.25E-2, 123456789012345678901234567890]",
    '{"t": true, "f": false, "n": null, "o": {}, "a": [], "nested": [[{}], {"x": [1]}]}',
    ' \t\r\n {"a" : 1 , "b":[ 1 ,2 ] } \n',
    '"just a string"',
    "42",
    '{"dup": 1, "dup": 2}',
    '{"lone": "\\udc00"}',
  ];
  for (const text of accepted) assert.ok(assertAgrees(text, text), `not accepted: ${text}`);
});

test("anything but strict JSON is left to jsonc-parser", () => {
  const refused = [
    "",
    "   ",
    '{"a": 1,}',
    "[1,]",
    '{"a": 1} // comment',
    "/* c */ {}",
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": .5}',
    '{"a": 1e}',
    '{"a": -}',
    '{"a": +1}',
    '{"a": tru}',
    '{"a": truex}',
    '{"a": "\\x"}',
    '{"a": "\\u12g4"}',
    '{"a": "line\nbreak"}',
    '{"a": "tab\there"}',
    '{"a": "unterminated}',
    "{'a': 1}",
    '{"a": True}',
    '{"a" 1}',
    '{"a": 1 "b": 2}',
    "{a: 1}",
    "\uFEFF{}",
    '{"a":\u00a01}',
    "{} {}",
    '{"a": {{name}}}',
    "[",
    "{",
    '{"a": [1, 2}',
  ];
  for (const text of refused) assert.equal(parseStrictJsonTree(text, 1000), undefined, `accepted: ${JSON.stringify(text)}`);
});

test("nesting: at most the limit, deeper is left to the caller", () => {
  const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
  assert.ok(assertAgrees(nested(5), "5 levels"));
  assert.ok(parseStrictJsonTree(nested(1000), 1000));
  assert.equal(parseStrictJsonTree(nested(1001), 1000), undefined);
  assert.equal(parseStrictJsonTree('{"a":' + nested(3) + "}", 3), undefined);
});

test("random edits of real definitions: whatever the strict parser accepts, jsonc-parser reads the same way", () => {
  const pieces = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "1", "-", ".", "e", "0", "t", "\u00a0", "/", "é", "\\u"];
  const next = seeded(18);
  let accepted = 0;
  const sources = definitions.filter((d) => d.text.length < 40_000);
  for (let i = 0; i < 3000; i++) {
    const { name, text } = sources[Math.floor(next() * sources.length)];
    const at = Math.floor(next() * text.length);
    const removed = Math.floor(next() * 3);
    const inserted = next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : "";
    const edited = text.slice(0, at) + inserted + text.slice(at + removed);
    if (assertAgrees(edited, `${name} edit ${i} at ${at}: -${removed} +${JSON.stringify(inserted)}`)) accepted++;
  }
  // Both kinds are exercised: edits that keep the text JSON and edits that break it.
  assert.ok(accepted > 300 && accepted < 2900, `${accepted} of 3000 accepted`);
});

test("a step moves alone: moveTree of an element of the root's Steps moves every node inside it, and nothing else", () => {
  const text = generatePipelineText(20);
  const root = parseStrictJsonTree(text, 1000)!;
  const steps = root.children!.find((p) => p.children![0].value === "Steps")!.children![1];
  const [first, second] = steps.children!;
  const offsets = (node: Node): number[] => [node.offset, node.colonOffset ?? -1, ...(node.children ?? []).flatMap(offsets)];
  const before = offsets(second);
  const firstBefore = offsets(first);
  moveTree(second, 7);
  assert.deepEqual(
    offsets(second),
    before.map((o) => (o === -1 ? -1 : o + 7)),
  );
  assert.deepEqual(offsets(first), firstBefore);
  // An element parsed alone as an anchor (to be spliced in) moves the same way.
  const slice = text.slice(second.offset - 7, second.offset - 7 + second.length);
  const alone = parseStrictJsonTree(slice, 1000, { anchorRoot: true })!;
  assertSameTree(alone, jsonc(slice).root!);
  moveTree(alone, second.offset);
  assert.deepEqual(offsets(alone), offsets(second));
});
