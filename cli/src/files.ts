import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isPipelineDefinition, looksLikeBrokenDefinition } from "../../core/src";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", "out", ".vscode-test"]);

export class UsageError extends Error {}

export interface CollectedFiles {
  /** The files to lint, in order, each once. */
  files: string[];
  /** `.json` files under a named directory that are neither a definition nor a failed attempt at one. */
  skipped: string[];
  /** Named directories under which nothing is to be linted. */
  emptyDirectories: string[];
}

/**
 * Files to lint: named files as given; for a directory, every definition below it (`*.pipeline.json`, a `.json` whose
 * content is a definition) and every `.json` that looks like a broken one (a Python repr, a double-encoded string), so
 * that these fail the check instead of passing unnoticed. The other `.json` files are reported as skipped.
 */
export function collectFiles(paths: string[]): CollectedFiles {
  const files: string[] = [];
  const skipped: string[] = [];
  const emptyDirectories: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`No such file or directory: ${path}`);
    }
    if (stats.isDirectory()) {
      const before = files.length;
      walk(path, files, skipped);
      if (files.length === before) emptyDirectories.push(path);
    } else files.push(path);
  }
  const linted = new Set(files);
  return { files: [...linted], skipped: [...new Set(skipped)].filter((path) => !linted.has(path)), emptyDirectories };
}

function walk(directory: string, files: string[], skipped: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, files, skipped);
    } else if (entry.isFile() && entry.name.endsWith(".json")) {
      (isLintable(path, entry.name) ? files : skipped).push(path);
    }
  }
}

function isLintable(path: string, name: string): boolean {
  if (name.endsWith(".pipeline.json")) return true;
  const text = readFileSync(path, "utf8");
  return isPipelineDefinition(text) || looksLikeBrokenDefinition(text);
}
