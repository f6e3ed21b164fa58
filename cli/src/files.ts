import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isPipelineDefinition } from "../../core/src";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", "out", ".vscode-test"]);

export class UsageError extends Error {}

/** Files to lint: named files as given; for a directory, every definition below it. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`No such file or directory: ${path}`);
    }
    if (stats.isDirectory()) files.push(...definitionsUnder(path));
    else files.push(path);
  }
  return [...new Set(files)];
}

function definitionsUnder(directory: string): string[] {
  const found: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...definitionsUnder(path));
    } else if (entry.isFile() && entry.name.endsWith(".json")) {
      if (entry.name.endsWith(".pipeline.json") || isPipelineDefinition(readFileSync(path, "utf8"))) found.push(path);
    }
  }
  return found;
}
