import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FINISHED_STATUSES, type PastExecution } from "../../core/src";
import type { ExecutionRecord, StepRecord } from "./records";

/** One finished execution as cache insight needs it: the core's `PastExecution`, as the SageMaker layer's history gives it. */
export type StoredExecution = PastExecution;

/**
 * The newest finished executions of a pipeline, read from the store's records without an engine: nothing is created,
 * locked or written (a store that does not exist reads as no executions). What the editor shows before any engine runs.
 */
export function readStoreHistory(store: string, pipelineName: string, limit: number): StoredExecution[] {
  const executionsDir = join(store, "executions");
  if (!existsSync(executionsDir)) return [];
  const executions: ExecutionRecord[] = [];
  for (const id of readdirSync(executionsDir)) {
    const record = readJson<ExecutionRecord>(join(executionsDir, id, "execution.json"));
    if (record?.PipelineName === pipelineName && FINISHED_STATUSES.includes(record.PipelineExecutionStatus)) executions.push(record);
  }
  executions.sort((a, b) => b.CreationTime - a.CreationTime || b.ExecutionId.localeCompare(a.ExecutionId));
  return executions.slice(0, limit).map((e) => ({
    executionArn: e.PipelineExecutionArn,
    displayName: e.PipelineExecutionDisplayName,
    status: e.PipelineExecutionStatus,
    startTime: iso(e.CreationTime),
    definition: e.PipelineDefinition,
    parameters: Object.fromEntries(e.Parameters.map((p) => [p.Name, p.Value])),
    steps: readSteps(join(executionsDir, e.ExecutionId, "steps")),
  }));
}

function readSteps(dir: string): StoredExecution["steps"] {
  const steps: StoredExecution["steps"] = {};
  if (!existsSync(dir)) return steps;
  for (const name of readdirSync(dir)) {
    const step = readJson<StepRecord>(join(dir, name, "step.json"));
    if (!step) continue;
    steps[step.StepName] = {
      status: step.StepStatus,
      startTime: iso(step.StartTime),
      endTime: iso(step.EndTime),
      cacheHitFrom: step.CacheHitResult?.SourcePipelineExecutionArn,
      reusedFrom: step.SelectiveExecutionResult?.SourcePipelineExecutionArn,
    };
  }
  return steps;
}

/** The API's epoch seconds as the SDK turns them into dates (whole milliseconds). */
const iso = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(Math.round(seconds * 1000)).toISOString());

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}
