import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { LineIndex, RULES_REQUEST } from "../../core/src";

/** A real LSP client talking to the bundled server (dist/server.js) over stdio. */
let server: ChildProcess;
let connection: ProtocolConnection;
let settings: Record<string, unknown> = { rules: {}, validationDelay: 0 };
const published: PublishDiagnosticsParams[] = [];
/** Pending expectations; each returns true once satisfied. */
let waiters: Array<() => boolean> = [];

function nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), 10_000);
    const check = () => {
      const found = published.find((p) => p.uri === uri && predicate(p));
      if (!found) return false;
      clearTimeout(timer);
      published.splice(published.indexOf(found), 1);
      resolve(found);
      return true;
    };
    if (!check()) waiters.push(check);
  });
}

before(async () => {
  server = spawn(process.execPath, [join(import.meta.dirname, "../../dist/server.js"), "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
    published.push(params);
    waiters = waiters.filter((waiter) => !waiter());
  });
  connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
  });
  await connection.sendNotification("initialized", {});
});

after(async () => {
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  server.kill();
});

const broken = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "Unused", "Type": "String"}],
  "Steps": [{"Name": "F", "Type": "Fail", "DependsOn": ["Nope"], "Arguments": {"ErrorMessage": "x"}}]
}`;

test("LSP: diagnostics with codes, sources and exact ranges are published on open", async () => {
  const uri = "file:///tmp/broken.pipeline.json";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sagemaker-pipeline", version: 1, text: broken } });
  const { diagnostics, version } = await nextDiagnostics(uri);
  assert.equal(version, 1);
  const lines = new LineIndex(broken);
  const rangeOf = (token: string) => lines.rangeOf(broken.indexOf(token), broken.indexOf(token) + token.length);
  assert.deepEqual(
    diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, source: d.source })),
    [
      { code: "parameter-unused", severity: 4, range: rangeOf(`"Unused"`), source: "sagemaker-pipelines" },
      { code: "depends-on-unknown-step", severity: 1, range: rangeOf(`"Nope"`), source: "sagemaker-pipelines" },
    ],
  );
});

test("LSP: an edit republishes for the new version only; a fixed file clears its diagnostics", async () => {
  const uri = "file:///tmp/edit.pipeline.json";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sagemaker-pipeline", version: 1, text: broken } });
  await nextDiagnostics(uri, (p) => p.version === 1);
  const fixed = broken.replace(`["Nope"]`, `[]`).replace(`"Name": "Unused", "Type": "String"`, `"Name": "M", "Type": "String"`).replace(`"ErrorMessage": "x"`, `"ErrorMessage": {"Get": "Parameters.M"}`);
  await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken.replace("Nope", "Nop") }] });
  await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
  const result = await nextDiagnostics(uri, (p) => p.version === 3);
  assert.deepEqual(result.diagnostics, []);
});

test("LSP: a syntax error is published as json-syntax on the offending token", async () => {
  const uri = "file:///tmp/syntax.pipeline.json";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sagemaker-pipeline", version: 1, text: `{"Steps": [} ` } });
  const { diagnostics } = await nextDiagnostics(uri);
  assert.ok(diagnostics.length > 0);
  assert.ok(diagnostics.every((d) => d.code === "json-syntax"));
  assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 11 });
});

test("LSP: per-rule severity settings apply after a configuration change, 'off' included", async () => {
  const uri = "file:///tmp/settings.pipeline.json";
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sagemaker-pipeline", version: 1, text: broken } });
  await nextDiagnostics(uri);
  settings = { rules: { "parameter-unused": "off", "depends-on-unknown-step": "warning" }, validationDelay: 0 };
  await connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  const { diagnostics } = await nextDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [["depends-on-unknown-step", 2]]);
  settings = { rules: {}, validationDelay: 0 };
});

test("LSP: the rules request lists every rule code", async () => {
  const rules = (await connection.sendRequest(RULES_REQUEST)) as Array<{ code: string }>;
  assert.ok(rules.some((r) => r.code === "dependency-cycle"));
  assert.ok(rules.some((r) => r.code === "json-syntax"));
});

test("LSP: closing a document clears its diagnostics", async () => {
  const uri = "file:///tmp/broken.pipeline.json";
  published.length = 0;
  await connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  const { diagnostics } = await nextDiagnostics(uri);
  assert.deepEqual(diagnostics, []);
});
