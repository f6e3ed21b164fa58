import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { OPT_ML } from "./container-paths";

/**
 * Without a sandbox the host runner maps `/opt/ml` only where it can see it (the command, its arguments, the environment
 * values). Code that names `/opt/ml` itself would use the machine's real /opt/ml: such a job must not run.
 * This finds the first such reference: in the (already mapped) command line and environment, in the (non-Python) files
 * the command names, and in the code folders under the job's /opt/ml that hold them.
 */
const REFERENCE = /\/opt\/ml(?![A-Za-z0-9_.-])/;
// Python is guarded while it runs (python-guard.ts): its files are not scanned, so defaults such as
// `default="/opt/ml/processing"` for an argument the runner passes do not stop a job.
const CODE_FILE = /\.(sh|bash|r|R|pl|rb|js|mjs|cjs)$/;
const PYTHON_FILE = /\.(py|pyc|ipynb)$/;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_FILES = 2000;

export function findOptMlReference(workDir: string, argv: string[], env: Record<string, string>): string | undefined {
  const mapped = join(workDir, ...OPT_ML.split("/").filter(Boolean));
  const unmapped = (text: string) => REFERENCE.test(text.split(mapped).join(""));
  for (const arg of argv) if (unmapped(arg)) return `the command line (${JSON.stringify(arg)})`;
  for (const [key, value] of Object.entries(env)) if (unmapped(value)) return `the environment variable ${key}`;
  const files = new Set<string>();
  for (const arg of argv) {
    if (!isFile(arg) || PYTHON_FILE.test(arg)) continue;
    files.add(arg);
    const folder = dirname(arg);
    if (folder === mapped || folder.startsWith(`${mapped}${sep}`)) for (const file of codeFiles(folder)) files.add(file);
  }
  for (const file of files) {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) continue;
    if (unmapped(readFileSync(file, "latin1"))) return relativeName(workDir, mapped, file);
  }
  return undefined;
}

function relativeName(workDir: string, mapped: string, file: string): string {
  return file.startsWith(`${mapped}${sep}`) ? `${OPT_ML}/${relative(mapped, file).split(sep).join("/")}` : file;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function codeFiles(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (found.length >= MAX_FILES) break;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) codeFiles(path, found);
    else if (entry.isFile() && CODE_FILE.test(entry.name)) found.push(path);
  }
  return found;
}
