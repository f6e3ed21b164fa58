import type { Finding } from "./diagnostic";
import { buildModel } from "./model";
import { parseDocument } from "./parse";

/** Findings that come from an execution, not from the text: they live until the step next succeeds or the user dismisses them. */
export const EXECUTION_STEP_FAILED = "execution-step-failed";
/** The service refused to create or start the pipeline, and its message names a step. */
export const EXECUTION_REFUSED = "execution-refused";

/** What an execution said about one step, as the editor keeps it between edits. */
export interface StepFailure {
  step: string;
  code: typeof EXECUTION_STEP_FAILED | typeof EXECUTION_REFUSED;
  /** The service's words: the step's FailureReason, or the refusal's message. */
  reason: string;
  /** The execution as the user knows it (display name or short id); none for a refusal. */
  execution?: string;
  /** The execution's ARN, to open the step's log from the failure. */
  executionArn?: string;
}

/**
 * Each failure on its step's `Name` value in `text` (the first step of that name, as the service resolves names).
 * Failures of steps the text no longer has are left out: the caller forgets them.
 */
export function stepFailureFindings(text: string, failures: readonly StepFailure[]): Finding[] {
  if (failures.length === 0) return [];
  const root = parseDocument(text).root;
  if (root?.type !== "object") return [];
  const steps = buildModel(root).stepsByName;
  const findings: Finding[] = [];
  for (const failure of failures) {
    const node = steps.get(failure.step)?.nameNode;
    if (!node) continue;
    findings.push({
      code: failure.code,
      message: failureMessage(failure),
      start: node.offset,
      end: node.offset + node.length,
      severity: "error",
      data: { step: failure.step },
    });
  }
  return findings;
}

function failureMessage(failure: StepFailure): string {
  const reason = failure.reason.trim() || "no reason given";
  if (failure.code === EXECUTION_REFUSED) return `The service refused the pipeline: ${reason}`;
  return `${failure.step} failed in execution ${failure.execution ?? "(unknown)"}: ${reason}`;
}

/** A step as ListPipelineExecutionSteps lists it. */
export interface ExecutedStep {
  StepName?: string;
  StepStatus?: string;
  FailureReason?: string;
}

/**
 * The failures to keep after an execution ended: the ones it did not touch stay, a step that succeeded (or was
 * reused from the cache) loses its failure, a step that failed gets this execution's reason.
 */
export function failuresAfterExecution(
  previous: readonly StepFailure[],
  steps: readonly ExecutedStep[],
  execution: string,
  executionArn?: string,
): StepFailure[] {
  const outcome = new Map<string, ExecutedStep>();
  for (const step of steps) if (step.StepName) outcome.set(step.StepName, step);
  const kept = previous.filter((failure) => {
    if (failure.code === EXECUTION_REFUSED) return false;
    const status = outcome.get(failure.step)?.StepStatus;
    return status === undefined || status === "Stopped" || status === "Executing" || status === "Starting";
  });
  const failed = [...outcome.values()]
    .filter((step) => step.StepStatus === "Failed")
    .map((step): StepFailure => ({
      step: step.StepName!,
      code: EXECUTION_STEP_FAILED,
      reason: step.FailureReason ?? "",
      execution,
      ...(executionArn ? { executionArn } : {}),
    }));
  const replaced = new Set(failed.map((f) => f.step));
  return [...kept.filter((f) => !replaced.has(f.step)), ...failed];
}
