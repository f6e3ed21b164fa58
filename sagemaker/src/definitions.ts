import {
  DescribePipelineCommand,
  DescribePipelineDefinitionForExecutionCommand,
  ListPipelineVersionsCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";

/** One version of a pipeline (each CreatePipeline and UpdatePipeline makes one). */
export interface PipelineVersionInfo {
  id: number;
  created?: string;
  displayName?: string;
  description?: string;
  lastExecutionArn?: string;
}

/** The definition an execution ran (DescribePipelineDefinitionForExecution). */
export async function executionDefinition(client: SageMakerClient, executionArn: string): Promise<string> {
  const described = await client.send(new DescribePipelineDefinitionForExecutionCommand({ PipelineExecutionArn: executionArn }));
  return described.PipelineDefinition ?? "";
}

/** The pipeline's versions, newest first, at most `limit` (ListPipelineVersions, paged). */
export async function pipelineVersions(client: SageMakerClient, pipelineName: string, limit = 50): Promise<PipelineVersionInfo[]> {
  const versions: PipelineVersionInfo[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListPipelineVersionsCommand({
        PipelineName: pipelineName,
        SortOrder: "Descending",
        MaxResults: Math.min(100, limit - versions.length),
        NextToken: token,
      }),
    );
    for (const v of page.PipelineVersionSummaries ?? []) {
      if (v.PipelineVersionId === undefined) continue;
      versions.push({
        id: v.PipelineVersionId,
        created: v.CreationTime?.toISOString(),
        displayName: v.PipelineVersionDisplayName,
        description: v.PipelineVersionDescription,
        lastExecutionArn: v.LastExecutionPipelineExecutionArn,
      });
    }
    token = page.NextToken;
  } while (token && versions.length < limit);
  return versions;
}

/** The definition of one version of a pipeline (DescribePipeline with PipelineVersionId). */
export async function versionDefinition(client: SageMakerClient, pipelineName: string, versionId: number): Promise<string> {
  const described = await client.send(new DescribePipelineCommand({ PipelineName: pipelineName, PipelineVersionId: versionId }));
  return described.PipelineDefinition ?? "";
}
