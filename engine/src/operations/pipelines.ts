import { DEFINITION_DIRECTORY_TAG, pipelineArn, pipelineNameOf, type EngineContext } from "../context";
import { notFound, validation } from "../errors";
import type { PipelineRecord, PipelineVersion } from "../records";
import { checkDefinitionPaths } from "../validate-paths";
import { checkPattern, optionalNumber, optionalString, requiredString } from "../validate-input";

const PIPELINE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;

/** The request's definition, checked in the definition checker's worker (the event loop answers other requests meanwhile). */
async function definitionOf(context: EngineContext, input: Record<string, unknown>): Promise<string> {
  if (input.PipelineDefinitionS3Location)
    throw validation("PipelineDefinitionS3Location is not supported by the local engine: send PipelineDefinition inline.");
  const definition = requiredString(input, "PipelineDefinition");
  if (definition.length > 1_048_576)
    throw validation(
      "1 validation error detected: Value at 'pipelineDefinition' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    );
  const refusal = await context.definitions.refusal(definition);
  if (refusal) throw validation(refusal);
  return definition;
}

/** Tags are checked against the model (validate-request.ts) before the operation runs. */
function tagsOf(input: Record<string, unknown>): PipelineRecord["Tags"] {
  return Array.isArray(input.Tags) ? (input.Tags as NonNullable<PipelineRecord["Tags"]>) : undefined;
}

function parallelism(input: Record<string, unknown>): { MaxParallelExecutionSteps: number } | undefined {
  const config = input.ParallelismConfiguration as Record<string, unknown> | undefined;
  if (!config) return undefined;
  const max = optionalNumber(config, "MaxParallelExecutionSteps", 1, 1000);
  return max === undefined ? undefined : { MaxParallelExecutionSteps: max };
}

export function existingPipeline(context: EngineContext, nameOrArn: unknown): PipelineRecord {
  const name = pipelineNameOf(context, nameOrArn);
  const record = context.store.getPipeline(name);
  if (!record) throw notFound(`Pipeline '${pipelineArn(context, name)}' does not exist.`);
  return record;
}

export function pipelineOperations(context: EngineContext) {
  return {
    async CreatePipeline(input: Record<string, unknown>) {
      const name = requiredString(input, "PipelineName");
      checkPattern(name, "PipelineName", PIPELINE_NAME, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
      const token = optionalString(input, "ClientRequestToken");
      // Names differing only in case are one pipeline (one ARN): the second is the existing pipeline.
      const existing = () => {
        const record = context.store.getPipeline(name);
        if (!record) return undefined;
        if (token && record.ClientRequestToken === token) return { PipelineArn: record.PipelineArn };
        // The service's answer, which the SageMaker Python SDK's upsert() reads ("already exists") to update instead.
        throw validation(`Pipeline names must be unique within an AWS account and region. Pipeline with name (${name}) already exists.`);
      };
      const before = existing();
      if (before) return before;
      const tags = tagsOf(input);
      const parallelismConfiguration = parallelism(input);
      const definition = await definitionOf(context, input);
      // Another request may have created it while the definition was checked.
      const meanwhile = existing();
      if (meanwhile) return meanwhile;
      const now = context.now() / 1000;
      const record: PipelineRecord = {
        PipelineName: name,
        PipelineArn: pipelineArn(context, name),
        PipelineDisplayName: optionalString(input, "PipelineDisplayName") ?? name,
        PipelineDescription: optionalString(input, "PipelineDescription"),
        RoleArn: optionalString(input, "RoleArn"),
        PipelineDefinition: definition,
        DefinitionDirectory: tags?.find((t) => t.Key === DEFINITION_DIRECTORY_TAG)?.Value,
        PipelineStatus: "Active",
        CreationTime: now,
        LastModifiedTime: now,
        PipelineVersionId: 1,
        ParallelismConfiguration: parallelismConfiguration,
        ClientRequestToken: token,
        Tags: tags,
      };
      checkDefinitionPaths(context, record.PipelineDefinition, record.DefinitionDirectory);
      context.store.savePipeline(record);
      return { PipelineArn: record.PipelineArn };
    },

    async UpdatePipeline(input: Record<string, unknown>) {
      const name = requiredString(input, "PipelineName");
      existingPipeline(context, name);
      const definition = input.PipelineDefinition !== undefined ? await definitionOf(context, input) : undefined;
      // Read after the check: an update that ended meanwhile is the version this one follows.
      const current = existingPipeline(context, name);
      // A new record, saved before it replaces the current one: a request that fails changes nothing.
      const record: PipelineRecord = {
        ...current,
        PipelineDefinition: definition !== undefined ? checkDefinitionPaths(context, definition, current.DefinitionDirectory) : current.PipelineDefinition,
        PipelineDisplayName: optionalString(input, "PipelineDisplayName") ?? current.PipelineDisplayName,
        PipelineDescription: optionalString(input, "PipelineDescription") ?? current.PipelineDescription,
        RoleArn: optionalString(input, "RoleArn") ?? current.RoleArn,
        ParallelismConfiguration: parallelism(input) ?? current.ParallelismConfiguration,
        PipelineVersionId: current.PipelineVersionId + 1,
        LastModifiedTime: context.now() / 1000,
        PreviousVersions: [...(current.PreviousVersions ?? []), currentVersion(current)],
      };
      context.store.savePipeline(record);
      return { PipelineArn: record.PipelineArn, PipelineVersionId: record.PipelineVersionId };
    },

    DescribePipeline(input: Record<string, unknown>) {
      const record = existingPipeline(context, requiredString(input, "PipelineName"));
      const version = pipelineVersion(record, optionalNumber(input, "PipelineVersionId", 1, Number.MAX_SAFE_INTEGER));
      return {
        PipelineArn: record.PipelineArn,
        PipelineName: record.PipelineName,
        PipelineDisplayName: version.PipelineDisplayName,
        PipelineDefinition: version.PipelineDefinition,
        PipelineDescription: version.PipelineDescription,
        RoleArn: version.RoleArn,
        PipelineStatus: record.PipelineStatus,
        CreationTime: record.CreationTime,
        LastModifiedTime: record.LastModifiedTime,
        LastRunTime: lastRunTime(context, record.PipelineArn),
        ParallelismConfiguration: version.ParallelismConfiguration,
      };
    },

    ListPipelines(input: Record<string, unknown>) {
      const prefix = optionalString(input, "PipelineNamePrefix") ?? "";
      const descending = input.SortOrder !== "Ascending";
      const byName = input.SortBy === "Name";
      const all = [...context.store.pipelines.values()]
        .filter((p) => p.PipelineName.startsWith(prefix))
        .sort((a, b) => (byName ? a.PipelineName.localeCompare(b.PipelineName) : a.CreationTime - b.CreationTime) * (descending ? -1 : 1));
      const { page, next } = paginate(all, input);
      return {
        PipelineSummaries: page.map((p) => ({
          PipelineArn: p.PipelineArn,
          PipelineName: p.PipelineName,
          PipelineDisplayName: p.PipelineDisplayName,
          PipelineDescription: p.PipelineDescription,
          RoleArn: p.RoleArn,
          CreationTime: p.CreationTime,
          LastModifiedTime: p.LastModifiedTime,
        })),
        NextToken: next,
      };
    },

    DeletePipeline(input: Record<string, unknown>) {
      const record = existingPipeline(context, requiredString(input, "PipelineName"));
      for (const execution of context.store.executions.values()) {
        if (execution.PipelineArn === record.PipelineArn && context.runs.has(execution.ExecutionId)) context.runs.get(execution.ExecutionId)!.stop();
      }
      context.store.deletePipeline(record.PipelineName);
      return { PipelineArn: record.PipelineArn };
    },
  };
}

/** The version UpdatePipeline is about to replace, or the one CreatePipeline made. */
export function currentVersion(record: PipelineRecord): PipelineVersion {
  return {
    PipelineVersionId: record.PipelineVersionId,
    // Version 1 dates from CreatePipeline, every later one from the UpdatePipeline that made it.
    CreationTime: record.PipelineVersionId === 1 ? record.CreationTime : record.LastModifiedTime,
    PipelineDefinition: record.PipelineDefinition,
    PipelineDisplayName: record.PipelineDisplayName,
    PipelineDescription: record.PipelineDescription,
    RoleArn: record.RoleArn,
    ParallelismConfiguration: record.ParallelismConfiguration,
  };
}

/** Every version, oldest first. */
export function pipelineVersions(record: PipelineRecord): PipelineVersion[] {
  return [...(record.PreviousVersions ?? []), currentVersion(record)];
}

/** The version asked for (the current one when `id` is undefined); ResourceNotFound for a version the pipeline never had. */
export function pipelineVersion(record: PipelineRecord, id: number | undefined): PipelineVersion {
  if (id === undefined) return currentVersion(record);
  const version = pipelineVersions(record).find((v) => v.PipelineVersionId === id);
  if (!version) throw notFound(`Pipeline version ${id} of pipeline '${record.PipelineArn}' does not exist.`);
  return version;
}

function lastRunTime(context: EngineContext, arn: string): number | undefined {
  let latest: number | undefined;
  for (const e of context.store.executions.values()) if (e.PipelineArn === arn && (latest === undefined || e.CreationTime > latest)) latest = e.CreationTime;
  return latest;
}

/** NextToken is the offset of the next page, opaque to clients. */
export function paginate<T>(items: T[], input: Record<string, unknown>, defaultMax = 50): { page: T[]; next?: string } {
  const max = optionalNumber(input, "MaxResults", 1, 100) ?? defaultMax;
  const token = optionalString(input, "NextToken");
  let offset = 0;
  if (token) {
    const decoded = /^offset-(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (!decoded) throw validation("Invalid NextToken.");
    offset = Number(decoded[1]);
  }
  const page = items.slice(offset, offset + max);
  const next = offset + max < items.length ? Buffer.from(`offset-${offset + max}`).toString("base64url") : undefined;
  return { page, next };
}
