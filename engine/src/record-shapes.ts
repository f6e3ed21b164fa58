/**
 * What a record read back from the store must look like for the engine to use it. Each function returns
 * why a value is not such a record, or undefined when it is. A record that fails is moved aside, not used.
 */
type Check = [member: string, ok: (value: unknown) => boolean, expected: string];

const isString = (v: unknown) => typeof v === "string";
const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optional =
  (ok: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || ok(v);
const oneOf =
  (...values: string[]) =>
  (v: unknown): boolean =>
    typeof v === "string" && values.includes(v);
const nameValueList = (v: unknown) => Array.isArray(v) && v.every((p) => isObject(p) && isString(p.Name) && isString(p.Value));

function problem(value: unknown, checks: Check[]): string | undefined {
  if (!isObject(value)) return "not a JSON object";
  for (const [member, ok, expected] of checks) if (!ok(value[member])) return `${member} is not ${expected}`;
  return undefined;
}

const PIPELINE: Check[] = [
  ["PipelineName", (v) => isString(v) && /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/.test(v as string), "a pipeline name"],
  ["PipelineArn", isString, "a string"],
  ["PipelineDefinition", isString, "a string"],
  ["PipelineStatus", oneOf("Active", "Deleting"), "a pipeline status"],
  ["CreationTime", isNumber, "a number"],
  ["LastModifiedTime", isNumber, "a number"],
  ["PipelineVersionId", isNumber, "a number"],
  ["PipelineDisplayName", optional(isString), "a string"],
  ["PipelineDescription", optional(isString), "a string"],
  ["RoleArn", optional(isString), "a string"],
  ["DefinitionDirectory", optional(isString), "a string"],
  ["ClientRequestToken", optional(isString), "a string"],
  ["ParallelismConfiguration", optional((v) => isObject(v) && isNumber(v.MaxParallelExecutionSteps)), "a parallelism configuration"],
  ["Tags", optional((v) => Array.isArray(v) && v.every((t) => isObject(t) && isString(t.Key))), "a list of tags"],
  [
    "PreviousVersions",
    optional(
      (v) => Array.isArray(v) && v.every((p) => isObject(p) && isNumber(p.PipelineVersionId) && isNumber(p.CreationTime) && isString(p.PipelineDefinition)),
    ),
    "a list of pipeline versions",
  ],
];

const EXECUTION_STATUSES = ["Executing", "Stopping", "Stopped", "Failed", "Succeeded"];

const EXECUTION: Check[] = [
  ["ExecutionId", isString, "a string"],
  ["PipelineArn", isString, "a string"],
  ["PipelineName", isString, "a string"],
  ["PipelineExecutionArn", isString, "a string"],
  ["PipelineExecutionStatus", oneOf(...EXECUTION_STATUSES), "an execution status"],
  ["CreationTime", isNumber, "a number"],
  ["LastModifiedTime", isNumber, "a number"],
  ["Parameters", nameValueList, "a list of parameters"],
  ["PipelineDefinition", isString, "a string"],
  ["PipelineVersionId", isNumber, "a number"],
  ["SelectiveExecutionConfig", optional((v) => isObject(v) && Array.isArray(v.SelectedSteps)), "a selective execution configuration"],
  ["RetryCount", optional(isNumber), "a number"],
  ["RetryTokens", optional((v) => Array.isArray(v) && v.every(isString)), "a list of strings"],
];

const STEP: Check[] = [
  ["StepName", isString, "a string"],
  ["StepType", isString, "a string"],
  ["StepStatus", oneOf("Starting", ...EXECUTION_STATUSES), "a step status"],
  ["AttemptCount", isNumber, "a number"],
  ["StartTime", optional(isNumber), "a number"],
  ["EndTime", optional(isNumber), "a number"],
  ["Properties", optional(isObject), "an object"],
  ["Metadata", optional(isObject), "an object"],
];

export const pipelineRecordProblem = (value: unknown) => problem(value, PIPELINE);

/** An execution record, which must be the one of the folder it is in. */
export function executionRecordProblem(id: string) {
  return (value: unknown) => problem(value, EXECUTION) ?? ((value as { ExecutionId: string }).ExecutionId === id ? undefined : `ExecutionId is not '${id}'`);
}

export const stepRecordProblem = (value: unknown) => problem(value, STEP);
