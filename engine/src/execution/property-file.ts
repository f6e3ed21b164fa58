import { readFileSync } from "node:fs";
import { PathEscapeError, type ObjectStore } from "../object-store";
import { EvaluationError } from "./expressions";

/** The most a property file may hold (the service's property files are small JSON documents). */
const MAX_BYTES = 1_048_576;

/** Why a property file's `FilePath` is not a relative path inside its output; undefined when it is. */
export function filePathProblem(filePath: unknown): string | undefined {
  if (typeof filePath !== "string" || filePath.length === 0) return "FilePath must be a non-empty relative path";
  if (/[\0-\x1f\\]/.test(filePath)) return "FilePath must not contain control characters or backslashes";
  if (filePath.startsWith("/")) return "FilePath must be relative to the output's folder, not absolute";
  if (filePath.split("/").some((part) => part === "..")) return "FilePath must not contain '..': it names a file inside the output's folder";
  return undefined;
}

/**
 * Reads and parses the property file `filePath` of the output at `outputUri`. The file must be inside the store
 * (symlinks followed); failure reasons never quote the file's content.
 */
export function readPropertyFile(objectStore: ObjectStore, outputUri: string, filePath: string, label: string): unknown {
  const problem = filePathProblem(filePath);
  if (problem) throw new EvaluationError(`${label}: ${problem} (got '${String(filePath).slice(0, 200)}').`);
  const uri = `${outputUri.replace(/\/+$/, "")}/${filePath}`;
  let path: string;
  try {
    path = objectStore.localPath(uri);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new EvaluationError(`${label}: ${error.message}`);
    throw error;
  }
  let text: string;
  try {
    const buffer = readFileSync(path);
    if (buffer.length > MAX_BYTES) throw new EvaluationError(`${label} at ${uri} is larger than ${MAX_BYTES} bytes.`);
    text = buffer.toString("utf8");
  } catch (error) {
    if (error instanceof EvaluationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvaluationError(`${label} could not be read from ${uri}${code === "ENOENT" ? ": the job did not write it" : code ? ` (${code})` : ""}.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EvaluationError(`${label} at ${uri} is not valid JSON.`);
  }
}
