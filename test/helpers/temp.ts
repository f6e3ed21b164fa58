import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Anything with an `after` hook: a test's context (`t`), or node:test's file-level `after`. */
type Cleanup = { after(fn: () => unknown): void } | ((fn: () => unknown) => void);

/**
 * A fresh folder in the system's temporary folder, removed when the test (or the file) ends.
 * `scripts/run-tests.mjs` fails the run when a test leaves anything in the temporary folder.
 */
export function tempDir(cleanup: Cleanup, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  if (typeof cleanup === "function") cleanup(remove);
  else cleanup.after(remove);
  return dir;
}
