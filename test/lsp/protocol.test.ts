/**
 * The protocol layer over stdio, against the bundled server: one request per capability the server announces, the
 * custom requests and notifications of protocol/src, and the settings that only the server applies. What each
 * feature answers in detail is tested in process (test/features/); here: that the server answers it over LSP.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { COMMANDS, EAGER_STEP_LENSES_UP_TO, LineIndex } from "../../core/src";
import { LintRequest, SetReferenceNotification, StepsInRangesRequest } from "../../protocol/src";
import { LspClient } from "../helpers/lsp";

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const source = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "Img", "Type": "String", "DefaultValue": "img"}],
  "Steps": [
    {"Name": "Prep", "Type": "Processing", "CacheConfig": {"Enabled": true, "ExpireAfter": "P30D"}, "Arguments": {
      "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
      "AppSpecification": {"ImageUri": {"Get": "Parameters.Img"}}, "RoleArn": "arn:aws:iam::123456789012:role/R"}},
    {"Name": "Stop", "Type": "Fail", "DependsOn": ["Prep"], "Arguments": {"ErrorMessage": "no"}}
  ]
}`;
const lines = new LineIndex(source);
/** The position `delta` characters into the `nth` occurrence of `token`. */
const at = (token: string, delta = 1, nth = 0) => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(token, offset + 1);
  return lines.positionAt(offset + delta);
};

test("stdio: hover", async () => {
  const uri = await client.open(source);
  const hover = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: at(`"Prep"`, 2, 1) });
  assert.match((hover?.contents as MarkupContent).value, /Prep/);
});

test("stdio: completion", async () => {
  const text = source.replace(`"DependsOn": ["Prep"]`, `"DependsOn": [""]`);
  const uri = await client.open(text);
  const items = await client.request<CompletionItem[]>("textDocument/completion", {
    textDocument: { uri },
    position: new LineIndex(text).positionAt(text.indexOf(`[""]`) + 2),
  });
  assert.deepEqual(
    items.map((i) => i.label),
    ["Prep"],
  );
});

test("stdio: completion for a client that takes list defaults (VS Code): the shared range said once, the same edits", async () => {
  const steps = Array.from(
    { length: 30 },
    (_, i) => `{"Name": "Step${i}", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.Step${i === 0 ? 1 : 0}.x"}}}`,
  );
  const text = `{"Version": "2020-12-01", "Steps": [${steps.join(",\n")}]}`;
  const position = new LineIndex(text).positionAt(text.indexOf('"Steps.Step1.x"') + 8);
  const vscodeLike = await LspClient.start([], { itemDefaults: true });
  try {
    const answer = await vscodeLike.request<CompletionList>("textDocument/completion", { textDocument: { uri: await vscodeLike.open(text) }, position });
    const items = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri: await client.open(text) }, position });
    assert.ok(Array.isArray(items) && items.length === 29, "a client without list defaults gets the items with their edits");
    assert.ok(!Array.isArray(answer) && answer.itemDefaults?.editRange, "a CompletionList with a default edit range");
    assert.ok(answer.items.every((item) => item.textEdit === undefined));
    // The defaults applied as the client applies them give back the array's items.
    const expanded = answer.items.map(({ textEditText, ...item }) => ({
      ...item,
      textEdit: { range: answer.itemDefaults!.editRange, newText: textEditText ?? item.label },
    }));
    assert.deepEqual(expanded, items);
    assert.ok(JSON.stringify(answer).length < JSON.stringify(items).length / 2);
  } finally {
    await vscodeLike.stop();
  }
});

test("stdio: definition, references, highlights", async () => {
  const uri = await client.open(source);
  const position = at(`"Prep"`, 2, 1); // the DependsOn entry
  const declaration = lines.rangeOf(source.indexOf(`"Prep"`) + 1, source.indexOf(`"Prep"`) + 5);
  assert.deepEqual(await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position }), [{ uri, range: declaration }]);
  assert.equal(
    (await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position, context: { includeDeclaration: true } })).length,
    2,
  );
  assert.equal((await client.request<DocumentHighlight[]>("textDocument/documentHighlight", { textDocument: { uri }, position })).length, 2);
});

test("stdio: prepareRename and rename; an invalid name is refused with InvalidRequest", async () => {
  const uri = await client.open(source);
  const position = at(`"Prep"`, 2);
  const prepared = await client.request<{ placeholder: string }>("textDocument/prepareRename", { textDocument: { uri }, position });
  assert.equal(prepared.placeholder, "Prep");
  const edit = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position, newName: "Preprocess" });
  assert.equal(edit.changes![uri].length, 2);
  await assert.rejects(
    client.request("textDocument/rename", { textDocument: { uri }, position, newName: "Pre process" }),
    (error: { code?: number; message?: string }) => error.code === -32600 && /not a valid step name/.test(error.message ?? ""),
  );
});

test("stdio: document symbols", async () => {
  const uri = await client.open(source);
  const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ["Parameters", "Steps"],
  );
});

test("stdio: code lenses, the setReference notification and the codeLens setting", async () => {
  const uri = await client.open(source);
  const lenses = () => client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  assert.ok((await lenses()).some((l) => l.command?.command === COMMANDS.runPipeline));
  await client.notify(SetReferenceNotification.type, { uri, reference: { id: "exec-1", displayName: "nightly", status: "Succeeded" } });
  assert.ok((await lenses()).some((l) => l.command?.title === "Reference: nightly · Succeeded"));
  client.settings = { ...client.settings, codeLens: false };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  assert.deepEqual(await lenses(), []);
  client.settings = { ...client.settings, codeLens: true };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  assert.ok((await lenses()).length > 0);
});

test("stdio: code lens resolve: the lenses of a many-step document come without commands; resolve gives them; a malformed lens comes back", async () => {
  const steps = Array.from({ length: EAGER_STEP_LENSES_UP_TO + 1 }, (_, i) => `{"Name": "S${i}", "Type": "Fail", "Arguments": {"ErrorMessage": "no"}}`);
  const uri = await client.open(`{"Version": "2020-12-01", "Steps": [${steps.join(",\n")}]}`);
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  const last = lenses.at(-3)!;
  assert.equal(last.command, undefined);
  assert.equal(typeof (last.data as unknown[])[0], "number", "the document is named by the server's short key");
  const resolved = await client.request<CodeLens>("codeLens/resolve", last);
  assert.deepEqual(resolved.command, { title: "▶ Run step", command: COMMANDS.runSteps, arguments: [uri, [`S${EAGER_STEP_LENSES_UP_TO}`]] });
  // A key the server never gave, and a URI where it gives keys: the lens comes back as it was.
  for (const data of [
    [99, "S0", "run"],
    [uri, "S0", "run"],
  ])
    assert.deepEqual(await client.request<CodeLens>("codeLens/resolve", { ...last, data }), { ...last, data });
  const warnings = client.warnings.length;
  assert.deepEqual(await client.request<unknown>("codeLens/resolve", { data: last.data }), { data: last.data });
  assert.match(client.warnings.slice(warnings).join("\n"), /Ignored a malformed codeLens\/resolve: range/);
});

test("stdio: code actions for the published diagnostics", async () => {
  const text = source.replace(`"ExpireAfter": "P30D"`, `"ExpireAfter": "1 hour"`);
  const uri = await client.open(text);
  const { diagnostics } = await client.diagnostics(uri);
  const invalid = diagnostics.filter((d) => d.code === "cache-expire-after-invalid");
  assert.equal(invalid.length, 1);
  const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: invalid[0].range,
    context: { diagnostics: invalid },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ["Change to 'PT1H'"],
  );
  assert.deepEqual(
    await client.request("textDocument/codeAction", { textDocument: { uri }, range: invalid[0].range, context: { diagnostics: invalid, only: ["refactor"] } }),
    [],
  );
});

test("stdio: stepsInRanges", async () => {
  const uri = await client.open(source);
  const span = lines.rangeOf(source.indexOf(`"ErrorMessage"`), source.indexOf(`"no"`));
  assert.deepEqual(await client.send(StepsInRangesRequest.type, { uri, ranges: [span] }), ["Stop"]);
});

test("stdio: lint a text with the server's rules and the document's rule settings", async () => {
  const uri = await client.open(source);
  const text = source.replace(`"DependsOn": ["Prep"]`, `"DependsOn": ["Nope"]`);
  const diagnostics = await client.send(LintRequest.type, { uri, text });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, text.slice(d.start, d.end)]),
    [["depends-on-unknown-step", "error", `"Nope"`]],
  );
  client.settings = { ...client.settings, rules: { "depends-on-unknown-step": "hint" } };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  assert.deepEqual(
    (await client.send(LintRequest.type, { uri, text })).map((d) => [d.code, d.severity]),
    [["depends-on-unknown-step", "hint"]],
  );
  client.settings = { ...client.settings, rules: {} };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
});
