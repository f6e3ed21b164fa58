import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
  type PipelineExecutionStep,
} from "@aws-sdk/client-sagemaker";
import { LocalEngine } from "../../engine/src/engine";
import { StepJobError, type StepJob, type StepJobResult, type StepRunner } from "../../engine/src/runners/runner";

/**
 * A runner that does a step's work in memory: it writes a small file into each processing output
 * (and the property files the test asks for), gives training jobs model artifacts, and records every call.
 */
export class RecordingRunner implements StepRunner {
  readonly calls: StepJob[] = [];
  /** Per step name: what to do instead of the default work. */
  readonly behaviour = new Map<string, (job: StepJob, attempt: number) => Promise<StepJobResult> | StepJobResult>();
  /** Files to write into a processing output: step → output name → file → content. */
  readonly files = new Map<string, Record<string, Record<string, string>>>();
  concurrent = 0;
  maxConcurrent = 0;

  async run(job: StepJob): Promise<StepJobResult> {
    this.calls.push(job);
    const attempt = this.calls.filter((c) => c.stepName === job.stepName && c.executionId === job.executionId).length;
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      const custom = this.behaviour.get(job.stepName);
      if (custom) return await custom(job, attempt);
      await new Promise((r) => setTimeout(r, 5));
      return this.defaultWork(job);
    } finally {
      this.concurrent--;
    }
  }

  ran(executionArn: string): string[] {
    const id = executionArn.split("/").pop();
    return this.calls.filter((c) => c.executionId === id).map((c) => c.stepName);
  }

  private defaultWork(job: StepJob): StepJobResult {
    if (job.stepType === "Processing") {
      const outputs = ((job.arguments.ProcessingOutputConfig as { Outputs?: Array<{ OutputName: string; S3Output: { S3Uri: string } }> })?.Outputs ?? []);
      for (const output of outputs) {
        const dir = job.objectStore.localPath(output.S3Output.S3Uri);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "done.txt"), job.jobName);
        for (const [file, content] of Object.entries(this.files.get(job.stepName)?.[output.OutputName] ?? {})) writeFileSync(join(dir, file), content);
      }
      return { properties: {}, runner: "recording" };
    }
    if (job.stepType === "Training") {
      const base = (job.arguments.OutputDataConfig as { S3OutputPath: string }).S3OutputPath;
      return { properties: { ModelArtifacts: { S3ModelArtifacts: `${base}/${job.jobName}/output/model.tar.gz` } }, runner: "recording" };
    }
    return { properties: {}, runner: "recording" };
  }
}

export function failWith(message: string, exceptionType?: string) {
  return () => {
    throw new StepJobError(message, exceptionType);
  };
}

export interface TestEngine {
  engine: LocalEngine;
  client: SageMakerClient;
  runner: RecordingRunner;
  endpoint: string;
  root: string;
  clock: { now: number };
}

export async function startEngine(root = mkdtempSync(join(tmpdir(), "smp-engine-")), runner = new RecordingRunner()): Promise<TestEngine> {
  const clock = { now: Date.now() };
  const engine = new LocalEngine({ root, runner, now: () => clock.now });
  const endpoint = await engine.listen();
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  return { engine, client, runner, endpoint, root, clock };
}

const TERMINAL = ["Succeeded", "Failed", "Stopped"];

export async function waitForExecution(client: SageMakerClient, arn: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    if (TERMINAL.includes(execution.PipelineExecutionStatus ?? "")) return execution;
    if (Date.now() > deadline) throw new Error(`execution still ${execution.PipelineExecutionStatus} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function stepsOf(client: SageMakerClient, arn: string): Promise<Record<string, PipelineExecutionStep>> {
  const result = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }));
  return Object.fromEntries((result.PipelineExecutionSteps ?? []).map((s) => [s.StepName!, s]));
}

/** Processing → Train → Eval (property file) → Check (mse ≤ threshold) → Register | Fail. */
export function abaloneLikeDefinition(options: { processCache?: string } = {}): string {
  const output = (name: string) => ({ OutputName: name, AppManaged: false, S3Output: { S3Uri: `s3://bucket/${name}`, LocalPath: `/opt/ml/processing/${name}`, S3UploadMode: "EndOfJob" } });
  const processing = (extra: Record<string, unknown>) => ({
    ProcessingResources: { ClusterConfig: { InstanceType: { Get: "Parameters.InstanceType" }, InstanceCount: 1, VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: "image", ContainerEntrypoint: ["python3", "/opt/ml/processing/code/run.py"] },
    RoleArn: "arn:aws:iam::123456789012:role/Role",
    ...extra,
  });
  return JSON.stringify({
    Version: "2020-12-01",
    Metadata: {},
    Parameters: [
      { Name: "InputData", Type: "String", DefaultValue: "s3://bucket/raw/data.csv" },
      { Name: "InstanceType", Type: "String", DefaultValue: "ml.m5.xlarge" },
      { Name: "MaxDepth", Type: "Integer", DefaultValue: 5 },
      { Name: "Threshold", Type: "Float", DefaultValue: 6.0 },
    ],
    PipelineExperimentConfig: { ExperimentName: { Get: "Execution.PipelineName" }, TrialName: { Get: "Execution.PipelineExecutionId" } },
    Steps: [
      {
        Name: "Process",
        Type: "Processing",
        ...(options.processCache ? { CacheConfig: { Enabled: true, ExpireAfter: options.processCache } } : {}),
        Arguments: processing({
          ProcessingInputs: [{ InputName: "input", AppManaged: false, S3Input: { S3Uri: { Get: "Parameters.InputData" }, LocalPath: "/opt/ml/processing/input", S3DataType: "S3Prefix", S3InputMode: "File" } }],
          ProcessingOutputConfig: { Outputs: [output("train"), output("test")] },
        }),
      },
      {
        Name: "Train",
        Type: "Training",
        Arguments: {
          AlgorithmSpecification: { TrainingImage: "image", TrainingInputMode: "File" },
          OutputDataConfig: { S3OutputPath: "s3://bucket/model" },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          ResourceConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 },
          RoleArn: "arn:aws:iam::123456789012:role/Role",
          HyperParameters: { max_depth: { "Std:Join": { On: "", Values: [{ Get: "Parameters.MaxDepth" }] } } },
          InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: { Get: "Steps.Process.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri" }, S3DataDistributionType: "FullyReplicated" } } }],
        },
      },
      {
        Name: "Eval",
        Type: "Processing",
        Arguments: processing({
          ProcessingInputs: [
            { InputName: "model", AppManaged: false, S3Input: { S3Uri: { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" }, LocalPath: "/opt/ml/processing/model", S3DataType: "S3Prefix", S3InputMode: "File" } },
            { InputName: "test", AppManaged: false, S3Input: { S3Uri: { Get: "Steps.Process.ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri" }, LocalPath: "/opt/ml/processing/test", S3DataType: "S3Prefix", S3InputMode: "File" } },
          ],
          ProcessingOutputConfig: { Outputs: [output("evaluation")] },
        }),
        PropertyFiles: [{ PropertyFileName: "Report", OutputName: "evaluation", FilePath: "evaluation.json" }],
      },
      {
        Name: "Check",
        Type: "Condition",
        Arguments: {
          Conditions: [{ Type: "LessThanOrEqualTo", LeftValue: { "Std:JsonGet": { PropertyFile: { Get: "Steps.Eval.PropertyFiles.Report" }, Path: "regression_metrics.mse.value" } }, RightValue: { Get: "Parameters.Threshold" } }],
          IfSteps: [
            {
              Name: "Register",
              Type: "RegisterModel",
              Arguments: {
                ModelPackageGroupName: "abalone",
                InferenceSpecification: { Containers: [{ Image: "image", ModelDataUrl: { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" } }], SupportedContentTypes: ["text/csv"], SupportedResponseMIMETypes: ["text/csv"] },
                ModelApprovalStatus: "PendingManualApproval",
              },
            },
          ],
          ElseSteps: [{ Name: "TooHigh", Type: "Fail", Arguments: { ErrorMessage: { "Std:Join": { On: " ", Values: ["MSE above", { Get: "Parameters.Threshold" }] } } } }],
        },
      },
    ],
  });
}
