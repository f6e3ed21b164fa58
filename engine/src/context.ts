import type { ExecutionRun } from "./execution/executor";
import type { StepRunner } from "./runners/runner";
import type { DefinitionChecker } from "./definition-checker";
import type { Store } from "./store";

/** What the operations share. */
export interface EngineContext {
  store: Store;
  runner: StepRunner;
  /** Executions running in this process, by execution id. */
  runs: Map<string, ExecutionRun>;
  region: string;
  account: string;
  /** Folder that relative paths in definitions resolve against when a pipeline does not say. */
  baseDir: string;
  now(): number;
  /** The engine's log (stderr unless the host gives one). */
  log(message: string): void;
  /** CreatePipeline's and UpdatePipeline's check of a definition, off the event loop. */
  definitions: DefinitionChecker;
}

/** The tag a client puts on CreatePipeline to say where the definition file lives (relative paths); shared with the SageMaker layer. */
export { DEFINITION_DIRECTORY_TAG } from "../../core/src";

export function pipelineArn(context: EngineContext, name: string): string {
  return `arn:aws:sagemaker:${context.region}:${context.account}:pipeline/${name.toLowerCase()}`;
}

/** Accepts a pipeline name or ARN, as the API does. Names are case-insensitive, as the service's ARNs are (see Store.getPipeline). */
export function pipelineNameOf(context: EngineContext, nameOrArn: unknown): string {
  const text = String(nameOrArn ?? "");
  const match = /^arn:aws[a-z-]*:sagemaker:[^:]*:\d{12}:pipeline\/([^/]+)$/.exec(text);
  if (!match) return text;
  for (const record of context.store.pipelines.values()) if (record.PipelineArn === text) return record.PipelineName;
  return match[1];
}
