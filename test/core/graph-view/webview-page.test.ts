import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const root = join(import.meta.dirname, "../../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

test("webview page: every element id the script looks up is in the page the extension serves", () => {
  const page = read("client/src/graph/html.ts");
  const script = read("webview/src/main.ts");
  const wanted = [...script.matchAll(/byId<[^>]+>\("([^"]+)"\)/g)].map((m) => m[1]);
  assert.ok(wanted.length >= 10, `ids looked up: ${wanted.join(", ")}`);
  for (const id of wanted) assert.match(page, new RegExp(`id="${id}"`), id);
});

test("webview page: strict Content-Security-Policy (nonce script, no inline styles, nothing remote)", () => {
  const page = read("client/src/graph/html.ts");
  assert.match(page, /"default-src 'none'"/);
  assert.match(page, /`script-src 'nonce-\$\{scriptNonce\}'`/);
  assert.match(page, /<script nonce="\$\{scriptNonce\}" src="\$\{script\}"><\/script>/);
  assert.doesNotMatch(page, /unsafe-inline|unsafe-eval|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  assert.doesNotMatch(page, /\sstyle="/);
});
