import type { EngineContext } from "../context";
import { conflict, notFound } from "../errors";
import { resolveParameters } from "../execution/parameters";
import type { ExecutionRecord, StepRecord } from "../records";
import { optionalNumber, optionalString, requiredString } from "../validate-input";
import { definitionOf, existingExecution, launch } from "./executions";

const RETRYABLE = ["Failed", "Stopped"];

/** RetryPipelineExecution and UpdatePipelineExecution: changes to an execution that exists. */
export function executionChangeOperations(context: EngineContext) {
  return {
    /**
     * The same execution (same ARN) runs again with its own definition and parameters: the steps that succeeded stay
     * as they are, the failed and stopped ones and those that never ran (downstream of them) run, as the service does.
     */
    RetryPipelineExecution(input: Record<string, unknown>) {
      const execution = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      const token = optionalString(input, "ClientRequestToken");
      if (token && execution.RetryTokens?.includes(token)) return { PipelineExecutionArn: execution.PipelineExecutionArn };
      if (context.runs.has(execution.ExecutionId) || !RETRYABLE.includes(execution.PipelineExecutionStatus)) {
        throw conflict(
          `Pipeline execution '${execution.PipelineExecutionArn}' is ${execution.PipelineExecutionStatus}: only a Failed or Stopped execution can be retried.`,
        );
      }
      if (!context.store.getPipeline(execution.PipelineName)) throw notFound(`Pipeline '${execution.PipelineArn}' does not exist.`);
      const { model, declared } = definitionOf(execution.PipelineDefinition);
      const parameters = resolveParameters(declared, execution.Parameters);
      const kept = new Map<string, StepRecord>();
      for (const step of context.store.stepsOf(execution.ExecutionId)) if (step.StepStatus === "Succeeded") kept.set(step.StepName, step);
      const selected = execution.SelectiveExecutionConfig ? new Set(execution.SelectiveExecutionConfig.SelectedSteps.map((s) => s.StepName)) : undefined;
      const max = input.ParallelismConfiguration
        ? optionalNumber(input.ParallelismConfiguration as Record<string, unknown>, "MaxParallelExecutionSteps", 1, 1000)
        : undefined;
      const retry = (execution.RetryCount ?? 0) + 1;
      const record: ExecutionRecord = {
        ...execution,
        PipelineExecutionStatus: "Executing",
        FailureReason: undefined,
        LastModifiedTime: context.now() / 1000,
        ParallelismConfiguration: max !== undefined ? { MaxParallelExecutionSteps: max } : execution.ParallelismConfiguration,
        RetryCount: retry,
        RetryTokens: token ? [...(execution.RetryTokens ?? []), token] : execution.RetryTokens,
      };
      launch(context, record, model, parameters, { reused: new Map(), kept, selected, retry });
      return { PipelineExecutionArn: execution.PipelineExecutionArn };
    },

    UpdatePipelineExecution(input: Record<string, unknown>) {
      const execution = existingExecution(context, requiredString(input, "PipelineExecutionArn"));
      const max = input.ParallelismConfiguration
        ? optionalNumber(input.ParallelismConfiguration as Record<string, unknown>, "MaxParallelExecutionSteps", 1, 1000)
        : undefined;
      const changes = {
        PipelineExecutionDisplayName: optionalString(input, "PipelineExecutionDisplayName") ?? execution.PipelineExecutionDisplayName,
        PipelineExecutionDescription: optionalString(input, "PipelineExecutionDescription") ?? execution.PipelineExecutionDescription,
        ParallelismConfiguration: max !== undefined ? { MaxParallelExecutionSteps: max } : execution.ParallelismConfiguration,
      };
      // A running execution's record belongs to its run, which must make the change (its later writes would undo ours).
      const run = context.runs.get(execution.ExecutionId);
      if (run) run.amend(changes);
      else context.store.saveExecution({ ...execution, ...changes, LastModifiedTime: context.now() / 1000 });
      return { PipelineExecutionArn: execution.PipelineExecutionArn };
    },
  };
}
