import { PathEscapeError } from "../object-store";
import { ContainerExecutor } from "./container-executor";
import { detectContainerRuntime } from "./container-runtime";
import { HostExecutor } from "./host-executor";
import type { JobContext } from "./layout";
import type { ProcessExecutor } from "./process-spec";
import { runProcessing } from "./processing";
import { StepJobError, StepStoppedError, type StepJob, type StepJobResult, type StepRunner } from "./runner";
import { runTraining } from "./training";
import { runTransform } from "./transform";

export { StepJobError, StepStoppedError } from "./runner";
export type { StepJob, StepJobResult, StepRunner, JobStepType } from "./runner";

/**
 * `auto` (the default): a container runtime when `docker` or `podman` is on PATH and answers `info`, else host
 * processes. `host`: always host processes. `container`: always a container runtime (a job fails without one).
 */
export type RunnerMode = "auto" | "host" | "container";

export interface StepRunnerOptions {
  mode?: RunnerMode;
  /** The environment for finding the runtime and for host processes (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The interpreter for script mode and transform scripts on the host (default `python3`). */
  python?: string;
  /** Between SIGTERM and SIGKILL when a job is stopped (default 2000 ms). */
  killGraceMs?: number;
  /** How long `docker info` may take (default 10 s). */
  probeTimeoutMs?: number;
}

export interface RunnerSelection {
  executor?: ProcessExecutor;
  /** Why this runner, for the step's log. */
  reason: string;
}

/** Chooses how jobs run, once per engine. */
export async function selectExecutor(options: StepRunnerOptions = {}): Promise<RunnerSelection> {
  const env = options.env ?? process.env;
  const killGraceMs = options.killGraceMs ?? 2000;
  const mode = options.mode ?? "auto";
  if (mode === "host") return { executor: new HostExecutor({ env, killGraceMs }), reason: "the host runner was chosen in the settings" };
  const probe = await detectContainerRuntime(env, options.probeTimeoutMs);
  if (probe.binary) return { executor: new ContainerExecutor({ binary: probe.binary, env, killGraceMs }), reason: probe.reason };
  if (mode === "container") return { reason: `a container runtime was required but none is usable: ${probe.reason}` };
  return { executor: new HostExecutor({ env, killGraceMs }), reason: `no container runtime: ${probe.reason}` };
}

/** The StepRunner of the local engine: dispatches Processing, Training and Transform jobs to their modules. */
export function createStepRunner(options: StepRunnerOptions = {}): StepRunner {
  let selection: Promise<RunnerSelection> | undefined;
  return {
    async run(job: StepJob): Promise<StepJobResult> {
      selection ??= selectExecutor(options);
      const { executor, reason } = await selection;
      if (!executor) throw new StepJobError(`Cannot run the ${job.stepType} job: ${reason}.`);
      const context: JobContext = { executor, python: executor.kind === "host" ? (options.python ?? "python3") : "python3" };
      job.log(`Runner: ${executor.name} (${reason}). Job ${job.jobName}, working folder ${job.workDir}.`);
      try {
        const result = await runJob(job, context);
        job.log(`Completed by ${result.runner}.`);
        return result;
      } catch (error) {
        throw asJobError(error);
      }
    },
  };
}

function runJob(job: StepJob, context: JobContext): Promise<StepJobResult> {
  switch (job.stepType) {
    case "Processing":
      return runProcessing(job, context);
    case "Training":
      return runTraining(job, context);
    case "Transform":
      return runTransform(job, context);
    default:
      throw new StepJobError(`Step type ${String(job.stepType)} has no local runner (Processing, Training and Transform do).`);
  }
}

/** Errors the contract does not know become StepJobError: bad paths are the user's, anything else is internal. */
function asJobError(error: unknown): Error {
  if (error instanceof StepJobError || error instanceof StepStoppedError) return error;
  if (error instanceof PathEscapeError) return new StepJobError(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new StepJobError(`Local runner error: ${message}`, "SageMaker.JOB_INTERNAL_ERROR");
}
