import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

/** Keeping paths inside a folder, symlinks included. */

/** Whether `path` is `root` or below it (both absolute, compared as written). */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === "" || (!inside.startsWith("..") && !isAbsolute(inside));
}

/**
 * The real path of `path` when it exists; otherwise the real path of its longest existing ancestor with the rest
 * appended (what a write would create). Symlinks in the existing part are followed.
 */
export function realPathOfExisting(path: string): string {
  const missing: string[] = [];
  let current = resolve(path);
  while (!present(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    missing.unshift(basename(current));
    current = parent;
  }
  try {
    return join(realpathSync(current), ...missing);
  } catch {
    // A dangling symlink or a loop: its target cannot be known, so it is not inside anything.
    return "\0unresolvable";
  }
}

/** Whether an entry exists at `path` (a dangling symlink is an entry: it must not be taken for a missing name). */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path`, after following symlinks, is inside one of `roots` (also after following symlinks). */
export function resolvesInside(path: string, roots: string[]): boolean {
  // Only the real paths count: `<root>/link/x` with a link out is outside; the real path of a root is inside it.
  const real = realPathOfExisting(path);
  return roots.some((root) => isInside(realPathOfExisting(root), real));
}

/**
 * The first symlink under `dir` (itself included, and through links to folders) whose target is not inside one of
 * `roots`; undefined when none. What a copy that follows symlinks would read.
 */
export function escapingLink(dir: string, roots: string[], seen = new Set<string>()): string | undefined {
  let info;
  try {
    info = lstatSync(dir);
  } catch {
    return undefined;
  }
  if (info.isSymbolicLink() && !resolvesInside(dir, roots)) return dir;
  let real: string;
  try {
    real = realpathSync(dir);
    if (!statSync(real).isDirectory() || seen.has(real)) return undefined;
  } catch {
    return dir;
  }
  seen.add(real);
  for (const name of readdirSync(real)) {
    const found = escapingLink(join(real, name), roots, seen);
    if (found) return found === join(real, name) ? join(dir, name) : found;
  }
  return undefined;
}
