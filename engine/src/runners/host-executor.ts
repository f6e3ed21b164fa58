import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { allowedVariables } from "./environment";
import { hostPath, OPT_ML, rewriteContainerPaths } from "./container-paths";
import { findOptMlReference } from "./opt-ml-guard";
import type { ProcessExecutor, ProcessSpec } from "./process-spec";
import { StepJobError, type StepJob } from "./runner";
import { bwrapArguments, noSandboxReason, SANDBOX_TMP } from "./sandbox";
import { commandLine, spawnLogged } from "./spawn-process";

export interface HostExecutorOptions {
  /** The engine's environment: PATH (finds `python3`) and the other allowed variables come from here. */
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
  /** The `bwrap` binary when the sandbox works here; undefined: the fallback (paths mapped, /opt/ml in code refused). */
  sandbox?: string;
  /** AWS credentials from `env` reach the job (default false). */
  passAwsCredentials?: boolean;
  /** false: no network in the sandbox (default true). */
  network?: boolean;
}

/**
 * Runs the work as a process on this machine. In the sandbox (Linux, bubblewrap) the job's `<workDir>/opt/ml` IS
 * /opt/ml and the rest of the file system is read-only. Without it, `/opt/ml/...` in the entrypoint, the arguments
 * and the environment values becomes `<workDir>/opt/ml/...`, and a job whose code names /opt/ml is refused.
 * Either way the process gets an allow-listed environment, a private HOME and TMPDIR. The image is not used.
 */
export class HostExecutor implements ProcessExecutor {
  readonly kind = "host";

  constructor(private readonly options: HostExecutorOptions) {}

  get name(): string {
    return this.options.sandbox ? "host process (sandbox)" : "host process";
  }

  describe(): string {
    return this.name;
  }

  async run(job: StepJob, spec: ProcessSpec): Promise<void> {
    if (!spec.entrypoint || spec.entrypoint.length === 0) {
      throw new StepJobError(
        spec.missingEntrypoint ??
          `The job has no entrypoint: the host runner cannot run the image's own entrypoint (${spec.image ?? "no image"}); set a ContainerEntrypoint or run with a container runtime.`,
      );
    }
    const optMl = join(job.workDir, ...OPT_ML.split("/").filter(Boolean));
    const tmp = join(job.workDir, "tmp");
    mkdirSync(join(tmp, "home"), { recursive: true, mode: 0o700 });
    const cwd = spec.cwd ?? OPT_ML;
    mkdirSync(hostPath(job.workDir, cwd, "working directory"), { recursive: true });
    if (spec.networkIsolation) job.log("Note: EnableNetworkIsolation is enforced only by the container runner (the sandbox's network follows the settings).");
    const sandbox = this.options.sandbox;
    if (!sandbox && this.options.network === false) job.log("Note: the network cannot be turned off without the sandbox (bubblewrap).");
    // In the sandbox paths stay container paths; without it they are mapped into the job's folder.
    const map = (value: string) => (sandbox ? value : rewriteContainerPaths(job.workDir, value));
    const argv = [...spec.entrypoint, ...spec.args].map(map);
    const jobTmp = sandbox ? SANDBOX_TMP : tmp;
    const env: Record<string, string> = {
      ...allowedVariables(this.options.env, this.options.passAwsCredentials ?? false),
      HOME: `${jobTmp}/home`,
      TMPDIR: jobTmp,
      ...(process.platform === "win32" ? { TMP: jobTmp, TEMP: jobTmp } : {}),
      PYTHONUNBUFFERED: "1",
      // The SageMaker training toolkit reads its layout from here when it runs outside a container.
      SAGEMAKER_BASE_DIR: sandbox ? OPT_ML : optMl,
    };
    for (const [key, value] of Object.entries(spec.env)) env[key] = map(value);
    if (!sandbox) {
      const reference = findOptMlReference(job.workDir, argv, spec.env);
      if (reference) {
        throw new StepJobError(
          `The job's code refers to ${OPT_ML} (in ${reference}), and the host runner has no sandbox here (${noSandboxReason()}): it would use this machine's own ${OPT_ML}. Run it with the container runner (setting sagemakerPipelines.local.runner "container", CLI --runner container), install bubblewrap (Linux), or take the folders from the arguments or the SM_* variables.`,
        );
      }
    }
    const [command, ...args] = sandbox
      ? [sandbox, ...bwrapArguments({ optMl, tmp, cwd, network: this.options.network ?? true }), ...argv]
      : argv;
    job.log(`$ ${commandLine(argv)}`);
    await spawnLogged({
      command,
      args,
      cwd: sandbox ? job.workDir : hostPath(job.workDir, cwd, "working directory"),
      env,
      signal: job.signal,
      log: job.log,
      onLine: spec.onLine,
      maxRuntimeSeconds: spec.maxRuntimeSeconds,
      killGraceMs: this.options.killGraceMs,
      trackProcess: job.trackProcess,
      display: argv,
    });
  }
}
