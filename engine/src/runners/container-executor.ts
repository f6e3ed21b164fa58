import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { OPT_ML } from "./container-paths";
import { environmentNameProblem, imageProblem } from "./container-values";
import type { ProcessExecutor, ProcessSpec } from "./process-spec";
import { StepJobError, type StepJob } from "./runner";
import { commandLine, spawnLogged } from "./spawn-process";

export interface ContainerExecutorOptions {
  /** Path of the `docker` or `podman` binary. */
  binary: string;
  /** The environment of the docker client itself (not passed into the container). */
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
  /** Variables of `env` passed into the container by name (`--env NAME`: the value stays off the command line). */
  passEnv?: string[];
}

/**
 * Runs the work in a container: `<workDir>/opt/ml` is mounted at /opt/ml, so the layout the job module prepared is
 * what the container sees. `--network none` when the job asks for network isolation.
 */
export class ContainerExecutor implements ProcessExecutor {
  readonly kind = "container";

  constructor(private readonly options: ContainerExecutorOptions) {}

  get name(): string {
    return basename(this.options.binary);
  }

  describe(image: string | undefined): string {
    return `${this.name} (image ${image ?? "none"})`;
  }

  /** The `docker run` arguments for a spec (exported through the class for tests and the log). */
  runArguments(job: StepJob, spec: ProcessSpec, name: string): string[] {
    if (!spec.image) throw new StepJobError("The job names no container image.");
    const problem = imageProblem(spec.image);
    if (problem) throw new StepJobError(`The container image ${JSON.stringify(spec.image.slice(0, 200))} is refused: ${problem}.`);
    const mount = join(job.workDir, ...OPT_ML.split("/").filter(Boolean));
    const args = ["run", "--rm", "--name", name, "--volume", `${mount}:${OPT_ML}`];
    if (spec.networkIsolation) args.push("--network", "none");
    if (spec.cwd) args.push("--workdir", spec.cwd);
    for (const name of this.options.passEnv ?? []) args.push("--env", name);
    for (const [key, value] of Object.entries(spec.env)) {
      const envProblem = environmentNameProblem(key);
      if (envProblem) throw new StepJobError(`Environment ${JSON.stringify(key.slice(0, 200))} is refused: ${envProblem}.`);
      args.push("--env", `${key}=${value}`);
    }
    const [entry, ...entryArgs] = spec.entrypoint ?? [];
    if (entry !== undefined) args.push("--entrypoint", entry);
    // Every option is given before the image, as its own argument; `--` ends the options (docker and podman parse
    // their flags with cobra, which honours it), so even the image cannot be read as one.
    args.push("--", spec.image, ...entryArgs, ...spec.args);
    return args;
  }

  async run(job: StepJob, spec: ProcessSpec): Promise<void> {
    const name = containerName(job.jobName);
    const args = this.runArguments(job, spec, name);
    mkdirSync(join(job.workDir, ...OPT_ML.split("/").filter(Boolean)), { recursive: true });
    job.log(`$ ${commandLine([this.name, ...args])}`);
    await spawnLogged({
      command: this.options.binary,
      args,
      cwd: job.workDir,
      env: this.options.env,
      signal: job.signal,
      log: job.log,
      onLine: spec.onLine,
      maxRuntimeSeconds: spec.maxRuntimeSeconds,
      killGraceMs: this.options.killGraceMs,
      // Killing the client does not stop the container: ask the runtime to.
      onStop: () => {
        spawn(this.options.binary, ["kill", name], { env: this.options.env, stdio: "ignore" }).on("error", () => undefined);
      },
      // 125: the runtime itself failed (daemon, image pull); 126/127: the entrypoint cannot be run (a user error).
      exitExceptionType: (code) => (code === 125 ? "SageMaker.JOB_INTERNAL_ERROR" : undefined),
    });
  }
}

function containerName(jobName: string): string {
  const safe = jobName.replace(/[^a-zA-Z0-9_.-]/g, "-").slice(0, 48);
  return `sm-${safe}-${Math.random().toString(36).slice(2, 8)}`;
}
