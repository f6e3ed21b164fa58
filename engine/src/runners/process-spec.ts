import type { StepJob } from "./runner";

/**
 * One process of a job, described in container terms: every path is a container path (`/opt/ml/...`).
 * The host executor maps them into the job's working folder; the container executor mounts the folder at /opt/ml.
 */
export interface ProcessSpec {
  /** The container image (AppSpecification.ImageUri, AlgorithmSpecification.TrainingImage, the model's Image). */
  image?: string;
  /** Overrides the image's entrypoint; the host executor cannot run a process without one. */
  entrypoint?: string[];
  /** Arguments after the entrypoint. */
  args: string[];
  /** Added to the process environment. */
  env: Record<string, string>;
  /** Working directory (container path); the host executor uses the job's working folder when unset. */
  cwd?: string;
  networkIsolation?: boolean;
  /** StoppingCondition.MaxRuntimeInSeconds. */
  maxRuntimeSeconds?: number;
  /** Every stdout and stderr line, e.g. for metric definitions. */
  onLine?(line: string): void;
  /** What the host executor says when there is no entrypoint to run. */
  missingEntrypoint?: string;
}

/** Runs a ProcessSpec: resolves when the process exits with 0, rejects with StepJobError or StepStoppedError. */
export interface ProcessExecutor {
  readonly kind: "host" | "container";
  /** `host process`, `docker` or `podman`. */
  readonly name: string;
  /** For the step's log and StepJobResult.runner, e.g. `host process` or `docker (image …)`. */
  describe(image: string | undefined): string;
  run(job: StepJob, spec: ProcessSpec): Promise<void>;
}
