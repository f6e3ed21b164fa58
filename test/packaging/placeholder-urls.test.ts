// No placeholder URL (a reserved domain: example.com/.net/.org, *.example, *.invalid, *.test, *.localhost) in what
// users see: the manifest, the SARIF the CLI writes, the package's README and CHANGELOG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../core/src";
import { formatSarif } from "../../cli/src/format";

const ROOT = join(import.meta.dirname, "../..");
const PLACEHOLDER_HOST = /^(.*\.)?(example(\.(com|net|org))?|[^.]+\.(example|invalid|test|localhost))$/i;

function placeholderUrls(text: string): string[] {
  return [...text.matchAll(/\bhttps?:\/\/[^\s"'<>)\]]+/g)].map(([url]) => url).filter((url) => PLACEHOLDER_HOST.test(new URL(url).hostname));
}

test("placeholder URLs: the check finds one", () => {
  assert.deepEqual(placeholderUrls('"url": "https://example.invalid/x.git", see http://docs.example.com/a and https://aws.amazon.com/'), [
    "https://example.invalid/x.git",
    "http://docs.example.com/a",
  ]);
});

test("placeholder URLs: none in package.json, the README and CHANGELOG of the package", () => {
  for (const file of ["package.json", "README.user.md", "CHANGELOG.md", "README.md"])
    assert.deepEqual(placeholderUrls(readFileSync(join(ROOT, file), "utf8")), [], file);
});

test("placeholder URLs: none in the SARIF output", () => {
  const text = '{"Version": "2020-12-01", "Steps": [{"Name": "A", "Type": "Fail", "DependsOn": ["B"], "Arguments": {}}]}';
  const sarif = formatSarif([{ path: "a.pipeline.json", text, diagnostics: analyze(text).diagnostics }], "1.0.0");
  assert.ok(JSON.parse(sarif).runs[0].results.length > 0, "the SARIF has results (and their rules)");
  assert.deepEqual(placeholderUrls(sarif), []);
});
