import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { TestContext } from "node:test";

const root = join(import.meta.dirname, "../..");

/**
 * The interpreter of a venv with the SageMaker Python SDK v2 or v3 (pinned in test/interop/requirements-sagemaker-vN.txt),
 * made by scripts/python-venv.mjs on first use and cached in .cache/python/.
 */
export function sagemakerVenv(t: TestContext, major: 2 | 3): string {
  const requirements = join(root, `test/interop/requirements-sagemaker-v${major}.txt`);
  const result = spawnSync(process.execPath, [join(root, "scripts/python-venv.mjs"), "--requirements", requirements, "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: 25 * 60_000,
  });
  if (result.status !== 0) {
    assert.fail(
      `Could not prepare the Python virtualenv with the SageMaker Python SDK v${major} (node scripts/python-venv.mjs --requirements ${requirements}, exit ${result.status ?? result.signal}).\n` +
        `It needs python3 with the venv module and access to PyPI.\n${result.stderr}`,
    );
  }
  const venv = JSON.parse(result.stdout) as { python: string; created: boolean; seconds: number };
  t.diagnostic(`sagemaker v${major} venv ${venv.created ? "created" : "cached"} in ${venv.seconds.toFixed(1)} s: ${venv.python}`);
  return venv.python;
}
