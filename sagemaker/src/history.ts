import type { PipelineExecutionStep, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { isFinished, type PastExecution } from "../../core/src";
import { executionDefinition } from "./definitions";
import { executionParameters, listAllSteps, listExecutions } from "./executions";

/** One finished execution as the cache verdicts need it: the core's `PastExecution`. */
export type ExecutionRecord = PastExecution;

/**
 * The recent finished executions of a pipeline with their definitions, parameters and steps. Finished executions never
 * change, so each is fetched once per history object; only the list is asked again.
 */
export class ExecutionHistory {
  private readonly finished = new Map<string, ExecutionRecord>();

  async recent(client: SageMakerClient, pipelineName: string, limit: number): Promise<ExecutionRecord[]> {
    const executions = (await listExecutions(client, pipelineName, limit)).filter(isFinished);
    const records: ExecutionRecord[] = [];
    for (const execution of executions) {
      let record = this.finished.get(execution.arn);
      if (!record) {
        record = await fetchRecord(client, execution.arn, execution.status, execution.startTime, execution.displayName);
        this.finished.set(execution.arn, record);
      }
      records.push(record);
    }
    return records;
  }
}

async function fetchRecord(
  client: SageMakerClient,
  executionArn: string,
  status: string,
  startTime: string | undefined,
  displayName: string | undefined,
): Promise<ExecutionRecord> {
  const definition = await executionDefinition(client, executionArn);
  const parameters = Object.fromEntries(
    (await executionParameters(client, executionArn)).filter((p) => p.Name !== undefined).map((p) => [p.Name!, p.Value ?? ""]),
  );
  const steps: ExecutionRecord["steps"] = {};
  for (const step of await listAllSteps(client, executionArn)) if (step.StepName && !steps[step.StepName]) steps[step.StepName] = stepRecord(step);
  return { executionArn, displayName, status, startTime, definition, parameters, steps };
}

function stepRecord(step: PipelineExecutionStep): ExecutionRecord["steps"][string] {
  return {
    status: step.StepStatus ?? "Unknown",
    startTime: step.StartTime?.toISOString(),
    endTime: step.EndTime?.toISOString(),
    cacheHitFrom: step.CacheHitResult?.SourcePipelineExecutionArn,
    reusedFrom: step.SelectiveExecutionResult?.SourcePipelineExecutionArn,
  };
}
