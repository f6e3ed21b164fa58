import { test } from "node:test";
import assert from "node:assert/strict";
import { expectDiagnostics } from "../../helpers/marked";

test("json-syntax: a missing comma is reported where the next member starts", () => {
  const [d] = expectDiagnostics(`{"Version": "2020-12-01" ⟦"Steps"⟧: []}`, "json-syntax", "error");
  assert.match(d.message, /Expected ','/);
});

test("json-syntax: a Python dict repr gets one diagnostic that says what it is", () => {
  const [d] = expectDiagnostics(`{⟦'Version'⟧: '2020-12-01', 'Steps': [], 'X': True}`, "json-syntax", "error");
  assert.match(d.message, /Python dict/);
  assert.match(d.message, /json\.dumps/);
});

test("json-syntax: an unquoted template placeholder is named, without a cascade", () => {
  const [d] = expectDiagnostics(`{"Steps": [], "N": ⟦{{ count }}⟧, "M": 1}`, "json-syntax", "error");
  assert.match(d.message, /Template placeholder '\{\{ count \}\}'/);
});

test("json-syntax: comments are not JSON", () => {
  expectDiagnostics(`{"Steps": [] ⟦// note⟧\n}`, "json-syntax", "error");
});

test("json-syntax: an empty document is reported", () => {
  expectDiagnostics(`⟦⟧`, "json-syntax", "error");
});
