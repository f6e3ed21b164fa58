import type { ObjectStore } from "../object-store";

/** Step types whose work the engine runs on this machine. */
export type JobStepType = "Processing" | "Training" | "Transform";

/** One attempt of a job step, with every expression already resolved. */
export interface StepJob {
  stepName: string;
  stepType: JobStepType;
  /** The step's `Arguments` after parameter and property resolution: plain JSON, no expressions. */
  arguments: Record<string, unknown>;
  /** The job name the engine gave this attempt (e.g. `pipelines-<execution id>-<StepName>`). */
  jobName: string;
  executionId: string;
  /** An empty folder for this attempt: the runner lays out /opt/ml here when it runs on the host. */
  workDir: string;
  objectStore: ObjectStore;
  /** Appends one line to the step's log (stdout and stderr of the work go here too). */
  log(line: string): void;
  /** Aborted when the execution is stopped: the runner must kill the work and reject with StepStoppedError. */
  signal: AbortSignal;
  /**
   * Called with the pid of each process the job starts (it leads its own process group), so that an engine that
   * starts after a crash can end what this one left running; the returned function is called when it is gone.
   */
  trackProcess?(pid: number): () => void;
}

/**
 * What the runner adds to the step's properties (the Describe*-shaped object later steps read with
 * `Get`), e.g. `ModelArtifacts.S3ModelArtifacts` for Training, `FinalMetricDataList`, `TransformOutput`.
 * The engine merges it over the resolved arguments and the status fields it sets itself.
 */
export interface StepJobResult {
  properties: Record<string, unknown>;
  /** Which runner did the work, e.g. `host process` or `docker (image …)`: also written to the log. */
  runner: string;
  /** Things the user should know although the job succeeded (e.g. an output folder the job left empty). */
  warnings?: string[];
}

/** The work failed. `exceptionType` is what retry policies match (e.g. `SageMaker.JOB_INTERNAL_ERROR`); undefined = an error in the user's code, never retried. */
export class StepJobError extends Error {
  constructor(
    message: string,
    readonly exceptionType?: string,
  ) {
    super(message);
  }
}

export class StepStoppedError extends Error {}

export interface StepRunner {
  run(job: StepJob): Promise<StepJobResult>;
}
