import { PathEscapeError } from "../object-store";
import { ContainerExecutor } from "./container-executor";
import { detectContainerRuntime } from "./container-runtime";
import { awsVariablesSet } from "./environment";
import { HostExecutor } from "./host-executor";
import type { JobContext } from "./layout";
import type { ProcessExecutor } from "./process-spec";
import { runProcessing } from "./processing";
import { StepJobError, StepStoppedError, type StepJob, type StepJobResult, type StepRunner } from "./runner";
import { noSandboxReason, sandboxBinary } from "./sandbox";
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
  /** AWS credentials of `env` reach the jobs (default false: a job gets no AWS variable). */
  passAwsCredentials?: boolean;
  /** false: host jobs run without network (in the sandbox); default true. */
  network?: boolean;
  /** false: never use the bubblewrap sandbox for host jobs (default: when it works here). */
  sandbox?: boolean;
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
  const passAwsCredentials = options.passAwsCredentials ?? false;
  const host = (why: string): RunnerSelection => {
    // SAGEMAKER_PIPELINES_NO_SANDBOX=1 in the engine's environment does what `sandbox: false` does (to try the fallback).
    const off = options.sandbox === false || env.SAGEMAKER_PIPELINES_NO_SANDBOX === "1";
    const sandbox = off ? undefined : sandboxBinary(env);
    const missing = off ? "the sandbox is turned off" : noSandboxReason();
    const how = sandbox ? "in a bubblewrap sandbox" : `without a sandbox: ${missing}`;
    const executor = new HostExecutor({ env, killGraceMs, sandbox, passAwsCredentials, network: options.network, noSandboxReason: missing });
    return { executor, reason: `${why}; ${how}` };
  };
  if (mode === "host") return host("the host runner was chosen in the settings");
  const probe = await detectContainerRuntime(env, options.probeTimeoutMs);
  if (probe.binary) {
    const passEnv = passAwsCredentials ? awsVariablesSet(env) : [];
    return { executor: new ContainerExecutor({ binary: probe.binary, env, killGraceMs, passEnv }), reason: probe.reason };
  }
  if (mode === "container") return { reason: `a container runtime was required but none is usable: ${probe.reason}` };
  return host(`no container runtime: ${probe.reason}`);
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
        for (const warning of result.warnings ?? []) job.log(`Warning: ${warning}`);
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
