import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics } from "../../helpers/marked";

const useAll = (...names: string[]) =>
  `[${names.map((n, i) => `{"Name": "F${i}", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Parameters.${n}"}}}`).join(",")}]`;

test("parameter-duplicate: the second declaration", () => {
  const params = `[{"Name": "A", "Type": "String"}, {"Name": ⟦"A"⟧, "Type": "Integer", "DefaultValue": 1}]`;
  expectDiagnostics(definition(useAll("A"), params), "parameter-duplicate", "error");
});

test("parameter-name-invalid: characters outside [A-Za-z0-9_-]", () => {
  expectDiagnostics(definition(useAll("my param"), `[{"Name": ⟦"my param"⟧, "Type": "String"}]`), "parameter-name-invalid", "error");
});

test("parameter-default-type: defaults that do not match the type", () => {
  const params = `[
    {"Name": "I", "Type": "Integer", "DefaultValue": ⟦1.5⟧},
    {"Name": "F", "Type": "Float", "DefaultValue": ⟦"6.0"⟧},
    {"Name": "B", "Type": "Boolean", "DefaultValue": ⟦"true"⟧},
    {"Name": "S", "DefaultValue": ⟦3⟧},
    {"Name": "OkF", "Type": "Float", "DefaultValue": 6},
    {"Name": "E", "Type": "String", "DefaultValue": ⟦"c"⟧, "EnumValues": ["a", "b"]}]`;
  const found = expectDiagnostics(definition(useAll("I", "F", "B", "S", "OkF", "E"), params), "parameter-default-type", "error");
  assert.match(found[0].message, /Integer parameter 'I' must be a whole number, not 1\.5/);
  assert.match(found[3].message, /String parameter 'S'/); // Type defaults to String
  assert.match(found[4].message, /not one of its EnumValues/);
});

test("parameter-unused: a hint on the name of a parameter no Get reads", () => {
  const params = `[{"Name": "Used", "Type": "String"}, {"Name": ⟦"Unused"⟧, "Type": "String"}]`;
  expectDiagnostics(definition(useAll("Used"), params), "parameter-unused", "hint");
});
