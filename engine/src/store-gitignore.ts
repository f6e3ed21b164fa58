import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const GITIGNORE = "# The local SageMaker Pipelines engine's store (records, logs and objects of local runs): not for version control.\n*\n";

/**
 * Whether `root` is a folder the engine may claim as a new store: missing or empty. A store given as an existing,
 * non-empty folder (e.g. `--store .` by mistake) is not marked, so that a `*` never hides a user's files from git.
 */
export function isNewStore(root: string): boolean {
  return !existsSync(root) || readdirSync(root).length === 0;
}

/** Keeps a new store out of `git status`: a `.gitignore` of `*` inside it (which ignores itself too). */
export function markStoreIgnored(root: string): void {
  try {
    writeFileSync(join(root, ".gitignore"), GITIGNORE, { flag: "wx", mode: 0o600 });
  } catch {
    // Already there, or not writable: the store works without it.
  }
}

/** Makes the store folder before something other than the engine writes into it (the Python export's uploads), marked as a new store is. */
export function prepareStoreFolder(root: string): void {
  const fresh = isNewStore(root);
  mkdirSync(root, { recursive: true });
  if (fresh) markStoreIgnored(root);
}
