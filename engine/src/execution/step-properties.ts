import type { ExecutionRecord } from "../records";

/** ARNs and names the engine gives the resources a step creates, shaped like the service's. */
export function jobName(execution: ExecutionRecord, stepName: string): string {
  return `pipelines-${execution.ExecutionId}-${stepName}`.slice(0, 63);
}

export function resourceArn(execution: ExecutionRecord, kind: string, name: string): string {
  const [, , , region, account] = execution.PipelineArn.split(":");
  return `arn:aws:sagemaker:${region}:${account}:${kind}/${name.toLowerCase()}`;
}

/** The Describe* fields the service adds to a job step's properties once the job completed. */
export function jobProperties(stepType: string, execution: ExecutionRecord, name: string): Record<string, unknown> {
  switch (stepType) {
    case "Processing":
      return { ProcessingJobName: name, ProcessingJobArn: resourceArn(execution, "processing-job", name), ProcessingJobStatus: "Completed" };
    case "Training":
      return {
        TrainingJobName: name,
        TrainingJobArn: resourceArn(execution, "training-job", name),
        TrainingJobStatus: "Completed",
        SecondaryStatus: "Completed",
      };
    case "Transform":
      return { TransformJobName: name, TransformJobArn: resourceArn(execution, "transform-job", name), TransformJobStatus: "Completed" };
    default:
      return {};
  }
}

/** ListPipelineExecutionSteps' Metadata member for each type. */
export function stepMetadata(stepType: string, properties: Record<string, unknown>): Record<string, unknown> | undefined {
  switch (stepType) {
    case "Processing":
      return { ProcessingJob: { Arn: properties.ProcessingJobArn } };
    case "Training":
      return { TrainingJob: { Arn: properties.TrainingJobArn } };
    case "Transform":
      return { TransformJob: { Arn: properties.TransformJobArn } };
    case "Model":
      return { Model: { Arn: properties.ModelArn } };
    case "RegisterModel":
      return { RegisterModel: { Arn: properties.ModelPackageArn } };
    case "Condition":
      return { Condition: { Outcome: properties.Outcome } };
    default:
      return undefined;
  }
}
