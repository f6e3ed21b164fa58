/**
 * The status overlay of the graph view: what ListPipelineExecutionSteps says of each step of one execution.
 * Shapes are structural (the SDK's PipelineExecutionStep fits) so the core needs no SDK.
 */
import { executionLabel, executionLabelOf, type NamedExecution } from "../execution-label";

export interface ExecutionStepLike {
  StepName?: string;
  StepStatus?: string;
  StartTime?: Date;
  EndTime?: Date;
  FailureReason?: string;
  CacheHitResult?: { SourcePipelineExecutionArn?: string };
  SelectiveExecutionResult?: { SourcePipelineExecutionArn?: string };
  Metadata?: { Condition?: { Outcome?: string } };
}

export interface StepRunStatus {
  /** The step name. */
  name: string;
  status: string;
  /** The step's outputs were reused from the reference execution (a selective run did not run it). */
  reusedFrom?: string;
  /** The step's job was a cache hit of an earlier execution. */
  cacheHitFrom?: string;
  /** `12.3 s`, `4 min 5 s`; running steps count to `now`. */
  duration?: string;
  failureReason?: string;
  /** A Condition step's outcome: `True` / `False`. */
  conditionOutcome?: string;
}

/** Why the overlay shows this execution. */
export type OverlaySource = "running" | "reference" | "latest" | "started";

export interface ExecutionOverlay {
  executionArn: string;
  /** The execution's one name (core/src/execution-label.ts). */
  label: string;
  status: string;
  source: OverlaySource;
  /** While true the extension polls. */
  running: boolean;
  /** One per step name (a list, not a record: `__proto__` is a valid step name). */
  steps: StepRunStatus[];
}

export const RUNNING_STATUSES: readonly string[] = ["Executing", "Starting", "Stopping"];

/**
 * Steps listed newest first: a name's first entry wins. `known`: executions whose display names name the sources of
 * reused and cached steps (others are named by their id).
 */
export function stepRunStatuses(steps: ExecutionStepLike[], now: Date, known: Iterable<NamedExecution> = []): StepRunStatus[] {
  const result: StepRunStatus[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    if (!step.StepName || seen.has(step.StepName)) continue;
    seen.add(step.StepName);
    const status: StepRunStatus = { name: step.StepName, status: step.StepStatus ?? "Unknown" };
    const reused = step.SelectiveExecutionResult?.SourcePipelineExecutionArn;
    if (reused) status.reusedFrom = executionLabelOf(reused, known);
    const hit = step.CacheHitResult?.SourcePipelineExecutionArn;
    if (hit) status.cacheHitFrom = executionLabelOf(hit, known);
    if (step.StartTime) status.duration = formatStepDuration((step.EndTime ?? now).getTime() - step.StartTime.getTime());
    if (step.FailureReason) status.failureReason = step.FailureReason;
    if (step.Metadata?.Condition?.Outcome) status.conditionOutcome = step.Metadata.Condition.Outcome;
    result.push(status);
  }
  return result;
}

export function executionOverlay(
  execution: { arn: string; status: string; displayName?: string },
  source: OverlaySource,
  steps: ExecutionStepLike[],
  now: Date,
  known: Iterable<NamedExecution> = [],
): ExecutionOverlay {
  return {
    executionArn: execution.arn,
    label: executionLabel(execution),
    status: execution.status,
    source,
    running: RUNNING_STATUSES.includes(execution.status),
    steps: stepRunStatuses(steps, now, known),
  };
}

export function formatStepDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
