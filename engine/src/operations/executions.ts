import { buildModel, parseDocument, stepDag, analyzeSelection } from "../../../core/src";
import type { EngineContext } from "../context";
import { conflict, notFound, validation } from "../errors";
import { ExecutionRun, type ExecutionPlan } from "../execution/executor";
import { parameterList, resolveParameters, type DeclaredParameter } from "../execution/parameters";
import { ObjectStore } from "../object-store";
import type { ExecutionRecord, PipelineRecord, PipelineVersion, SelectiveExecutionConfig, StepRecord } from "../records";
import { checkDefinitionPaths } from "../validate-paths";
import { checkPattern, optionalNumber, optionalString, requiredString } from "../validate-input";
import { existingPipeline, paginate, pipelineVersion } from "./pipelines";

const EXECUTION_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/(.+)\/execution\/(.+)$/;
const REUSABLE_REFERENCE_STATUSES = ["Succeeded", "Failed", "Stopped"];

export function existingExecution(context: EngineContext, arn: unknown): ExecutionRecord {
  const text = String(arn ?? "");
  const match = EXECUTION_ARN.exec(text);
  const record = match ? context.store.executions.get(match[2]) : undefined;
  if (!record || record.PipelineExecutionArn !== text) throw notFound(`Pipeline execution '${text}' does not exist.`);
  return record;
}

export function executionOperations(context: EngineContext) {
  return {
    StartPipelineExecution(input: Record<string, unknown>) {
      const pipeline = existingPipeline(context, requiredString(input, "PipelineName"));
      const token = optionalString(input, "ClientRequestToken");
      if (token) {
        for (const execution of context.store.executions.values()) {
          if (execution.ClientRequestToken === token && execution.PipelineArn === pipeline.PipelineArn)
            return { PipelineExecutionArn: execution.PipelineExecutionArn };
        }
      }
      const displayName = optionalString(input, "PipelineExecutionDisplayName");
      if (displayName) checkPattern(displayName, "PipelineExecutionDisplayName", /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/, "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}");
      const version = pipelineVersion(pipeline, optionalNumber(input, "PipelineVersionId", 1, Number.MAX_SAFE_INTEGER));
      return { PipelineExecutionArn: start(context, pipeline, version, input, token, displayName).PipelineExecutionArn };
    },

    DescribePipelineExecution(input: Record<string, unknown>) {
      const e = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      return {
        PipelineArn: e.PipelineArn,
        PipelineExecutionArn: e.PipelineExecutionArn,
        PipelineExecutionDisplayName: e.PipelineExecutionDisplayName,
        PipelineExecutionStatus: e.PipelineExecutionStatus,
        PipelineExecutionDescription: e.PipelineExecutionDescription,
        PipelineExperimentConfig: e.PipelineExperimentConfig,
        FailureReason: e.FailureReason,
        CreationTime: e.CreationTime,
        LastModifiedTime: e.LastModifiedTime,
        ParallelismConfiguration: e.ParallelismConfiguration,
        SelectiveExecutionConfig: e.SelectiveExecutionConfig,
        PipelineVersionId: e.PipelineVersionId,
      };
    },

    ListPipelineExecutions(input: Record<string, unknown>) {
      const pipeline = existingPipeline(context, requiredString(input, "PipelineName"));
      const after = typeof input.CreatedAfter === "number" ? input.CreatedAfter : -Infinity;
      const before = typeof input.CreatedBefore === "number" ? input.CreatedBefore : Infinity;
      const descending = input.SortOrder !== "Ascending";
      const byArn = input.SortBy === "PipelineExecutionArn";
      const executions = [...context.store.executions.values()]
        .filter((e) => e.PipelineArn === pipeline.PipelineArn && e.CreationTime > after && e.CreationTime < before)
        .sort(
          (a, b) =>
            (byArn
              ? a.PipelineExecutionArn.localeCompare(b.PipelineExecutionArn)
              : a.CreationTime - b.CreationTime || a.ExecutionId.localeCompare(b.ExecutionId)) * (descending ? -1 : 1),
        );
      const { page, next } = paginate(executions, input);
      return {
        PipelineExecutionSummaries: page.map((e) => ({
          PipelineExecutionArn: e.PipelineExecutionArn,
          StartTime: e.CreationTime,
          PipelineExecutionStatus: e.PipelineExecutionStatus,
          PipelineExecutionDescription: e.PipelineExecutionDescription,
          PipelineExecutionDisplayName: e.PipelineExecutionDisplayName,
          PipelineExecutionFailureReason: e.FailureReason,
        })),
        NextToken: next,
      };
    },

    ListPipelineParametersForExecution(input: Record<string, unknown>) {
      const e = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      const { page, next } = paginate(e.Parameters, input);
      return { PipelineParameters: page, NextToken: next };
    },

    DescribePipelineDefinitionForExecution(input: Record<string, unknown>) {
      const e = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      return { PipelineDefinition: e.PipelineDefinition, CreationTime: e.CreationTime };
    },

    StopPipelineExecution(input: Record<string, unknown>) {
      const e = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      const run = context.runs.get(e.ExecutionId);
      if (!run || e.PipelineExecutionStatus !== "Executing") {
        if (e.PipelineExecutionStatus === "Stopping") return { PipelineExecutionArn: e.PipelineExecutionArn };
        throw conflict(`Pipeline execution '${e.PipelineExecutionArn}' is ${e.PipelineExecutionStatus}: only an Executing execution can be stopped.`);
      }
      run.stop();
      return { PipelineExecutionArn: e.PipelineExecutionArn };
    },

    ListPipelineExecutionSteps(input: Record<string, unknown>) {
      const e = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      const ascending = input.SortOrder === "Ascending";
      const steps = context.store.stepsOf(e.ExecutionId).sort((a, b) => ((a.StartTime ?? 0) - (b.StartTime ?? 0)) * (ascending ? 1 : -1));
      const { page, next } = paginate(steps, input);
      return { PipelineExecutionSteps: page.map(stepSummary), NextToken: next };
    },

    SendPipelineExecutionStepSuccess(input: Record<string, unknown>) {
      const token = requiredString(input, "CallbackToken");
      const outputs = Array.isArray(input.OutputParameters) ? (input.OutputParameters as Array<{ Name: string; Value: string }>) : [];
      return completeCallback(context, token, { outputs: Object.fromEntries(outputs.map((o) => [String(o.Name), String(o.Value)])) });
    },

    SendPipelineExecutionStepFailure(input: Record<string, unknown>) {
      const token = requiredString(input, "CallbackToken");
      return completeCallback(context, token, { failure: optionalString(input, "FailureReason") ?? "The callback reported a failure." });
    },
  };
}

function stepSummary(s: StepRecord) {
  return {
    StepName: s.StepName,
    StepDisplayName: s.StepDisplayName,
    StepDescription: s.StepDescription,
    StartTime: s.StartTime,
    EndTime: s.EndTime,
    StepStatus: s.StepStatus,
    CacheHitResult: s.CacheHitResult,
    FailureReason: s.FailureReason,
    Metadata: s.Metadata,
    AttemptCount: s.AttemptCount,
    SelectiveExecutionResult: s.SelectiveExecutionResult,
  };
}

function completeCallback(context: EngineContext, token: string, outcome: { outputs?: Record<string, string>; failure?: string }) {
  for (const [id, run] of context.runs) {
    if (run.completeCallback(token, outcome)) return { PipelineExecutionArn: context.store.executions.get(id)?.PipelineExecutionArn };
  }
  throw validation(`Callback token '${token}' does not belong to a step that is waiting for a callback.`);
}

/** The execution's model and declared parameters, from the definition it runs. */
export function definitionOf(definition: string) {
  const value = JSON.parse(definition) as Record<string, unknown>;
  const model = buildModel(parseDocument(definition).root!);
  const declared = ((value.Parameters as DeclaredParameter[] | undefined) ?? []).filter((p) => p && typeof p.Name === "string");
  return { value, model, declared };
}

function start(
  context: EngineContext,
  pipeline: PipelineRecord,
  version: PipelineVersion,
  input: Record<string, unknown>,
  token: string | undefined,
  displayName: string | undefined,
): ExecutionRecord {
  const { value: definitionValue, model, declared } = definitionOf(version.PipelineDefinition);
  const overrides = Array.isArray(input.PipelineParameters) ? (input.PipelineParameters as Array<{ Name?: unknown; Value?: unknown }>) : [];
  if (overrides.length > 200)
    throw validation(
      "1 validation error detected: Value at 'pipelineParameters' failed to satisfy constraint: Member must have length less than or equal to 200",
    );
  const parameters = resolveParameters(declared, overrides);
  checkDefinitionPaths(context, version.PipelineDefinition, pipeline.DefinitionDirectory, parameters);
  const selective = input.SelectiveExecutionConfig as SelectiveExecutionConfig | undefined;
  const plan = selective ? planSelection(context, pipeline, model, selective) : { reused: new Map<string, StepRecord>() };

  const id = newExecutionId();
  const now = context.now() / 1000;
  const parallel = input.ParallelismConfiguration as Record<string, unknown> | undefined;
  const max = parallel ? optionalNumber(parallel, "MaxParallelExecutionSteps", 1, 1000) : undefined;
  const experiment = evaluateExperimentConfig(definitionValue.PipelineExperimentConfig, pipeline, id);
  const record: ExecutionRecord = {
    PipelineArn: pipeline.PipelineArn,
    PipelineName: pipeline.PipelineName,
    PipelineExecutionArn: `${pipeline.PipelineArn}/execution/${id}`,
    ExecutionId: id,
    PipelineExecutionDisplayName: displayName ?? `execution-${Math.round(now * 1000)}`,
    PipelineExecutionDescription: optionalString(input, "PipelineExecutionDescription"),
    PipelineExecutionStatus: "Executing",
    CreationTime: now,
    LastModifiedTime: now,
    Parameters: parameterList(parameters),
    PipelineDefinition: version.PipelineDefinition,
    DefinitionDirectory: pipeline.DefinitionDirectory,
    PipelineVersionId: version.PipelineVersionId,
    ParallelismConfiguration: max !== undefined ? { MaxParallelExecutionSteps: max } : version.ParallelismConfiguration,
    SelectiveExecutionConfig: selective,
    ClientRequestToken: token,
    PipelineExperimentConfig: experiment,
  };
  // Everything is checked and built: only now is the execution recorded (disk, then memory), and started.
  launch(context, record, model, parameters, plan);
  return record;
}

/** Records the execution (disk, then memory) and runs it. */
export function launch(
  context: EngineContext,
  record: ExecutionRecord,
  model: ReturnType<typeof buildModel>,
  parameters: ReturnType<typeof resolveParameters>,
  plan: ExecutionPlan,
): void {
  const objectStore = new ObjectStore(context.store.objectStoreRoot, record.DefinitionDirectory ?? context.baseDir);
  const run = new ExecutionRun(context.store, context.runner, objectStore, record, model, parameters, plan, context.now);
  context.store.saveExecution(record);
  context.runs.set(record.ExecutionId, run);
  void run.done.then(() => {
    if (context.runs.get(record.ExecutionId) === run) context.runs.delete(record.ExecutionId);
  });
  run.start();
}

/** Applies the selective-execution rules the service enforces, and finds the steps to reuse. */
function planSelection(
  context: EngineContext,
  pipeline: PipelineRecord,
  model: ReturnType<typeof buildModel>,
  config: SelectiveExecutionConfig,
): ExecutionPlan {
  const names = Array.isArray(config.SelectedSteps) ? config.SelectedSteps.map((s) => String(s?.StepName ?? "")) : [];
  if (names.length < 1 || names.length > 50)
    throw validation(
      "1 validation error detected: Value at 'selectiveExecutionConfig.selectedSteps' failed to satisfy constraint: Member must have length between 1 and 50",
    );
  const dag = stepDag(model);
  const selection = analyzeSelection(dag, names);
  if (selection.unknown.length) throw validation(`Selected step(s) [${selection.unknown.join(", ")}] are not in the pipeline definition.`);
  if (selection.missingBetween.length) {
    throw validation(
      `All step(s) in all path(s) between two selected steps should be included. Steps [${selection.missingBetween.join(", ")}] lie between the selected steps [${names.join(", ")}] and are not selected.`,
    );
  }
  if (!selection.connected) throw validation(`The selected steps [${names.join(", ")}] are not connected in the pipeline graph.`);
  const reused = new Map<string, StepRecord>();
  if (selection.reusedUpstream.length === 0) {
    if (config.SourcePipelineExecutionArn) referenceExecution(context, pipeline, config.SourcePipelineExecutionArn);
    return { reused, selected: new Set(names) };
  }
  if (!config.SourcePipelineExecutionArn) {
    throw validation(
      `Invalid SourcePipelineExecutionArn: null. The selected steps [${selection.needReference.join(", ")}] have dependencies on [${selection.reusedUpstream.join(", ")}].`,
    );
  }
  const reference = referenceExecution(context, pipeline, config.SourcePipelineExecutionArn);
  const referenceSteps = context.store.steps.get(reference.ExecutionId);
  for (const step of selection.reusedUpstream) {
    const record = referenceSteps?.get(step);
    if (!record || record.StepStatus !== "Succeeded") {
      throw validation(
        `Step '${step}' did not succeed in the reference execution ${reference.PipelineExecutionArn}, so its outputs cannot be reused. Select it too, or choose another reference.`,
      );
    }
    reused.set(step, record);
  }
  return { reused, selected: new Set(names) };
}

function referenceExecution(context: EngineContext, pipeline: PipelineRecord, arn: string): ExecutionRecord {
  let reference: ExecutionRecord;
  try {
    reference = existingExecution(context, arn);
  } catch {
    throw validation(`Invalid SourcePipelineExecutionArn: ${arn} does not exist.`);
  }
  if (reference.PipelineArn !== pipeline.PipelineArn) throw validation(`Invalid SourcePipelineExecutionArn: ${arn} is an execution of another pipeline.`);
  if (!REUSABLE_REFERENCE_STATUSES.includes(reference.PipelineExecutionStatus)) {
    throw validation(
      `Invalid SourcePipelineExecutionArn: ${arn} is ${reference.PipelineExecutionStatus}; the reference execution must be Succeeded, Failed or Stopped.`,
    );
  }
  return reference;
}

function evaluateExperimentConfig(config: unknown, pipeline: PipelineRecord, executionId: string): ExecutionRecord["PipelineExperimentConfig"] {
  if (!config || typeof config !== "object") return undefined;
  const resolve = (value: unknown) => {
    const get = (value as { Get?: string } | undefined)?.Get;
    if (get === "Execution.PipelineName") return pipeline.PipelineName;
    if (get === "Execution.PipelineExecutionId") return executionId;
    return typeof value === "string" ? value : undefined;
  };
  const c = config as Record<string, unknown>;
  return { ExperimentName: resolve(c.ExperimentName), TrialName: resolve(c.TrialName) };
}

function newExecutionId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}
