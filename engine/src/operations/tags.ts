import type { EngineContext } from "../context";
import { validation } from "../errors";
import type { PipelineRecord } from "../records";
import { requiredString } from "../validate-input";
import { paginate } from "./pipelines";

type Tag = { Key: string; Value: string };

/** A resource holds at most this many tags (the service's limit, as TagList's max in the model). */
const MAX_TAGS = 50;

/**
 * AddTags, ListTags and DeleteTags on pipelines (what `Pipeline.upsert(tags=...)` calls). Tag keys and values are checked
 * against the model before (validate-request.ts). Other resources the engine does not keep are refused, naming the ARN.
 */
export function tagOperations(context: EngineContext) {
  const pipelineOf = (arn: string): PipelineRecord => {
    for (const record of context.store.pipelines.values()) if (record.PipelineArn === arn) return record;
    throw validation(`Resource ${arn} does not exist or is not a pipeline of the local engine (it keeps tags of pipelines only).`);
  };
  return {
    AddTags(input: Record<string, unknown>) {
      const record = pipelineOf(requiredString(input, "ResourceArn"));
      const added = input.Tags as Tag[];
      const byKey = new Map((record.Tags ?? []).map((t) => [t.Key, t]));
      for (const tag of added) byKey.set(tag.Key, { Key: tag.Key, Value: tag.Value });
      if (byKey.size > MAX_TAGS) throw validation(`Resource ${record.PipelineArn} would have ${byKey.size} tags; a resource can have at most ${MAX_TAGS}.`);
      context.store.savePipeline({ ...record, Tags: [...byKey.values()] });
      return { Tags: added };
    },

    ListTags(input: Record<string, unknown>) {
      const record = pipelineOf(requiredString(input, "ResourceArn"));
      const max = typeof input.MaxResults === "number" ? input.MaxResults : MAX_TAGS;
      const { page, next } = paginate(record.Tags ?? [], { ...input, MaxResults: Math.min(max, 100) }, MAX_TAGS);
      return { Tags: page, NextToken: next };
    },

    DeleteTags(input: Record<string, unknown>) {
      const record = pipelineOf(requiredString(input, "ResourceArn"));
      const keys = new Set(input.TagKeys as string[]);
      context.store.savePipeline({ ...record, Tags: (record.Tags ?? []).filter((t) => !keys.has(t.Key)) });
      return {};
    },
  };
}
