/** What the planner knows of an execution: what ListPipelineExecutions / DescribePipelineExecution say. */
export interface ExecutionInfo {
  arn: string;
  /** The pipeline's ARN (executions of another pipeline are refused as references). */
  pipelineArn: string;
  status: string;
  /** ISO 8601. */
  startTime?: string;
  displayName?: string;
  /** True when the execution itself was a selective one. */
  selective?: boolean;
}

/** Statuses an execution can serve as a reference in. */
export const FINISHED_STATUSES: readonly string[] = ["Succeeded", "Failed", "Stopped"];

export const isFinished = (execution: ExecutionInfo) => FINISHED_STATUSES.includes(execution.status);

/** `arn:…:pipeline/<name>/execution/<id>` → `<id>`: how executions are named in messages. */
export function executionLabel(execution: ExecutionInfo): string {
  const id = execution.arn.split("/").pop() ?? execution.arn;
  return execution.displayName && execution.displayName !== id ? `${execution.displayName} (${id})` : id;
}

/** The pipeline ARN an execution ARN belongs to: `arn:…:pipeline/<name>/execution/<id>` → `arn:…:pipeline/<name>`. */
export function pipelineArnOfExecution(executionArn: string): string | undefined {
  const at = executionArn.lastIndexOf("/execution/");
  return at > 0 ? executionArn.slice(0, at) : undefined;
}
