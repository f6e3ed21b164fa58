import { test } from "node:test";
import assert from "node:assert/strict";
import { expectDiagnostics } from "../../helpers/marked";

test("not-a-pipeline-definition: an array root", () => {
  expectDiagnostics(`⟦[1, 2]⟧`, "not-a-pipeline-definition", "error");
});

test("not-a-pipeline-definition: an object without Steps is reported on its opening brace", () => {
  const [d] = expectDiagnostics(`⟦{⟧"Version": "2020-12-01"}`, "not-a-pipeline-definition", "error");
  assert.match(d.message, /'Steps' array/);
});

test("not-a-pipeline-definition: Steps that is not an array", () => {
  expectDiagnostics(`{"Steps": ⟦{}⟧}`, "not-a-pipeline-definition", "error");
});

test("not-a-pipeline-definition: a double-encoded definition says to decode it once", () => {
  const inner = JSON.stringify({ Version: "2020-12-01", Steps: [] });
  const [d] = expectDiagnostics(`⟦${JSON.stringify(inner)}⟧`, "not-a-pipeline-definition", "error");
  assert.match(d.message, /JSON-encoded a second time/);
  assert.equal(d.data?.doubleEncoded, true);
});

test("not-a-pipeline-definition: a double-encoded definition without Steps (Version and Parameters) is named as such too", () => {
  const inner = JSON.stringify({ Version: "2020-12-01", Parameters: [{ Name: "P", Type: "String" }] });
  const [d] = expectDiagnostics(`⟦${JSON.stringify(inner)}⟧`, "not-a-pipeline-definition", "error");
  assert.match(d.message, /JSON-encoded a second time/);
});

test("not-a-pipeline-definition: a plain string is not called a double-encoded definition", () => {
  const [d] = expectDiagnostics(`⟦"hello"⟧`, "not-a-pipeline-definition", "error");
  assert.doesNotMatch(d.message, /second time/);
});
