import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { OPT_ML } from "./container-paths";

/**
 * The host runner's sandbox on Linux: bubblewrap (`bwrap`) gives the job SageMaker's `/opt/ml` (the job's own folder)
 * without touching the machine's, over a read-only view of the rest of the file system.
 */
export interface SandboxPaths {
  /** `<workDir>/opt/ml`: mounted at /opt/ml. */
  optMl: string;
  /** The job's private temporary folder: mounted at /tmp. */
  tmp: string;
  /** Working directory inside the sandbox (a container path). */
  cwd: string;
  /** false: no network (`--unshare-net`). */
  network: boolean;
  /** Folders replaced by an empty one in the sandbox (the user's ~/.aws when the credentials are not passed). */
  hide?: string[];
  /** Host folders under /tmp that stay visible, read-only, over the job's private /tmp (see `programFoldersUnderTmp`). */
  keep?: string[];
}

export const SANDBOX_TMP = "/tmp";

/** `/opt` is replaced by an empty folder that holds the job's /opt/ml and, read-only, what the machine has in /opt. */
function optBinds(): string[] {
  const args = ["--tmpfs", "/opt"];
  if (!existsSync("/opt")) return args;
  for (const entry of readdirSync("/opt")) {
    if (entry !== "ml") args.push("--ro-bind", `/opt/${entry}`, `/opt/${entry}`);
  }
  return args;
}

/** The machine read-only, with its devices and a /proc of the sandbox's own, and /opt without /opt/ml. */
const readOnlySystem = () => ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", ...optBinds()];
/** Its own PID namespace and session, ended with the engine. */
const OWN_PROCESSES = ["--unshare-pid", "--die-with-parent", "--new-session"];

/** The bwrap arguments before the command. */
export function bwrapArguments(paths: SandboxPaths): string[] {
  return [
    ...readOnlySystem(),
    "--bind",
    paths.optMl,
    OPT_ML,
    "--bind",
    paths.tmp,
    SANDBOX_TMP,
    ...(paths.keep ?? []).filter(isFolder).flatMap((folder) => ["--ro-bind", folder, folder]),
    ...(paths.hide ?? []).filter(isFolder).flatMap((folder) => ["--tmpfs", folder]),
    ...OWN_PROCESSES,
    ...(paths.network ? [] : ["--unshare-net"]),
    "--chdir",
    paths.cwd,
    "--",
  ];
}

/**
 * The folders of the job's PATH that lie under the machine's /tmp, which the job's private /tmp would hide: a venv or a
 * checkout in /tmp (its interpreter and packages). A `bin` folder keeps its parent, the prefix its programs load from.
 */
export function programFoldersUnderTmp(path: string): string[] {
  const folders = new Set<string>();
  for (const entry of path.split(":")) {
    if (!entry.startsWith("/")) continue;
    let real: string;
    try {
      real = realpathSync(entry);
    } catch {
      continue;
    }
    if (!real.startsWith(`${SANDBOX_TMP}/`)) continue;
    const folder = basename(real) === "bin" ? dirname(real) : real;
    if (folder !== SANDBOX_TMP) folders.add(folder);
  }
  return [...folders];
}

let probed: Map<string, string | undefined> | undefined;

/**
 * The `bwrap` binary when it works here (Linux, installed, namespaces allowed), else undefined; probed once per PATH by
 * running `true` in the same kind of sandbox the jobs get.
 */
export function sandboxBinary(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform !== "linux") return undefined;
  probed ??= new Map();
  const key = env.PATH ?? "";
  if (!probed.has(key)) probed.set(key, probe(env));
  return probed.get(key);
}

function probe(env: NodeJS.ProcessEnv): string | undefined {
  const args = [...readOnlySystem(), "--dir", OPT_ML, ...OWN_PROCESSES, "--unshare-net", "--", "true"];
  const result = spawnSync("bwrap", args, { env: { PATH: env.PATH ?? "" }, stdio: "ignore", timeout: 5000 });
  return result.status === 0 ? "bwrap" : undefined;
}

/** Why there is no sandbox, for the step's log and the fallback's failure. */
export function noSandboxReason(): string {
  return process.platform === "linux"
    ? "bubblewrap (bwrap) is not installed or cannot create a sandbox here"
    : `there is no sandbox for host processes on ${process.platform} (bubblewrap is Linux-only)`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
