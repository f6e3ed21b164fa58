import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../core/src";
import { LintRequest } from "../../protocol/src";
import { abaloneLikeDefinition } from "../engine/helpers";
import { LspClient } from "../helpers/lsp";

// The editor's check before a run (the client bundle has no analyser): the server's answer to sagemakerPipelines/lint.
test("LintRequest: the core's diagnostics for the given text, with the severities of the URI's settings", { timeout: 30_000 }, async (t) => {
  const lsp = await LspClient.start();
  t.after(() => lsp.stop());
  const broken = JSON.parse(abaloneLikeDefinition());
  broken.Steps[1].DependsOn = ["Nowhere"];
  const text = JSON.stringify(broken, null, 2);

  // The text need not be open in the server: the request carries it.
  const diagnostics = await lsp.connection.sendRequest(LintRequest, { uri: "file:///tmp/never-opened.pipeline.json", text });
  assert.deepEqual(diagnostics, JSON.parse(JSON.stringify(analyze(text).diagnostics)));
  assert.ok(diagnostics.some((d) => d.code === "depends-on-unknown-step" && d.severity === "error" && text.slice(d.start, d.end) === '"Nowhere"'));

  lsp.settings = { ...lsp.settings, rules: { "depends-on-unknown-step": "warning" } };
  const relevelled = await lsp.connection.sendRequest(LintRequest, { uri: "file:///tmp/other.pipeline.json", text });
  assert.equal(relevelled.find((d) => d.code === "depends-on-unknown-step")?.severity, "warning");
  assert.ok(!relevelled.some((d) => d.severity === "error"));
});
