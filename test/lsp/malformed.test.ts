import { test } from "node:test";
import assert from "node:assert/strict";
import type { CodeAction, CodeLens, Hover } from "vscode-languageserver-protocol";
import { LineIndex } from "../../core/src";
import { LintRequest, SetCacheContextNotification, SetReferenceNotification, StepsInRangesRequest } from "../../protocol/src";
import { generatePipelineText } from "../helpers/generate-pipeline";
import { LspClient } from "../helpers/lsp";

const TEXT = generatePipelineText(15);
const lines = new LineIndex(TEXT);
const positionOf = (needle: string) => lines.positionAt(TEXT.indexOf(needle) + 2);
const PREP = positionOf('"Prep0"');

/** A past execution as the client sends it (what the cache code reads). */
const execution = (steps: unknown = { Prep0: { status: "Succeeded", startTime: "2024-01-01T00:00:00Z", endTime: "2024-01-01T00:05:00Z" } }) => ({
  executionArn: "arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/1",
  status: "Succeeded",
  startTime: "2024-01-01T00:00:00Z",
  definition: TEXT,
  parameters: {},
  steps,
});

/** Waits until the server has logged `count` warnings (notifications are not answered, so a request follows them). */
async function warningsAfter(lsp: LspClient, uri: string, before: number): Promise<string[]> {
  await lsp.request("textDocument/documentSymbol", { textDocument: { uri } });
  return lsp.warnings.slice(before);
}

test("malformed setCacheContext and setReference are logged as warnings and ignored; hover and code lens keep working", { timeout: 60_000 }, async (t) => {
  const lsp = await LspClient.start();
  t.after(() => lsp.stop()); // fails the test on any internal error the server logged
  const uri = await lsp.open(TEXT);
  await lsp.diagnostics(uri);
  await lsp.connection.sendNotification(SetCacheContextNotification.method, { uri, executions: [execution()], parameters: {} });
  const good = (await lsp.request<Hover>("textDocument/hover", { textDocument: { uri }, position: PREP })) as Hover;
  assert.ok(good, "a hover with a well-formed context");

  const malformed: unknown[] = [
    null,
    { uri },
    { uri, executions: "none", parameters: {} },
    { uri, executions: [execution({ Prep0: { status: 3 } })], parameters: {} },
    { uri, executions: [execution(null)], parameters: {} },
    { uri, executions: [{ ...execution(), definition: undefined }], parameters: {} },
    { uri, executions: [execution()], parameters: { InstanceType: 4 } },
    { uri, executions: [execution()], parameters: [] },
  ];
  for (const params of malformed) {
    const before = lsp.warnings.length;
    await lsp.connection.sendNotification(SetCacheContextNotification.method, params);
    const warnings = await warningsAfter(lsp, uri, before);
    assert.equal(warnings.length, 1, `one warning for ${JSON.stringify(params)?.slice(0, 80)}`);
    assert.match(warnings[0], /^Ignored a malformed sagemakerPipelines\/setCacheContext: /);
    const hover = await lsp.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: PREP });
    assert.deepEqual(hover, good, "the last well-formed context still answers the hover");
    const lenses = await lsp.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
    assert.ok(lenses.length > 0);
  }
  assert.match(lsp.warnings.at(-1)!, /parameters: expected an object, found an array/);
  assert.match(lsp.warnings.at(-5)!, /executions\[0\]\.steps\.Prep0\.status: expected a string, found a number/);

  for (const params of [null, { uri, reference: { id: 5, status: "Succeeded" } }, { uri, reference: "latest" }]) {
    const before = lsp.warnings.length;
    await lsp.connection.sendNotification(SetReferenceNotification.method, params);
    const warnings = await warningsAfter(lsp, uri, before);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Ignored a malformed sagemakerPipelines\/setReference: /);
  }
  // null is "no reference", as undefined is: accepted.
  const before = lsp.warnings.length;
  await lsp.connection.sendNotification(SetReferenceNotification.method, { uri, reference: null });
  assert.deepEqual(await warningsAfter(lsp, uri, before), []);
  const lenses = await lsp.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  assert.ok(lenses.some((l) => l.command?.title.startsWith("Reference:")));
});

test("malformed custom requests answer InvalidParams; the next well-formed one is answered", { timeout: 60_000 }, async (t) => {
  const lsp = await LspClient.start();
  t.after(() => lsp.stop());
  const uri = await lsp.open(TEXT);
  await lsp.diagnostics(uri);
  const range = { start: PREP, end: PREP };
  for (const [method, params] of [
    [StepsInRangesRequest.method, { uri, ranges: "all" }],
    [StepsInRangesRequest.method, { uri, ranges: [{ start: { line: -1, character: 0 }, end: PREP }] }],
    [StepsInRangesRequest.method, { ranges: [range] }],
    [LintRequest.method, { uri, text: 42 }],
    [LintRequest.method, null],
  ] as const) {
    await assert.rejects(lsp.request(method, params), (error: { code?: number; message?: string }) => {
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(String(error.message), /^Ignored a malformed /);
      return true;
    });
  }
  assert.deepEqual(await lsp.request(StepsInRangesRequest.method, { uri, ranges: [range] }), ["Prep0"]);
  assert.ok(Array.isArray(await lsp.request(LintRequest.method, { uri, text: TEXT })));
  assert.equal(lsp.warnings.filter((w) => w.startsWith("Ignored a malformed")).length, 5);
});

test("standard requests with odd params: logged and answered empty; codeAction keeps the well-formed diagnostics", { timeout: 60_000 }, async (t) => {
  const lsp = await LspClient.start();
  t.after(() => lsp.stop());
  const broken = TEXT.replace('"DependsOn": [\n', '"DependsOn": [\n"Prepp0",\n');
  assert.notEqual(broken, TEXT, "the generated pipeline has a DependsOn list");
  const uri = await lsp.open(broken);
  const published = await lsp.diagnostics(uri);
  const unknown = published.diagnostics.filter((d) => d.code === "depends-on-unknown-step");
  assert.equal(unknown.length, 1);
  const codeAction = (context: unknown) => lsp.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: unknown[0].range, context });

  assert.deepEqual(await codeAction({ diagnostics: null }), []);
  assert.deepEqual(await codeAction(undefined), []);
  assert.deepEqual(await codeAction({ diagnostics: [{ ...unknown[0], range: null }] }), []);
  const fixes = await codeAction({ diagnostics: [{ message: "no range" }, unknown[0]], only: ["quickfix"] });
  assert.deepEqual(
    fixes.map((f) => f.title),
    ["Change to 'Prep0'"],
  );
  // A malformed `only` is left out (as if absent): every kind, quick fixes included.
  assert.deepEqual(
    (await codeAction({ diagnostics: unknown, only: "quickfix" })).map((f) => f.title),
    ["Change to 'Prep0'"],
  );

  const at = (position: unknown) => ({ textDocument: { uri }, position });
  assert.equal(await lsp.request("textDocument/hover", at(null)), null);
  assert.equal(await lsp.request("textDocument/hover", at({ line: "1", character: 0 })), null);
  assert.deepEqual(await lsp.request("textDocument/completion", at({ line: 0 })), []);
  assert.deepEqual(await lsp.request("textDocument/definition", { textDocument: null, position: PREP }), []);
  assert.deepEqual(await lsp.request("textDocument/references", { ...at(PREP), context: { includeDeclaration: "yes" } }), []);
  assert.equal(await lsp.request("textDocument/rename", { ...at(PREP), newName: 7 }), null);
  assert.deepEqual(await lsp.request("textDocument/codeLens", { textDocument: {} }), []);
  assert.deepEqual(await lsp.request("textDocument/documentSymbol", {}), []);
  const expected = [
    /context\.diagnostics: expected an array, found null/,
    /context: expected an object, found nothing/,
    /context\.diagnostics\[0\]\.range: expected an object, found null/,
    /context\.diagnostics\[0\]\.range: expected an object, found nothing/,
    /context\.only: expected an array, found a string/,
    /hover: position: expected an object, found null/,
    /hover: position\.line: expected a whole number ≥ 0, found a string/,
    /completion: position\.character: expected a whole number ≥ 0, found nothing/,
    /definition: textDocument: expected an object, found null/,
    /references: context\.includeDeclaration: expected a boolean, found a string/,
    /rename: newName: expected a string, found a number/,
    /codeLens: textDocument\.uri: expected a string, found nothing/,
    /documentSymbol: textDocument: expected an object, found nothing/,
  ];
  assert.equal(lsp.warnings.length, expected.length, lsp.warnings.join("\n"));
  expected.forEach((pattern, i) => assert.match(lsp.warnings[i], pattern));
  // Well-formed requests after all that, and a references request without a context (it is optional here).
  assert.ok(await lsp.request("textDocument/hover", at(PREP)));
  assert.ok((await lsp.request<unknown[]>("textDocument/references", at(PREP))).length > 0);
});
