import type { PipelineExecutionStep } from "../../../sagemaker/src";
import { escapeMarkdown } from "../../../core/src";

/**
 * The Markdown of a step's tooltip in the Executions view (no VS Code here, so that it is tested on its own). Every
 * value comes from the execution (the step's name, status, FailureReason: a process's stderr), so all of it is
 * escaped: a FailureReason with `[link](command:…)`, `<img>` or backticks reads as literal text. The tooltip is an
 * untrusted MarkdownString (no command links, no HTML) as well.
 */
export function stepTooltipMarkdown(step: Pick<PipelineExecutionStep, "StepName" | "StepStatus" | "FailureReason" | "AttemptCount">): string {
  return [
    `**${escapeMarkdown(step.StepName ?? "?")}** (${escapeMarkdown(String(step.StepStatus ?? "Unknown"))})`,
    // A step that succeeded carries the engine's warnings there (e.g. an output the job left empty).
    step.FailureReason ? (step.StepStatus === "Succeeded" ? failureText(step.FailureReason) : `Failure: ${failureText(step.FailureReason)}`) : "",
    step.AttemptCount ? `Attempts: ${escapeMarkdown(String(step.AttemptCount))}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** Escaped, line by line (a hard break each, so that stderr keeps its lines and a blank line cannot start a block). */
function failureText(reason: string): string {
  return reason
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdown(line.trim()))
    .filter((line) => line.length > 0)
    .join("  \n");
}
