import type { PipelineExecutionStep, PipelineExecutionSummary } from "../../../sagemaker/src";
import { age, executionLabel, executionLabelOf, type NamedExecution } from "../../../core/src";

/**
 * The texts of executions in the Executions view and the run notifications (no VS Code here, so that they are tested
 * on their own). Every execution is called by its one name (core/src/execution-label.ts); the full ARN is in tooltips.
 */

export function summaryExecution(summary: PipelineExecutionSummary): NamedExecution {
  return { arn: summary.PipelineExecutionArn ?? "", displayName: summary.PipelineExecutionDisplayName };
}

/** An execution row: its name, `Succeeded · 3 min ago`, and a tooltip with the ARN. */
export function executionRow(summary: PipelineExecutionSummary, now: Date): { label: string; description: string; tooltip: string } {
  const parts = [summary.PipelineExecutionStatus ?? "Unknown"];
  if (summary.StartTime) parts.push(age(summary.StartTime, now));
  const lines = [summary.PipelineExecutionArn ?? "", summary.PipelineExecutionStatus ?? "Unknown"];
  if (summary.PipelineExecutionFailureReason) lines.push(summary.PipelineExecutionFailureReason);
  return { label: executionLabel(summaryExecution(summary)), description: parts.join(" · "), tooltip: lines.join("\n") };
}

/** A step row's description: `Succeeded · 1.2 s · reused from <execution>`; `known` names the source executions. */
export function stepDescription(step: PipelineExecutionStep, known: Iterable<NamedExecution>, now: Date): string {
  const parts = [step.StepStatus ?? "Unknown"];
  const duration = durationOf(now, step.StartTime, step.EndTime);
  if (duration) parts.push(duration);
  const reused = step.SelectiveExecutionResult?.SourcePipelineExecutionArn;
  if (reused) parts.push(`reused from ${executionLabelOf(reused, known)}`);
  const hit = step.CacheHitResult?.SourcePipelineExecutionArn;
  if (hit) parts.push(`cache hit from ${executionLabelOf(hit, known)}`);
  if (step.Metadata?.Condition?.Outcome) parts.push(`condition ${step.Metadata.Condition.Outcome}`);
  if (step.StepStatus === "Succeeded" && step.FailureReason?.startsWith("Warning:")) parts.push("warning");
  return parts.join(" · ");
}

/** The source executions a step row names (their display names are looked up when the view does not list them). */
export function stepSources(step: PipelineExecutionStep): string[] {
  return [step.SelectiveExecutionResult?.SourcePipelineExecutionArn, step.CacheHitResult?.SourcePipelineExecutionArn].filter((a): a is string => !!a);
}

/** The progress notification's title while an execution runs. */
export function progressTitle(pipelineName: string, execution: NamedExecution): string {
  return `${pipelineName}: execution ${executionLabel(execution)}`;
}

/** The notification when it ends. */
export function outcomeMessage(pipelineName: string, execution: NamedExecution, status: string, reason?: string): string {
  return `Execution ${executionLabel(execution)} of ${pipelineName}: ${status}${reason ? ` — ${reason}` : ""}`;
}

function durationOf(now: Date, start?: Date, end?: Date): string | undefined {
  if (!start) return undefined;
  const seconds = ((end ?? now).getTime() - start.getTime()) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
