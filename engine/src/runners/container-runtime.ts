import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Finding a usable container runtime: `docker` or `podman` on PATH that answers `<runtime> info`. */

export const RUNTIMES = ["docker", "podman"] as const;

/** The executable named `name` on the PATH of `env`, if any. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const path = env.PATH ?? env.Path ?? "";
  const extensions = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Whether `<binary> info` exits with 0 within the timeout (a client without a daemon does not). */
export function answersInfo(binary: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, ["info"], { env, stdio: "ignore" });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(false);
    }, timeoutMs);
    child.on("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export interface RuntimeProbe {
  /** The runtime's binary, when one answers. */
  binary?: string;
  /** Why no runtime was chosen (for the log), e.g. `docker is on PATH but 'docker info' failed`. */
  reason: string;
}

/** The first of docker, podman that is on PATH and answers `info`. */
export async function detectContainerRuntime(env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<RuntimeProbe> {
  const notes: string[] = [];
  for (const name of RUNTIMES) {
    const binary = findOnPath(name, env);
    if (!binary) continue;
    if (await answersInfo(binary, env, timeoutMs)) return { binary, reason: `${name} answers '${name} info'` };
    notes.push(`${name} is on PATH but '${name} info' failed (is its daemon running?)`);
  }
  return { reason: notes.length > 0 ? notes.join("; ") : "neither docker nor podman is on PATH" };
}
