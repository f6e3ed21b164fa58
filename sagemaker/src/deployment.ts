import { CreatePipelineCommand, DescribePipelineCommand, UpdatePipelineCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { compareDefinitions, DEFINITION_DIRECTORY_TAG } from "../../core/src";

export interface Deployment {
  /** `create`: the pipeline does not exist; `update`: the deployed definition differs; `unchanged`. */
  action: "create" | "update" | "unchanged";
  /** What differs from the deployed definition, a line each. */
  changes: string[];
  pipelineArn?: string;
  /** The deployed pipeline's `ParallelismConfiguration.MaxParallelExecutionSteps`, when it has one. */
  maxParallelSteps?: number;
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
  return {
    action: changes.length > 0 ? "update" : "unchanged",
    changes,
    pipelineArn: deployed.PipelineArn,
    maxParallelSteps: deployed.ParallelismConfiguration?.MaxParallelExecutionSteps,
  };
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
  const comparison = compareDefinitions(before, after);
  return [...comparison.steps.map((step) => `Step ${step.step}: ${step.kind}.`), ...comparison.members.map((member) => `${member}: changed.`)];
}

function parseOrUndefined(text: string | undefined): Json | undefined {
  try {
    const value = text === undefined ? undefined : JSON.parse(text);
    return value && typeof value === "object" ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
