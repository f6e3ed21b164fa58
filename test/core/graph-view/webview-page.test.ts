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

test("webview pages: one strict Content-Security-Policy (nonce script, no inline styles, nothing remote) for the graph and the Run Plan", () => {
  const builder = read("client/src/webview-page.ts");
  assert.match(builder, /"default-src 'none'"/);
  assert.match(builder, /`script-src 'nonce-\$\{page\.scriptNonce\}'`/);
  assert.match(builder, /<script nonce="\$\{page\.scriptNonce\}" src="\$\{script\}"><\/script>/);
  for (const path of ["client/src/webview-page.ts", "client/src/graph/html.ts", "client/src/run/run-plan-html.ts"]) {
    const page = read(path);
    assert.doesNotMatch(page, /unsafe-inline|unsafe-eval|https?:\/\/(?!www\.w3\.org\/2000\/svg")/, path);
    assert.doesNotMatch(page, /\sstyle="/, path);
  }
  // The pages add no script of their own: the builder's, by nonce, is the only one.
  for (const path of ["client/src/graph/html.ts", "client/src/run/run-plan-html.ts"]) {
    assert.match(read(path), /return strictPage\(webview, extensionUri, \{/, path);
    assert.doesNotMatch(read(path), /<script/, path);
  }
});
