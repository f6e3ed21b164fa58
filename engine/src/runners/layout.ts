import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { resolvesInside } from "../confine";
import { hostPath } from "./container-paths";
import type { ProcessExecutor } from "./process-spec";
import { StepStoppedError, type StepJob } from "./runner";

/** What a job module (processing, training, transform) needs besides the job. */
export interface JobContext {
  executor: ProcessExecutor;
  /** The Python interpreter for script mode and transform scripts (`python3`; the image's own in a container). */
  python: string;
}

/** Creates `<workDir>/opt/ml/...` folders for container paths; returns the host path of the first. */
export function makeDirs(job: StepJob, ...containerPaths: string[]): string {
  const paths = containerPaths.map((path) => hostPath(job.workDir, path));
  for (const path of paths) mkdirSync(path, { recursive: true });
  return paths[0];
}

/** Writes a JSON file at a container path (the configuration files SageMaker puts in the container). */
export function writeJson(job: StepJob, containerPath: string, value: unknown): void {
  const path = hostPath(job.workDir, containerPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function isFileAt(job: StepJob, containerPath: string): boolean {
  const path = hostPath(job.workDir, containerPath);
  return existsSync(path) && statSync(path).isFile();
}

/** A small text file the job may have written (e.g. /opt/ml/output/failure), if any. */
export function readTextAt(job: StepJob, containerPath: string): string | undefined {
  const path = hostPath(job.workDir, containerPath);
  // Not a symlink the job left there, nor a file behind a linked folder: nothing outside the job's folder is read.
  if (!existsSync(path) || !lstatSync(path).isFile() || !resolvesInside(path, [job.workDir])) return undefined;
  const text = readFileSync(path, "utf8").trim();
  return text.length > 0 ? text : undefined;
}

/** Between the stages of a job (downloads, processes, uploads): a stop request ends the job here. */
export function throwIfStopped(job: StepJob): void {
  if (job.signal.aborted) throw new StepStoppedError("The execution was stopped.");
}

/** `s3://b/p/` + `x` → `s3://b/p/x`. */
export function joinUri(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ""), ...parts].join("/");
}
