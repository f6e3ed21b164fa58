import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
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

/** Resolves when `path` exists: the folder's change events, never a timer. */
function appeared(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(path), (_event, name) => {
      if (name === basename(path) && existsSync(path)) {
        watcher.close();
        resolve();
      }
    });
    if (existsSync(path)) {
      watcher.close();
      resolve();
    }
  });
}

/** Resolves when process `pid` no longer exists (its parent reaps it once killed); the test's timeout fails it otherwise. */
async function ended(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 10));
}

test(
  "a newer export of the same file cancels the running one: its python3 process is killed, the newer one's result arrives",
  { timeout: 30_000 },
  async (t) => {
    const file = pipelineFile(t, "slow");
    const exports = new LatestOnly<PythonExportResult>();
    const started = Date.now();
    const slow = exports.run(file, (signal) => exportPythonPipeline({ file, python: "python3", script, signal }));
    // The newer save comes once the slow process runs (it has read the file and says so with its pid).
    const marker = `${file}.started`;
    await appeared(marker);
    const slowPid = Number(readFileSync(marker, "utf8"));
    writeFileSync(file, "fast");
    const fast = exports.run(file, (signal) => exportPythonPipeline({ file, python: "python3", script, signal }));
    const first = await slow;
    assert.equal(first?.ok, false);
    assert.equal(first && !first.ok && first.kind, "cancelled");
    await ended(slowPid);
    const second = await fast;
    assert.ok(second?.ok, JSON.stringify(second));
    assert.equal(second.name, "Fast");
    assert.ok(Date.now() - started < 15_000, "the slow export (60 s) did not run to its end");
  },
);
