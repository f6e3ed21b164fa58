import type { EngineContext } from "../context";
import { validation } from "../errors";
import { requiredString } from "../validate-input";

/**
 * DescribeTrainingJob for the training jobs of the engine's steps: what `_PipelineExecution.result()` of the SageMaker
 * Python SDK reads (the job's entrypoint, output path and status) to find a `@step` function's pickled result.
 * Names are matched without case, as the SDK takes them from the job's (lower-case) ARN.
 */
export function jobOperations(context: EngineContext) {
  return {
    DescribeTrainingJob(input: Record<string, unknown>) {
      const name = requiredString(input, "TrainingJobName").toLowerCase();
      for (const steps of context.store.steps.values()) {
        for (const step of steps.values()) {
          const properties = step.Properties;
          if (step.StepType !== "Training" || typeof properties?.TrainingJobName !== "string" || properties.TrainingJobName.toLowerCase() !== name) continue;
          // Properties hold the job's request (as evaluated) and what the job produced, in the API's shape.
          return {
            ...properties,
            CreationTime: step.StartTime,
            TrainingStartTime: step.StartTime,
            TrainingEndTime: step.EndTime,
            LastModifiedTime: step.EndTime,
          };
        }
      }
      // The service's answer for a training job it does not have.
      throw validation("Requested resource not found.");
    },
  };
}
