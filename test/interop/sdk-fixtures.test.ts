import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Drift check of the SDK-made fixtures: scripts/sdk-fixtures.mjs rebuilds every definition with the pinned SageMaker
 * Python SDK v2 and v3 (test/interop/requirements-sagemaker-v*.txt, venvs from PyPI cached in .cache/python/) into a temporary
 * folder, and each must equal the committed test/fixtures/sdk/ file byte for byte. On a difference, regenerate with
 * `node scripts/sdk-fixtures.mjs` and look at the diff: `npm test` then says whether the linter still accepts them.
 */
const root = join(import.meta.dirname, "../..");
const committed = join(root, "test/fixtures/sdk");

function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

for (const major of ["2", "3"]) {
  test(`SDK v${major}: regenerated definitions equal the committed fixtures`, { timeout: 40 * 60_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), `sdk-v${major}-`));
    try {
      const result = spawnSync(process.execPath, [join(root, "scripts/sdk-fixtures.mjs"), "--major", major, "--out", out], {
        cwd: root,
        encoding: "utf8",
        timeout: 35 * 60_000,
      });
      assert.equal(result.status, 0, `node scripts/sdk-fixtures.mjs --major ${major} failed:\n${result.stderr}`);
      const fresh = join(out, `v${major}`);
      const old = join(committed, `v${major}`);
      assert.deepEqual(files(fresh), files(old), "the generator makes other files than the committed ones");
      for (const file of files(fresh)) {
        assert.equal(readFileSync(join(fresh, file), "utf8"), readFileSync(join(old, file), "utf8"), `v${major}/${file} drifted`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
