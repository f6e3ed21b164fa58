import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportPythonPipeline, type PythonExportResult } from "../../sagemaker/src";
import { LatestOnly } from "../../client/src/python/latest-only";

const script = join(import.meta.dirname, "../fixtures/python-export/slow_export.py");

function pipelineFile(t: { after(fn: () => void): void }, text: string): string {
  const folder = mkdtempSync(join(tmpdir(), "smp-py-cancel-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, "pipeline.py");
  writeFileSync(file, text);
  return file;
}

test(
  "a newer export of the same file cancels the running one: its python3 process is killed, the newer one's result arrives",
  { timeout: 30_000 },
  async (t) => {
    const file = pipelineFile(t, "slow");
    const exports = new LatestOnly<PythonExportResult>();
    const started = Date.now();
    const slow = exports.run(file, (signal) => exportPythonPipeline({ file, python: "python3", script, signal }));
    // Let the process start before the newer save comes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(file, "fast");
    const fast = exports.run(file, (signal) => exportPythonPipeline({ file, python: "python3", script, signal }));
    const first = await slow;
    assert.equal(first?.ok, false);
    assert.equal(first && !first.ok && first.kind, "cancelled");
    const second = await fast;
    assert.ok(second?.ok, JSON.stringify(second));
    assert.equal(second.name, "Fast");
    assert.ok(Date.now() - started < 15_000, "the slow export (60 s) did not run to its end");
  },
);
