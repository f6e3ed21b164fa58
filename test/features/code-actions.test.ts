import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeAction, Diagnostic, Position, TextEdit } from "vscode-languageserver-protocol";
import { InProcessClient } from "../helpers/in-process";

/**
 * Golden tests of the quick fixes, end to end: open `<name>.before.json` in the real server, take the
 * published diagnostic, ask for code actions with it in the context (as an editor does), apply the
 * chosen action's edits and compare with `<name>.after.json` byte for byte; then open the result and
 * check the diagnostic is gone and nothing new appeared.
 */
const FIXTURES = join(import.meta.dirname, "../fixtures/quickfix");

interface GoldenCase {
  name: string;
  code: string;
  title: string;
  /** The other reading of an ambiguous value is offered, not preferred. */
  notPreferred?: true;
}

const GOLDEN: GoldenCase[] = [
  { name: "properties-segment", code: "reference-properties-segment", title: "Remove '.Properties'" },
  { name: "unknown-step-reference", code: "reference-unknown-step", title: "Change to 'Preprocess'" },
  { name: "unknown-parameter", code: "reference-unknown-parameter", title: "Change to 'InputData'" },
  { name: "depends-on-unknown-step", code: "depends-on-unknown-step", title: "Change to 'Evaluate'" },
  { name: "expire-after-noncanonical", code: "cache-expire-after-noncanonical", title: "Change to 'P30D'" },
  { name: "expire-after-missing-multiline", code: "cache-expire-after-missing", title: `Add "ExpireAfter": "P30D"` },
  { name: "expire-after-missing-inline", code: "cache-expire-after-missing", title: `Add "ExpireAfter": "P30D"` },
  { name: "expire-after-words", code: "cache-expire-after-invalid", title: "Change to 'PT12H'" },
  { name: "expire-after-ambiguous-minutes", code: "cache-expire-after-ambiguous", title: "Change to 'PT30M' (30 minutes)" },
  { name: "expire-after-ambiguous-months", code: "cache-expire-after-ambiguous", title: "Change to 'P900D' (30 months of 30 days)", notPreferred: true },
  { name: "expire-after-words-combined", code: "cache-expire-after-invalid", title: "Change to 'P30DT5H'" },
  { name: "cache-unsupported-last", code: "cache-unsupported-step-type", title: "Remove CacheConfig (Fail steps are not cached)" },
  { name: "cache-unsupported-middle", code: "cache-unsupported-step-type", title: "Remove CacheConfig (Fail steps are not cached)" },
  { name: "cache-unsupported-inline-first", code: "cache-unsupported-step-type", title: "Remove CacheConfig (Fail steps are not cached)" },
  { name: "unknown-argument", code: "unknown-argument", title: "Change to 'VolumeSizeInGB'" },
  { name: "schema-enum", code: "schema", title: "Change to 'FullyReplicated'" },
  { name: "schema-unknown-member", code: "schema", title: "Change to 'Enabled'" },
];

let client: InProcessClient;
before(async () => (client = await InProcessClient.start()));
after(async () => client.stop());

function fixture(file: string): string {
  return readFileSync(join(FIXTURES, file), "utf8");
}

/** Offset of an LSP position (UTF-16 code units; \n, \r\n and \r end lines). Independent of the core's LineIndex. */
function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line) {
    const next = text.slice(offset).search(/\r\n|\n|\r/);
    if (next < 0) return text.length;
    offset += next + (text.startsWith("\r\n", offset + next) ? 2 : 1);
    line++;
  }
  return Math.min(offset + position.character, text.length);
}

/** Applies a TextEdit[] as an editor does: all ranges refer to the original text; edits must not overlap. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  let limit = text.length;
  for (const span of spans) {
    assert.ok(span.start <= span.end && span.end <= limit, "edits overlap or are reversed");
    result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    limit = span.start;
  }
  return result;
}

async function openAndDiagnose(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = await client.open(text);
  const { diagnostics } = await client.diagnostics(uri);
  return { uri, diagnostics };
}

function codeActionsFor(uri: string, diagnostics: Diagnostic[], range = diagnostics[0].range): Promise<CodeAction[]> {
  return client.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range,
    context: { diagnostics, triggerKind: 1 },
  });
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  assert.ok(action.edit?.changes, `${action.title}: a WorkspaceEdit with changes`);
  assert.deepEqual(Object.keys(action.edit.changes), [uri]);
  return action.edit.changes[uri];
}

test("quick fixes: every fixture pair has a golden case", () => {
  const names = new Set(readdirSync(FIXTURES).map((f) => f.replace(/\.(before|after)\.json$/, "")));
  assert.deepEqual([...names].sort(), GOLDEN.map((c) => c.name).sort());
});

for (const { name, code, title, notPreferred } of GOLDEN) {
  test(`quick fix ${code}: ${name}`, async () => {
    const text = fixture(`${name}.before.json`);
    const expected = fixture(`${name}.after.json`);
    const { uri, diagnostics } = await openAndDiagnose(text);
    const targets = diagnostics.filter((d) => d.code === code);
    assert.equal(targets.length, 1, `one ${code} diagnostic in ${name}: ${JSON.stringify(diagnostics)}`);
    const [diagnostic] = targets;

    const actions = await codeActionsFor(uri, [diagnostic]);
    const action = actions.find((a) => a.title === title);
    assert.ok(action, `an action titled ${JSON.stringify(title)}; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.kind, "quickfix");
    assert.deepEqual(action.diagnostics, [diagnostic]);
    assert.equal(action.isPreferred, notPreferred ? undefined : true);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1, "one preferred action");

    const fixed = applyEdits(text, editsOf(action, uri));
    assert.equal(fixed, expected);
    await client.close(uri);

    const result = await openAndDiagnose(fixed);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.code === code),
      [],
      `no ${code} after the fix`,
    );
    const codesBefore = new Set(diagnostics.map((d) => d.code));
    assert.deepEqual(
      result.diagnostics.filter((d) => !codesBefore.has(d.code)),
      [],
      "the fix introduces no new problem",
    );
    await client.close(result.uri);
  });
}

const FAIL = (name: string, extra = "") => `{"Name": "${name}", "Type": "Fail", "Arguments": {"ErrorMessage": "stop"}${extra}}`;
const pipeline = (steps: string[], parameters = "[]") =>
  `{\n  "Version": "2020-12-01",\n  "Parameters": ${parameters},\n  "Steps": [\n    ${steps.join(",\n    ")}\n  ]\n}\n`;

test("unknown names: up to three suggestions, best first; the closest is preferred only when it stands out", async () => {
  const text = pipeline([
    FAIL("Preprocessing"),
    FAIL("Postprocess"),
    FAIL("Preprocessed"),
    FAIL("Preprocess"),
    FAIL("Preprocessor"),
    FAIL("Stop", `, "DependsOn": ["Preprocesss"]`),
  ]);
  const { uri, diagnostics } = await openAndDiagnose(text);
  const diagnostic = diagnostics.find((d) => d.code === "depends-on-unknown-step")!;
  const actions = await codeActionsFor(uri, [diagnostic]);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ["Change to 'Preprocess'", true],
      ["Change to 'Preprocessed'", false],
      ["Change to 'Preprocessor'", false],
    ],
  );
  // Each replaces just the name, inside the quotes.
  assert.deepEqual(
    editsOf(actions[1], uri).map((e) => e.newText),
    ["Preprocessed"],
  );
  assert.equal(applyEdits(text, editsOf(actions[1], uri)), text.replace(`["Preprocesss"]`, `["Preprocessed"]`));

  const tie = pipeline([FAIL("Prep1"), FAIL("Prep2"), FAIL("Prep3"), FAIL("Prep4"), FAIL("Stop", `, "DependsOn": ["Prep"]`)]);
  const opened = await openAndDiagnose(tie);
  const tied = await codeActionsFor(
    opened.uri,
    opened.diagnostics.filter((d) => d.code === "depends-on-unknown-step"),
  );
  assert.deepEqual(
    tied.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ["Change to 'Prep1'", false],
      ["Change to 'Prep2'", false],
      ["Change to 'Prep3'", false],
    ],
  );
});

test("unknown names: no close name, no bogus suggestion", async () => {
  const text = pipeline(
    [FAIL("Preprocess"), `{"Name": "Stop", "Type": "Fail", "DependsOn": ["Nope"], "Arguments": {"ErrorMessage": {"Get": "Parameters.Zzz"}}}`],
    `[{"Name": "InputData", "Type": "String"}]`,
  );
  const { uri, diagnostics } = await openAndDiagnose(text);
  const unknown = diagnostics.filter((d) => d.code === "depends-on-unknown-step" || d.code === "reference-unknown-parameter");
  assert.equal(unknown.length, 2);
  assert.deepEqual(await codeActionsFor(uri, unknown), []);
});

test("unknown names: a step is never offered its own name (that would depend on itself)", async () => {
  const text = pipeline([FAIL("Train"), FAIL("Check", `, "DependsOn": ["Chek"]`)]);
  const { uri, diagnostics } = await openAndDiagnose(text);
  const diagnostic = diagnostics.find((d) => d.code === "depends-on-unknown-step")!;
  assert.deepEqual(await codeActionsFor(uri, [diagnostic]), []);
});

test("ExpireAfter that is not a duration even in words gets no fix", async () => {
  const text = pipeline([`{"Name": "P", "Type": "Processing", "Arguments": {}, "CacheConfig": {"Enabled": true, "ExpireAfter": "soon"}}`]);
  const { uri, diagnostics } = await openAndDiagnose(text);
  const diagnostic = diagnostics.find((d) => d.code === "cache-expire-after-invalid")!;
  assert.equal(diagnostic.data, undefined);
  assert.deepEqual(await codeActionsFor(uri, [diagnostic]), []);
});

test("an unknown argument with no close name, and a missing member, get no fix", async () => {
  const text = fixture("unknown-argument.before.json").replace(`"VolumeSize": 30`, `"Zzzzzzzzzz": 30`);
  const { uri, diagnostics } = await openAndDiagnose(text);
  const relevant = diagnostics.filter((d) => d.code === "unknown-argument" || d.code === "schema");
  assert.equal(relevant.length, 2);
  assert.deepEqual(await codeActionsFor(uri, relevant), []);
});

test("diagnostics without a fix, of another source, or no longer in the text get no action", async () => {
  const text = fixture("depends-on-unknown-step.before.json");
  const { uri, diagnostics } = await openAndDiagnose(text);
  const diagnostic = diagnostics.find((d) => d.code === "depends-on-unknown-step")!;

  // Another tool's diagnostic with the same code.
  assert.deepEqual(await codeActionsFor(uri, [{ ...diagnostic, source: "json" }]), []);
  // A rule without quick fixes.
  assert.deepEqual(await codeActionsFor(uri, [{ ...diagnostic, code: "dependency-cycle" }]), []);

  // The user fixed it by hand; the editor still sends the old diagnostic.
  await client.change(uri, text.replace(`["Evaluat"]`, `["Evaluate"]`));
  assert.deepEqual(await codeActionsFor(uri, [diagnostic]), []);
  // The text moved under the diagnostic (a line inserted above): its range points elsewhere now.
  await client.change(uri, text.replace(`{\n  "Version"`, `{\n\n  "Version"`));
  assert.deepEqual(await codeActionsFor(uri, [diagnostic]), []);
});

test("several diagnostics in one request: each gets its own actions, tied to it", async () => {
  const text = fixture("expire-after-words.before.json").replace(`["Evaluate"]`, `["Evaluat"]`);
  const { uri, diagnostics } = await openAndDiagnose(text);
  const relevant = diagnostics.filter((d) => d.code === "cache-expire-after-invalid" || d.code === "depends-on-unknown-step");
  assert.equal(relevant.length, 2);
  const actions = await codeActionsFor(uri, relevant, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } });
  assert.deepEqual(
    actions.map((a) => [a.title, a.diagnostics?.map((d) => d.code)]),
    relevant.map((d) => [d.code === "depends-on-unknown-step" ? "Change to 'Evaluate'" : "Change to 'PT12H'", [d.code]]),
  );
});
