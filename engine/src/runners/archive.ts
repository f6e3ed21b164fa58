import { spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { StepJobError } from "./runner";

/** `.tar.gz` archives with the system `tar` (no npm dependency). */

const INTERNAL = "SageMaker.JOB_INTERNAL_ERROR";

function tar(args: string[], failure: string, exceptionType?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("tar", args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    child.on("error", (error) => reject(new StepJobError(`${failure}: could not run the system 'tar' (${error.message}).`, INTERNAL)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new StepJobError(`${failure}: tar exited with code ${code}${stderr.trim() ? `: ${stderr.trim()}` : ""}`, exceptionType));
    });
  });
}

/** Packs the contents of `sourceDir` (its entries at the archive's root, as SageMaker does) into `archive`. */
export async function packTarGz(sourceDir: string, archive: string): Promise<void> {
  mkdirSync(dirname(archive), { recursive: true });
  // `./name` keeps an entry whose name starts with '-' from being read as an option.
  const entries = readdirSync(sourceDir)
    .sort()
    .map((name) => (name.startsWith("-") ? `./${name}` : name));
  const members = entries.length > 0 ? entries : ["--files-from=/dev/null"];
  await tar(["-czf", archive, "-C", sourceDir, ...members], `Could not pack ${sourceDir}`, INTERNAL);
}

/** Unpacks `archive` into `destDir` (a user's archive: a bad one is a user error). */
export async function unpackTarGz(archive: string, destDir: string): Promise<void> {
  mkdirSync(destDir, { recursive: true });
  await tar(["-xzf", archive, "-C", destDir, "--no-same-owner", "--no-same-permissions"], `Could not unpack ${archive}`);
}

export function isTarGz(path: string): boolean {
  return /\.(tar\.gz|tgz)$/i.test(path);
}
