import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LineIndex } from "../../core/src";
import { RulesRequest } from "../../protocol/src";
import { LspClient } from "../helpers/lsp";

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => client.stop());

const broken = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "Unused", "Type": "String"}],
  "Steps": [{"Name": "F", "Type": "Fail", "DependsOn": ["Nope"], "Arguments": {"ErrorMessage": "x"}}]
}`;

test("LSP: diagnostics with codes, sources and exact ranges are published on open", async () => {
  const uri = await client.open(broken);
  const { diagnostics, version } = await client.diagnostics(uri);
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
  const uri = await client.open(broken);
  await client.diagnostics(uri, (p) => p.version === 1);
  const fixed = broken
    .replace(`["Nope"]`, `[]`)
    .replace(`"Name": "Unused", "Type": "String"`, `"Name": "M", "Type": "String"`)
    .replace(`"ErrorMessage": "x"`, `"ErrorMessage": {"Get": "Parameters.M"}`);
  await client.change(uri, broken.replace("Nope", "Nop"));
  await client.change(uri, fixed);
  const result = await client.diagnostics(uri, (p) => p.version === 3);
  assert.deepEqual(result.diagnostics, []);
});

test("LSP: a syntax error is published as json-syntax on the offending token", async () => {
  const uri = await client.open(`{"Steps": [} `);
  const { diagnostics } = await client.diagnostics(uri);
  assert.ok(diagnostics.length > 0);
  assert.ok(diagnostics.every((d) => d.code === "json-syntax"));
  assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 11 });
});

test("LSP: per-rule severity settings apply after a configuration change, 'off' included", async () => {
  const uri = await client.open(broken);
  await client.diagnostics(uri);
  client.settings = { rules: { "parameter-unused": "off", "depends-on-unknown-step": "warning" }, validationDelay: 0 };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [["depends-on-unknown-step", 2]],
  );
  client.settings = { rules: {}, validationDelay: 0 };
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
});

test("LSP: the rules request lists every rule code", async () => {
  const rules = await client.send(RulesRequest.type);
  assert.ok(rules.some((r) => r.code === "dependency-cycle"));
  assert.ok(rules.some((r) => r.code === "json-syntax"));
});

test("LSP: closing a document clears its diagnostics", async () => {
  const uri = await client.open(broken);
  await client.diagnostics(uri);
  await client.close(uri);
  const { diagnostics } = await client.diagnostics(uri);
  assert.deepEqual(diagnostics, []);
});
