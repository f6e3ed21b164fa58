import { CreatePipelineCommand, DescribePipelineCommand, UpdatePipelineCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { DEFINITION_DIRECTORY_TAG } from "../../core/src";

export interface Deployment {
  /** `create`: the pipeline does not exist; `update`: the deployed definition differs; `unchanged`. */
  action: "create" | "update" | "unchanged";
  /** What differs from the deployed definition, a line each. */
  changes: string[];
  pipelineArn?: string;
}

/** The deployed pipeline compared with the editor's definition. */
export async function compareWithDeployed(client: SageMakerClient, pipelineName: string, definition: string): Promise<Deployment> {
  let deployed;
  try {
    deployed = await client.send(new DescribePipelineCommand({ PipelineName: pipelineName }));
  } catch (error) {
    if (/ResourceNotFound/.test((error as Error).name) || /does not exist/i.test((error as Error).message))
      return { action: "create", changes: [`Create the pipeline '${pipelineName}'.`] };
    throw error;
  }
  const changes = definitionChanges(parseOrUndefined(deployed.PipelineDefinition), parseOrUndefined(definition));
  return { action: changes.length > 0 ? "update" : "unchanged", changes, pipelineArn: deployed.PipelineArn };
}

/** CreatePipeline or UpdatePipeline, as `compareWithDeployed` decided. Local pipelines remember the definition's folder. */
export async function deploy(
  client: SageMakerClient,
  pipelineName: string,
  definition: string,
  deployment: Deployment,
  roleArn: string,
  definitionFolder?: string,
): Promise<string | undefined> {
  if (deployment.action === "create") {
    const tags = definitionFolder ? [{ Key: DEFINITION_DIRECTORY_TAG, Value: definitionFolder }] : undefined;
    const created = await client.send(new CreatePipelineCommand({ PipelineName: pipelineName, PipelineDefinition: definition, RoleArn: roleArn, Tags: tags }));
    return created.PipelineArn;
  }
  if (deployment.action === "update") {
    const updated = await client.send(new UpdatePipelineCommand({ PipelineName: pipelineName, PipelineDefinition: definition, RoleArn: roleArn }));
    return updated.PipelineArn;
  }
  return deployment.pipelineArn;
}

type Json = Record<string, unknown>;

/** Steps added, removed or changed, parameters and other top-level members changed. */
export function definitionChanges(before: Json | undefined, after: Json | undefined): string[] {
  if (!before || !after) return before === after ? [] : ["The deployed definition cannot be read: it is replaced."];
  const changes: string[] = [];
  const beforeSteps = stepsByName(before);
  const afterSteps = stepsByName(after);
  for (const [name, step] of afterSteps) {
    if (!beforeSteps.has(name)) changes.push(`Step ${name}: added.`);
    else if (canonical(beforeSteps.get(name)) !== canonical(step)) changes.push(`Step ${name}: changed.`);
  }
  for (const name of beforeSteps.keys()) if (!afterSteps.has(name)) changes.push(`Step ${name}: removed.`);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== "Steps"));
  for (const key of keys) if (canonical(before[key]) !== canonical(after[key])) changes.push(`${key}: changed.`);
  return changes;
}

function stepsByName(definition: Json): Map<string, unknown> {
  const result = new Map<string, unknown>();
  const visit = (steps: unknown) => {
    if (!Array.isArray(steps)) return;
    for (const step of steps as Json[]) {
      if (!step || typeof step !== "object" || typeof step.Name !== "string") continue;
      if (step.Type === "Condition") {
        const args = (step.Arguments ?? {}) as Json;
        result.set(step.Name, { ...step, Arguments: { ...args, IfSteps: names(args.IfSteps), ElseSteps: names(args.ElseSteps) } });
        visit(args.IfSteps);
        visit(args.ElseSteps);
      } else {
        result.set(step.Name, step);
      }
    }
  };
  visit(definition.Steps);
  return result;
}

const names = (steps: unknown) => (Array.isArray(steps) ? (steps as Json[]).map((s) => s?.Name) : steps);

/** JSON with sorted keys: member order does not make a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value as Json)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function parseOrUndefined(text: string | undefined): Json | undefined {
  try {
    const value = text === undefined ? undefined : JSON.parse(text);
    return value && typeof value === "object" ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
