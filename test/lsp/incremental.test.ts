/**
 * The server parses each version from the previous one (only the edited step again) and runs the rules after
 * answering requests. Over a real LSP client on stdio: the diagnostics after incremental edits equal those of the
 * same text opened fresh; requests answer before a long validation ends; outdated versions are never published;
 * a definition over 1,048,576 characters gets the size error and the light mode.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LineIndex } from "../../core/src";
import { generatePipelineText } from "../helpers/generate-pipeline";
import { LspClient } from "../helpers/lsp";

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const corpus = join(import.meta.dirname, "../fixtures/corpus");

/** The edit replacing `[start, end)` of `text`, as an LSP range change, and the text it makes. */
function replace(text: string, start: number, end: number, insert: string) {
  const lines = new LineIndex(text);
  return { change: { range: lines.rangeOf(start, end), text: insert }, text: text.slice(0, start) + insert + text.slice(end) };
}

const strip = (diagnostics: Array<{ code?: unknown; message: unknown; range: unknown; severity?: unknown }>) =>
  diagnostics.map(({ code, message, range, severity }) => ({ code, message, range, severity }));

test("LSP: after incremental edits (one or several changes per version) the diagnostics equal a fresh open of the same text", async () => {
  let text = readFileSync(join(corpus, "aws-examples_model-monitor-clarify-check-steps.json"), "utf8");
  const uri = await client.open(text);
  await client.diagnostics(uri, (p) => p.version === 1);
  const stepName = /"Name":\s*"([^"]+)"/.exec(text.slice(text.indexOf('"Steps"')))![1];
  // Rename the first step (its references become unknown), type in an S3 URI, and two changes in one version.
  const at = text.indexOf(`"${stepName}"`, text.indexOf('"Steps"')) + 1;
  const first = replace(text, at, at, "X");
  text = first.text;
  await client.edit(uri, [first.change]);
  const s3 = text.indexOf("s3://", text.indexOf('"Steps"')) + 5;
  const second = replace(text, s3, s3 + 1, "zz");
  text = second.text;
  await client.edit(uri, [second.change]);
  const a = replace(text, s3, s3 + 2, "");
  const b = replace(a.text, at, at + 1, "Y");
  text = b.text;
  const version = await client.edit(uri, [a.change, b.change]);
  const incremental = await client.diagnostics(uri, (p) => p.version === version);
  const fresh = await client.open(text);
  const full = await client.diagnostics(fresh, (p) => p.version === 1);
  assert.ok(
    incremental.diagnostics.some((d) => d.code === "reference-unknown-step"),
    "the renamed step's references are reported",
  );
  assert.deepEqual(strip(incremental.diagnostics), strip(full.diagnostics));
});

test("LSP: a hover right after an edit answers before that version's validation ends; outdated versions are never published", async () => {
  let text = generatePipelineText(600);
  const uri = await client.open(text);
  await client.diagnostics(uri, (p) => p.version === 1, 60_000);
  const stepName = /"Name":\s*"([^"]+)"/.exec(text.slice(text.indexOf('"Steps"')))![1];
  const target = text.indexOf("s3://", text.indexOf('"Steps"')) + 5;
  // Five edits in one burst, as fast typing sends them, then a hover. They are written to the server's stdin in one
  // write: sent one by one, the first could be read, analysed (about a millisecond now) and published before the next
  // reached the server on a loaded machine, and it would then have been the latest version.
  const burst: Array<Array<ReturnType<typeof replace>["change"]>> = [];
  for (const letter of "abcde") {
    const edit = replace(text, target, target, letter);
    text = edit.text;
    burst.push([edit.change]);
  }
  // The last one, a space between the root's members, is outside every step: the whole document is analysed again
  // (in slices), so the hover comes while that validation runs, however fast the edits' own validations are.
  const root = text.indexOf('"Steps"');
  const space = replace(text, root, root, " ");
  text = space.text;
  burst.push([space.change]);
  const version = (await client.editInOneWrite(uri, burst)).at(-1)!;
  const position = new LineIndex(text).positionAt(text.indexOf(`"${stepName}"`) + 2);
  const hover = client.request<{ contents: unknown } | null>("textDocument/hover", { textDocument: { uri }, position });
  const answered = await hover;
  const publishedBeforeAnswer = client.publishedFor(uri).filter((p) => p.version === version).length;
  assert.ok(answered?.contents, "the hover answers from the latest parse");
  assert.equal(publishedBeforeAnswer, 0, "the hover did not wait for the validation of the version it answered for");
  await client.diagnostics(uri, (p) => p.version === version, 60_000);
  // The edits came together: each validation gave way to the next version, and only the latest was published.
  assert.deepEqual(
    client.publishedFor(uri).map((p) => p.version),
    [],
    "no diagnostics of an outdated version",
  );
});

test("LSP: a definition over 1,048,576 characters gets definition-too-large and the light mode (syntax and references only)", async () => {
  // 1,000 generated steps are about 1.4 MB; a reference to an unknown step is reported, a schema error is not.
  const base = generatePipelineText(1_000);
  assert.ok(base.length > 1_048_576);
  const at = base.indexOf('"Type": "Processing"');
  const text = `${base.slice(0, at)}"Bogus": 1, "DependsOn": ["NoSuchStep"], ${base.slice(at)}`;
  const uri = await client.open(text);
  const { diagnostics } = await client.diagnostics(uri, (p) => p.version === 1, 60_000);
  const codes = new Set(diagnostics.map((d) => d.code));
  assert.ok(codes.has("definition-too-large"));
  const tooLarge = diagnostics.find((d) => d.code === "definition-too-large");
  assert.equal(tooLarge?.severity, 1);
  assert.match(String(tooLarge?.message), /light mode/);
  assert.ok(codes.has("depends-on-unknown-step"));
  assert.ok(!codes.has("schema"), "the schema is not checked in light mode");
  // The same text under the limit's rules (the CLI's analysis) does report the unknown member.
  const { analyze } = await import("../../core/src");
  assert.ok(analyze(text).diagnostics.some((d) => d.code === "schema"));
});
