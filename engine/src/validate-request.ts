import { validation } from "./errors";

/**
 * Checks a request's structured members (lists and structures) against the service model
 * (schemas/source/sagemaker-service-2.json) before an operation reads them, so that a null entry, a wrong
 * type or a too-long list is the service's ValidationException, never an internal error. Scalar members
 * are checked where the operations read them (validate-input.ts). A member that is absent or null is absent.
 */
type Shape =
  | { kind: "string"; min?: number; max?: number; pattern?: RegExp; patternText?: string }
  | { kind: "integer"; min: number; max: number }
  | { kind: "list"; member: Shape; min?: number; max?: number }
  | { kind: "structure"; members: Record<string, Shape>; required?: string[] };

/** Requests of the API nest a few levels; a body deeper than this is refused before anything walks it. */
export const MAX_REQUEST_DEPTH = 64;

const string = (min?: number, max?: number, pattern?: string): Shape => ({
  kind: "string",
  min,
  max,
  pattern: pattern ? new RegExp(`^(?:${pattern})$`, "u") : undefined,
  patternText: pattern,
});
const nameValue = (name: Shape, value: Shape): Shape => ({ kind: "structure", members: { Name: name, Value: value }, required: ["Name", "Value"] });
const PARALLELISM: Shape = {
  kind: "structure",
  members: { MaxParallelExecutionSteps: { kind: "integer", min: 1, max: 1000 } },
  required: ["MaxParallelExecutionSteps"],
};
const TAG_KEY = string(1, 128, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
/** TagValue is not length-checked: the local definition-directory tag holds a folder path, which may be longer. */
const TAGS: Shape = {
  kind: "list",
  max: 50,
  member: { kind: "structure", members: { Key: TAG_KEY, Value: string() }, required: ["Key", "Value"] },
};

const EXECUTION_ARN = string(0, 2048, "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*");
const RESOURCE_ARN = string(0, 256, "arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+");
const VERSION_ID: Shape = { kind: "integer", min: 1, max: Number.MAX_SAFE_INTEGER };

/** Per operation, its list and structure members (and the scalars operations added later check here), as the model declares them. */
const MEMBERS: Record<string, Record<string, Shape>> = {
  CreatePipeline: { Tags: TAGS, ParallelismConfiguration: PARALLELISM },
  UpdatePipeline: { ParallelismConfiguration: PARALLELISM },
  DescribePipeline: { PipelineVersionId: VERSION_ID },
  RetryPipelineExecution: { PipelineExecutionArn: EXECUTION_ARN, ClientRequestToken: string(1, 128), ParallelismConfiguration: PARALLELISM },
  UpdatePipelineExecution: {
    PipelineExecutionArn: EXECUTION_ARN,
    PipelineExecutionDisplayName: string(1, 82, "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}"),
    PipelineExecutionDescription: string(0, 3072),
    ParallelismConfiguration: PARALLELISM,
  },
  AddTags: { ResourceArn: RESOURCE_ARN, Tags: TAGS },
  ListTags: { ResourceArn: RESOURCE_ARN, MaxResults: { kind: "integer", min: 50, max: Number.MAX_SAFE_INTEGER } },
  DeleteTags: { ResourceArn: RESOURCE_ARN, TagKeys: { kind: "list", min: 1, max: 50, member: TAG_KEY } },
  StartPipelineExecution: {
    PipelineVersionId: VERSION_ID,
    PipelineParameters: { kind: "list", max: 200, member: nameValue(string(1, 256, "[A-Za-z0-9\\-_]*"), string(0, 1024)) },
    ParallelismConfiguration: PARALLELISM,
    SelectiveExecutionConfig: {
      kind: "structure",
      members: {
        SourcePipelineExecutionArn: string(0, 2048),
        SelectedSteps: { kind: "list", min: 1, max: 50, member: { kind: "structure", members: { StepName: string(0, 256) }, required: ["StepName"] } },
      },
      required: ["SelectedSteps"],
    },
  },
  SendPipelineExecutionStepSuccess: { OutputParameters: { kind: "list", max: 50, member: nameValue(string(0, 256), string(0, 1024)) } },
};

export function validateRequest(operation: string, input: Record<string, unknown>): void {
  checkDepth(input);
  const members = Object.hasOwn(MEMBERS, operation) ? MEMBERS[operation] : {};
  for (const [member, shape] of Object.entries(members)) {
    const value = input[member];
    if (value !== undefined && value !== null) check(value, shape, lowerFirst(member));
  }
}

/** Iterative (no recursion, so no stack to overflow): refuses a body that nests deeper than MAX_REQUEST_DEPTH. */
export function checkDepth(value: unknown, max = MAX_REQUEST_DEPTH): void {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > max) throw validation(`1 validation error detected: The request nests lists and structures more than ${max} levels deep.`);
    for (const child of Array.isArray(current) ? current : Object.values(current))
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
  }
}

function check(value: unknown, shape: Shape, path: string): void {
  if (value === null || value === undefined) throw failed(null, path, "Member must not be null");
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string") throw failed(value, path, "Member must be a string");
      if (shape.min !== undefined && value.length < shape.min) throw failed(value, path, `Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) throw failed(value, path, `Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern && !shape.pattern.test(value)) throw failed(value, path, `Member must satisfy regular expression pattern: ${shape.patternText}`);
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value) || value < shape.min || value > shape.max)
        throw failed(
          value,
          path,
          shape.max === Number.MAX_SAFE_INTEGER
            ? `Member must have value greater than or equal to ${shape.min}`
            : `Member must be an integer from ${shape.min} to ${shape.max}`,
        );
      return;
    case "list":
      if (!Array.isArray(value)) throw failed(value, path, "Member must be a list");
      if (shape.min !== undefined && value.length < shape.min) throw failed(value, path, `Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) throw failed(value, path, `Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, index) => check(item, shape.member, `${path}.${index + 1}.member`));
      return;
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) throw failed(value, path, "Member must be a structure");
      const object = value as Record<string, unknown>;
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const child = object[member];
        if (child === undefined || child === null) {
          if (shape.required?.includes(member)) throw failed(null, `${path}.${lowerFirst(member)}`, "Member must not be null");
          continue;
        }
        check(child, memberShape, `${path}.${lowerFirst(member)}`);
      }
    }
  }
}

function failed(value: unknown, path: string, constraint: string) {
  const shown = value === null ? "null" : `'${String(JSON.stringify(value)).slice(0, 200)}'`;
  return validation(`1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
