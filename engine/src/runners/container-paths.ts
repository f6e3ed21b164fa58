import { join, posix } from "node:path";
import { resolvesInside } from "../confine";
import { StepJobError } from "./runner";

/** The root of the SageMaker container layout. */
export const OPT_ML = "/opt/ml";

/**
 * The host path of a container path under /opt/ml: `<workDir>/opt/ml/...`.
 * Rejects relative paths, paths outside /opt/ml and paths that leave it with `..`.
 */
export function hostPath(workDir: string, containerPath: string, what = "path"): string {
  if (!posix.isAbsolute(containerPath)) {
    throw new StepJobError(`The ${what} '${containerPath}' must be an absolute path under ${OPT_ML}.`);
  }
  const normalized = posix.normalize(containerPath);
  if (normalized !== OPT_ML && !normalized.startsWith(`${OPT_ML}/`)) {
    throw new StepJobError(`The ${what} '${containerPath}' is outside ${OPT_ML}: local mode maps only ${OPT_ML} to the step's working folder.`);
  }
  return join(workDir, ...normalized.split("/").filter((part) => part.length > 0));
}

/**
 * The host path of a container path the engine reads or writes after the job ran: the job may have replaced a
 * folder with a symbolic link (a container's link to `/etc` is the host's `/etc`), so it must still resolve inside
 * the working folder.
 */
export function hostPathAfterJob(workDir: string, containerPath: string, what = "path"): string {
  const path = hostPath(workDir, containerPath, what);
  if (!resolvesInside(path, [workDir])) {
    throw new StepJobError(`The job left a symbolic link at ${containerPath} (${what}) that leads outside its working folder: local mode does not follow it.`);
  }
  return path;
}

/** A container path under `base` for a relative name (a channel, a program); rejects names that leave `base`. */
export function containerChild(base: string, name: string, what: string): string {
  if (name.length === 0 || posix.isAbsolute(name) || name.includes("\\")) {
    throw new StepJobError(`The ${what} '${name}' must be a relative path.`);
  }
  const joined = posix.normalize(posix.join(base, name));
  if (!joined.startsWith(`${base}/`)) throw new StepJobError(`The ${what} '${name}' leaves ${base}.`);
  return joined;
}

// `/opt/ml` or `/opt/ml/...` as a whole word: at the start of the text or after a separator
// (`--input=/opt/ml/x`, `a:/opt/ml/b`, a JSON string), and not `/opt/mlx` or `/x/opt/ml`.
const CONTAINER_PATH = /(^|[\s"'=,:;])(\/opt\/ml(?:\/[^\s"'=,:;]*)?)(?=$|[\s"'=,:;])/g;

/**
 * Rewrites every `/opt/ml/...` path in a command argument or environment value to its host path.
 * A path that would leave /opt/ml (`/opt/ml/../../etc`) is rejected.
 */
export function rewriteContainerPaths(workDir: string, value: string): string {
  return value.replace(CONTAINER_PATH, (_match, prefix: string, path: string) => prefix + hostPath(workDir, path, "path in the command"));
}
