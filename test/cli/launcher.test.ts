// dist/cli.js (cli/src/launcher.cjs) runs the CLI bundle with the V8 code cache the build made, and only
// when the cache was made from the same bytes and V8 takes it; otherwise it compiles the bundle as usual.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

const dist = join(import.meta.dirname, "../../dist");
const example = join(import.meta.dirname, "../../examples/abalone.pipeline.json");
const lint = (cli: string) =>
  spawnSync(process.execPath, [cli, "lint", example], { encoding: "utf8", env: { ...process.env, SAGEMAKER_PIPELINES_CODE_CACHE_REPORT: "1" } });

/** A copy of the CLI's files in a fresh folder, removed after the test. */
function copy(t: TestContext): string {
  const dir = tempDir(t, "smp-launcher-");
  for (const name of ["cli.js", "cli-main.js", "cli-main.js.cache"]) copyFileSync(join(dist, name), join(dir, name));
  return dir;
}

test("launcher: the build's code cache is used", () => {
  const result = lint(join(dist, "cli.js"));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /^code cache: used$/m);
  assert.match(result.stdout, /1 file checked: 0 errors/);
});

test("launcher: a cache made from other bytes is not used, and lint still works", (t) => {
  const dir = copy(t);
  appendFileSync(join(dir, "cli-main.js"), "\n// changed after the cache was made\n");
  const result = lint(join(dir, "cli.js"));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /^code cache: none$/m);
  assert.match(result.stdout, /1 file checked: 0 errors/);
});

test("launcher: a damaged cache is rejected by V8, and lint still works; no cache at all works too", (t) => {
  const dir = copy(t);
  const cache = readFileSync(join(dir, "cli-main.js.cache"));
  cache.fill(7, 40 + 16, 40 + 64);
  writeFileSync(join(dir, "cli-main.js.cache"), cache);
  const damaged = lint(join(dir, "cli.js"));
  assert.equal(damaged.status, 0, damaged.stderr);
  assert.match(damaged.stderr, /^code cache: rejected$/m);
  assert.match(damaged.stdout, /1 file checked: 0 errors/);

  writeFileSync(join(dir, "cli-main.js.cache"), "");
  const none = lint(join(dir, "cli.js"));
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stderr, /^code cache: none$/m);
});
