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

/** How executions are named in messages: the one name of core/src/execution-label.ts. */
export { executionLabel } from "../execution-label";

/** The pipeline ARN an execution ARN belongs to: `arn:…:pipeline/<name>/execution/<id>` → `arn:…:pipeline/<name>`. */
export function pipelineArnOfExecution(executionArn: string): string | undefined {
  const at = executionArn.lastIndexOf("/execution/");
  return at > 0 ? executionArn.slice(0, at) : undefined;
}
