import type { EngineContext } from "../context";
import { requiredString } from "../validate-input";
import { existingPipeline, paginate, pipelineVersions } from "./pipelines";

/** ListPipelineVersions: every version CreatePipeline and UpdatePipeline made, newest first unless SortOrder=Ascending. */
export function pipelineVersionOperations(context: EngineContext) {
  return {
    ListPipelineVersions(input: Record<string, unknown>) {
      const record = existingPipeline(context, requiredString(input, "PipelineName"));
      const after = typeof input.CreatedAfter === "number" ? input.CreatedAfter : -Infinity;
      const before = typeof input.CreatedBefore === "number" ? input.CreatedBefore : Infinity;
      const ascending = input.SortOrder === "Ascending";
      const versions = pipelineVersions(record)
        .filter((v) => v.CreationTime > after && v.CreationTime < before)
        .sort((a, b) => (a.PipelineVersionId - b.PipelineVersionId) * (ascending ? 1 : -1));
      const { page, next } = paginate(versions, input);
      return {
        PipelineVersionSummaries: page.map((v) => ({
          PipelineArn: record.PipelineArn,
          PipelineVersionId: v.PipelineVersionId,
          CreationTime: v.CreationTime,
          LastExecutionPipelineExecutionArn: lastExecutionOf(context, record.PipelineArn, v.PipelineVersionId),
        })),
        NextToken: next,
      };
    },
  };
}

function lastExecutionOf(context: EngineContext, pipelineArn: string, versionId: number): string | undefined {
  let latest: { arn: string; time: number } | undefined;
  for (const e of context.store.executions.values()) {
    if (e.PipelineArn !== pipelineArn || e.PipelineVersionId !== versionId) continue;
    if (!latest || e.CreationTime >= latest.time) latest = { arn: e.PipelineExecutionArn, time: e.CreationTime };
  }
  return latest?.arn;
}
