/**
 * Bugs are seen: a rule or a feature that throws is reported to the language service's logger (with the feature, the
 * document and the position), the editor gets the other diagnostics or an empty answer, and the checks every fuzz run
 * and test makes (exercise, the recorder, the LSP client) fail on it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Rule } from "../../core/src";
import { internalErrorMessage, outputChannelLogger } from "../../server/src/logger";
import { assertNoInternalErrorDiagnostic, recordedService } from "../helpers/language-service";
import { cursor } from "../helpers/lsp";
import { exercise } from "./exercise";

const URI = "file:///bug.pipeline.json";
const TEXT = JSON.stringify(
  { Version: "2020-12-01", Parameters: [{ Name: "Unused", Type: "String" }], Steps: [{ Name: "Stop", Type: "Fail", Arguments: { ErrorMessage: "x" } }] },
  null,
  2,
);

const throwingRule: Rule = {
  code: "test-throws",
  defaultSeverity: "error",
  description: "A rule with a bug.",
  check() {
    throw new TypeError("Cannot read properties of undefined (reading 'name')");
  },
};

test("a rule that throws: the other rules' diagnostics stay, a warning says so, and the logger gets it with the rule and the document", () => {
  const plain = recordedService();
  const { service, recorder } = recordedService({ extraRules: [throwingRule] });
  const document = service.parseDocument(TEXT, { uri: URI });
  const expected = plain.service.parseDocument(TEXT, { uri: URI }).analysis.diagnostics;
  plain.recorder.assertNone();
  // The rules run on first use of the analysis (requests answer from the parse before).
  assert.equal(recorder.errors.length, 0);
  const diagnostics = document.analysis.diagnostics;

  assert.equal(recorder.errors.length, 1);
  assert.deepEqual(recorder.errors[0].context, { feature: "rule", rule: "test-throws", uri: URI });
  assert.match(String(recorder.errors[0].error), /reading 'name'/);
  assert.deepEqual(
    diagnostics.filter((d) => d.code !== "test-throws"),
    expected,
  );
  assert.ok(expected.some((d) => d.code === "parameter-unused"));
  assert.deepEqual(
    diagnostics.filter((d) => d.code === "test-throws").map((d) => [d.severity, d.message]),
    [["warning", "Internal error in rule test-throws: Cannot read properties of undefined (reading 'name')"]],
  );
  assert.throws(() => recorder.assertNone(), /reported 1 internal error/);
  assert.throws(() => assertNoInternalErrorDiagnostic(diagnostics), /a rule threw/);
});

test("a rule that throws makes the fuzz check fail", () => {
  const injected = recordedService({ extraRules: [throwingRule] });
  assert.throws(() => exercise(TEXT, [5], injected), /internal error/);
  // The same check passes on the same text without the broken rule: the failure is the rule's.
  exercise(TEXT, [5], recordedService());
});

test("a rule replaced by a throwing one: reported, and the rules list shows what runs", () => {
  const { service, recorder } = recordedService({ rules: [throwingRule] });
  assert.deepEqual(
    service.rules().map((r) => r.code),
    ["json-syntax", "not-a-pipeline-definition", "test-throws"],
  );
  void service.parseDocument(TEXT).analysis;
  assert.deepEqual(
    recorder.errors.map((e) => e.context),
    [{ feature: "rule", rule: "test-throws" }],
  );
});

test("a feature that throws answers empty and reports the feature, the document and the position", () => {
  const { service, recorder } = recordedService();
  const { text, position } = cursor(TEXT.replace('"Name": "Stop"', '"Name": "St‸op"'));
  const document = service.parseDocument(text, { uri: URI });
  // The hover's cache verdict and the lens title are callbacks the server passes in: here they have a bug.
  const bug = () => {
    throw new Error("verdict bug");
  };
  assert.equal(service.hover(document, URI, position, bug), null);
  assert.deepEqual(service.codeLenses(document, URI, { cacheTitle: bug }), []);
  assert.deepEqual(
    recorder.errors.map((e) => e.context),
    [
      { feature: "hover", uri: URI, position },
      { feature: "codeLenses", uri: URI },
    ],
  );
  assert.throws(() => recorder.assertNone(), /reported 2 internal error/);
  // Without the bug the same requests answer.
  recorder.clear();
  assert.ok(service.hover(document, URI, position, () => "cache"));
  assert.ok(service.codeLenses(document, URI, { cacheTitle: () => undefined }).length > 0);
  recorder.assertNone();
});

test("the server writes internal errors to its output channel with the feature, the document and the 1-based position", () => {
  const lines: string[] = [];
  const logger = outputChannelLogger({ error: (line) => lines.push(line) });
  const error = new Error("boom");
  logger.internalError(error, { feature: "hover", uri: URI, position: { line: 2, character: 4 } });
  logger.internalError("not an Error", { feature: "rule", rule: "schema", uri: URI });
  assert.equal(lines.length, 2);
  assert.ok(lines[0].startsWith(`Internal error in hover at ${URI}:3:5: Error: boom\n    at `), lines[0]);
  assert.equal(lines[1], `Internal error in rule schema at ${URI}: not an Error`);
  assert.equal(internalErrorMessage(new Error("x"), { feature: "completion" }).split("\n")[0], "Internal error in completion: Error: x");
});
