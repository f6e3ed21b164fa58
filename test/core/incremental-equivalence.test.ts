/**
 * The incremental analysis gives exactly the diagnostics of an analysis from scratch: random edits (inside strings,
 * to names and step types, syntax breaks and repairs, whole steps copied and removed) applied to every corpus and SDK
 * fixture, compared after each edit. The edits reach the analyzer with their exact region or without one (diffed).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTree, type Node, type ParseError } from "jsonc-parser";
import { analyze } from "../../core/src/analyze";
import { IncrementalAnalyzer } from "../../core/src/incremental/analyzer";
import type { TextChange } from "../../core/src/incremental/text-change";
import { LineIndex } from "../../core/src/text";

const fixtures = join(import.meta.dirname, "../fixtures");
const files = [
  ...readdirSync(join(fixtures, "corpus")).map((f) => join(fixtures, "corpus", f)),
  ...readdirSync(join(fixtures, "sdk/v2")).map((f) => join(fixtures, "sdk/v2", f)),
  ...readdirSync(join(fixtures, "sdk/v3")).map((f) => join(fixtures, "sdk/v3", f)),
].filter((f) => f.endsWith(".json"));

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const STEP_TYPES = ["Processing", "Training", "Condition", "Fail", "Lambda", "Trainin", "Model"];
const CHARACTERS = ["a", "Z", "1", " ", '"', "{", "}", "[", "]", ",", ":", "\n", "\\", "é", "\r\n"];

function stringNodes(root: Node | undefined): Node[] {
  const found: Node[] = [];
  const visit = (node: Node) => {
    if (node.type === "string") found.push(node);
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return found;
}

function randomEdit(text: string, next: () => number): Edit {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const root = parseTree(text);
  const steps = root?.type === "object" ? root.children?.find((p) => p.children?.[0]?.value === "Steps")?.children?.[1] : undefined;
  const kind = next();
  const strings = stringNodes(next() < 0.8 ? steps : root);
  if (kind < 0.45 && strings.length > 0) {
    // Typing inside a string of a step (a value, a name, a reference): the text stays valid.
    const node = pick(strings);
    const at = node.offset + 1 + Math.floor(next() * (node.length - 1));
    return next() < 0.7 || node.length <= 2 ? { start: at, end: at, text: pick(["x", "1", "_", ".", "Steps."]) } : { start: at - 1, end: at, text: "" };
  }
  if (kind < 0.55) {
    const types = [...text.matchAll(/"Type":\s*"([A-Za-z]+)"/g)];
    if (types.length > 0) {
      const match = pick(types);
      const start = match.index! + match[0].lastIndexOf(match[1]);
      return { start, end: start + match[1].length, text: pick(STEP_TYPES) };
    }
  }
  if (kind < 0.65 && steps?.children?.length) {
    // A whole step copied after itself, or removed.
    const step = pick(steps.children);
    const source = text.slice(step.offset, step.offset + step.length);
    if (next() < 0.5) return { start: step.offset + step.length, end: step.offset + step.length, text: `,${source.replace(/"Name":\s*"/, '"Name": "Copy')}` };
    const next_ = steps.children[steps.children.indexOf(step) + 1];
    return { start: step.offset, end: next_ ? next_.offset : step.offset + step.length, text: "" };
  }
  if (kind < 0.85) {
    const at = Math.floor(next() * (text.length + 1));
    return { start: at, end: at, text: pick(CHARACTERS) };
  }
  const at = Math.floor(next() * text.length);
  return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 4)), text: "" };
}

/** The edit from `text` back to `previous`: its changed region only, as an editor's undo sends it. */
function undo(previous: string, text: string): Edit {
  let start = 0;
  while (start < previous.length && start < text.length && previous[start] === text[start]) start++;
  let end = 0;
  while (end < previous.length - start && end < text.length - start && previous[previous.length - 1 - end] === text[text.length - 1 - end]) end++;
  return { start, end: text.length - end, text: previous.slice(start, previous.length - end) };
}

function summary(model: ReturnType<typeof analyze>["model"]) {
  if (!model) return undefined;
  return {
    steps: model.steps.map((s) => [s.name, s.type, s.node.offset, s.node.length, s.condition?.name, s.branch, s.forEach?.name, s.dependsOn.map((d) => d.name)]),
    references: model.references.map((r) => [r.text, r.node.offset, r.owner?.name, r.isPropertyFile]),
    parameters: model.parameters.map((p) => [p.name, p.type, p.node.offset]),
    // In order: the order of first occurrence is what suggestions and the graph read.
    stepsByName: [...model.stepsByName].map(([name, step]) => [name, step.node.offset]),
    parametersByName: [...model.parametersByName].map(([name, parameter]) => [name, parameter.node.offset]),
  };
}

const totals = { edits: 0, spliced: 0 };

/** The SDK writes `Steps` last: the variant with `Steps` first has members after the steps, which an edit moves. */
function stepsFirst(text: string): string {
  const { Steps, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ Steps, ...rest }, null, 1);
}

const cases = [
  ...files.map((file) => ({ name: file.slice(fixtures.length + 1), text: () => readFileSync(file, "utf8") })),
  ...files
    .filter((file) => file.includes("/sdk/v2/"))
    .map((file) => ({ name: `${file.slice(fixtures.length + 1)} (Steps first)`, text: () => stepsFirst(readFileSync(file, "utf8")) })),
];

for (const { name, text: read } of cases) {
  test(`incremental analysis equals a full analysis after random edits: ${name}`, () => {
    const next = random(name.length * 7919 + name.charCodeAt(name.length - 6));
    const original = read();
    let text = original;
    const analyzer = new IncrementalAnalyzer();
    analyzer.update(text);
    let lines = new LineIndex(text);
    let lastValid = text;
    let spliced = 0;
    for (let i = 0; i < 40; i++) {
      // Mostly back to the last valid version after an edit that broke the syntax, as a user repairs a typo.
      const broken: ParseError[] = [];
      parseTree(text, broken);
      if (broken.length === 0) lastValid = text;
      const edit = broken.length > 0 && next() < 0.7 ? undo(lastValid, text) : randomEdit(text, next);
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      const change: TextChange | undefined = next() < 0.5 ? { start: edit.start, end: edit.end, newEnd: edit.start + edit.text.length } : undefined;
      const parsed = analyzer.update(text, change);
      assert.equal(parsed.text, text);
      const incremental = analyzer.analyze();
      const full = analyze(text);
      const where = `after edit ${i} ${JSON.stringify(edit).slice(0, 200)}`;
      assert.deepEqual(incremental.diagnostics, full.diagnostics, where);
      assert.deepEqual(summary(incremental.model), summary(full.model), where);
      assert.deepEqual(incremental.document.syntaxProblems, full.document.syntaxProblems, where);
      lines = lines.edited(text, change ?? { start: edit.start, end: edit.end, newEnd: edit.start + edit.text.length });
      const fresh = new LineIndex(text);
      for (const offset of [0, edit.start, edit.start + edit.text.length, Math.floor(text.length / 2), text.length]) {
        assert.deepEqual(lines.positionAt(offset), fresh.positionAt(offset), `${where}: position of ${offset}`);
      }
      if (analyzer.work.fullParses === 0) spliced++;
    }
    totals.edits += 40;
    totals.spliced += spliced;
  });
}

test("the random edits above mostly took the incremental path (else the comparison would prove little)", () => {
  assert.equal(totals.edits, cases.length * 40);
  assert.ok(totals.spliced >= totals.edits / 3, `only ${totals.spliced} of ${totals.edits} edits were incremental`);
});
