/** What callers hand in and get back. Everything is plain JSON so it can cross the client/server boundary. */

/** One past execution of the pipeline, as the service's APIs describe it. */
export interface PastExecution {
  executionArn: string;
  /** PipelineExecutionDisplayName, as the service gives it (core/src/execution-label.ts decides whether it is shown). */
  displayName?: string;
  /** The execution's status. */
  status: string;
  /** ISO 8601. */
  startTime?: string;
  /** The definition text that execution ran (DescribePipelineDefinitionForExecution). */
  definition: string;
  /** ListPipelineParametersForExecution: strings, as the API gives them. */
  parameters: Record<string, string>;
  /** ListPipelineExecutionSteps, by step name. */
  steps: Record<string, PastStepRun>;
}

export interface PastStepRun {
  status: string;
  startTime?: string;
  endTime?: string;
  /** CacheHitResult.SourcePipelineExecutionArn: the step did not run, it reused that execution's run. */
  cacheHitFrom?: string;
  /** SelectiveExecutionResult.SourcePipelineExecutionArn: the step was not selected and reused that execution's run. */
  reusedFrom?: string;
}

export interface CacheInsightInput {
  /** The editor's definition text. */
  definition: string;
  /** Executions of this pipeline only: caching is per pipeline. Any order. */
  executions: PastExecution[];
  /** The next run's parameter values, as they will be sent; the rest take the definition's DefaultValue. */
  parameters?: Record<string, string>;
  /** The steps the next run will run (a selective run); all steps when absent. */
  selectedSteps?: string[];
}

/** A difference at one place of a step's definition, after parameter resolution. An absent side means "not set". */
export interface AttributeChange {
  /** `HyperParameters.max_depth`, `ProcessingInputs[code].S3Input.S3Uri`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** A key attribute that reads an execution variable with a new value in every run. */
export interface PerRunRead {
  path: string;
  /** `Execution.PipelineExecutionId`. */
  reference: string;
}

/** The past step run a verdict compares with. */
export interface ComparedRun {
  executionArn: string;
  /** The last segment of the ARN. */
  executionId: string;
  /** The execution's one name (core/src/execution-label.ts): what texts show. */
  label: string;
  /** When the step's run ended (ISO 8601): the cached result's age counts from here. */
  ranAt: string;
  ageMs: number;
}

export type UpstreamState =
  /** The upstream step is not selected in this selective run: its output comes from the reference execution. */
  | { kind: "reused-from-reference" }
  /** The upstream step hits the cache: its output stays the same. */
  | { kind: "hit"; label: string }
  /** The upstream step runs again (its own verdict is miss, expired, no runs yet, off or n/a). */
  | { kind: "runs-again"; verdict: CacheVerdictKind };

/** A key attribute of this step reads an output of an upstream step (`Get: Steps.X…`). */
export interface UpstreamNote {
  step: string;
  /** The key-attribute paths that read it. */
  paths: string[];
  state: UpstreamState;
}

export interface ExpirySetting {
  /** The ExpireAfter text, when there is one. */
  text?: string;
  /** `12 hours`. */
  words?: string;
  /** Undefined: no expiry (ExpireAfter missing or not a duration; the service keeps no timeout then). */
  windowMs?: number;
  problem?: "no-expiry" | "invalid-expiry";
}

export type CacheVerdictKind = CacheVerdict["kind"];

interface StepIdentity {
  step: string;
  stepType?: string;
}

/** Everything an "on" verdict says besides its kind. */
interface CachingOn extends StepIdentity {
  expiry: ExpirySetting;
  /** Key attributes that read per-run values: while any is there the step never hits. */
  perRunReads: PerRunRead[];
  upstream: UpstreamNote[];
}

interface Compared extends CachingOn {
  run: ComparedRun;
  /** Changes outside the cache key (these never make the step run again). */
  nonKeyChanges: AttributeChange[];
}

export type CacheVerdict =
  /** A step type that step caching does not cover. */
  | ({ kind: "n/a" } & StepIdentity)
  | ({ kind: "off" } & StepIdentity)
  /** Not among the steps of a selective run: caching plays no part. */
  | ({ kind: "not-selected" } & StepIdentity)
  /** No Succeeded run of this step that did the work. `noHistory`: the pipeline has no executions at all. */
  | ({ kind: "no-runs"; noHistory: boolean } & CachingOn)
  | ({ kind: "hit"; expiresAt?: string; expiresInMs?: number } & Compared)
  | ({ kind: "expired"; expiredAgoMs: number } & Compared)
  /** No past run has the same key; `run` is the closest one (fewest key changes, then the most recent). */
  | ({ kind: "miss"; keyChanges: AttributeChange[] } & Compared);
