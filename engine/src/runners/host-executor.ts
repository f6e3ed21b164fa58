import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hostPath, OPT_ML, rewriteContainerPaths } from "./container-paths";
import type { ProcessExecutor, ProcessSpec } from "./process-spec";
import { StepJobError, type StepJob } from "./runner";
import { spawnLogged } from "./spawn-process";

export interface HostExecutorOptions {
  /** The environment the processes inherit (PATH finds `python3`). */
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
}

/**
 * Runs the work as a process on this machine, with the container layout mapped into the job's working folder:
 * `/opt/ml/...` in the entrypoint, the arguments and the environment values becomes `<workDir>/opt/ml/...`.
 * The image is not used; network isolation is not enforced.
 */
export class HostExecutor implements ProcessExecutor {
  readonly kind = "host";
  readonly name = "host process";

  constructor(private readonly options: HostExecutorOptions) {}

  describe(): string {
    return "host process";
  }

  async run(job: StepJob, spec: ProcessSpec): Promise<void> {
    if (!spec.entrypoint || spec.entrypoint.length === 0) {
      throw new StepJobError(
        spec.missingEntrypoint ??
          `The job has no entrypoint: the host runner cannot run the image's own entrypoint (${spec.image ?? "no image"}); set a ContainerEntrypoint or run with a container runtime.`,
      );
    }
    const map = (value: string) => rewriteContainerPaths(job.workDir, value);
    const [command, ...entryArgs] = [...spec.entrypoint, ...spec.args].map(map);
    const env: NodeJS.ProcessEnv = {
      ...this.options.env,
      PYTHONUNBUFFERED: "1",
      // The SageMaker training toolkit reads its layout from here when it runs outside a container.
      SAGEMAKER_BASE_DIR: join(job.workDir, ...OPT_ML.split("/").filter(Boolean)),
    };
    for (const [key, value] of Object.entries(spec.env)) env[key] = map(value);
    const cwd = spec.cwd ? hostPath(job.workDir, spec.cwd, "working directory") : job.workDir;
    mkdirSync(cwd, { recursive: true });
    if (spec.networkIsolation) job.log("Note: EnableNetworkIsolation is not enforced by the host runner.");
    job.log(`$ ${[command, ...entryArgs].join(" ")}`);
    await spawnLogged({
      command,
      args: entryArgs,
      cwd,
      env,
      signal: job.signal,
      log: job.log,
      onLine: spec.onLine,
      maxRuntimeSeconds: spec.maxRuntimeSeconds,
      killGraceMs: this.options.killGraceMs,
    });
  }
}
