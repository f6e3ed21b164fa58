import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribePipelineExecutionCommand, ListPipelineExecutionStepsCommand, SageMakerClient, type PipelineExecutionStep } from "@aws-sdk/client-sagemaker";
import { LocalEngine } from "../../engine/src/engine";
import { StepJobError, StepStoppedError, type StepJob, type StepJobResult, type StepRunner } from "../../engine/src/runners/runner";

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
      // Real work is asynchronous: yield once (no wall-clock wait; a test that needs a step to be
      // running at some moment holds it with a StepGate).
      await new Promise((r) => setImmediate(r));
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
      const outputs = (job.arguments.ProcessingOutputConfig as { Outputs?: Array<{ OutputName: string; S3Output: { S3Uri: string } }> })?.Outputs ?? [];
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

/** The engine behind each test client, so that waiting for an execution can await its end. */
const enginesByClient = new WeakMap<SageMakerClient, LocalEngine>();

/**
 * An engine on a free port. Without a `root`, its store is a new temporary folder that `engine.close()`
 * removes (every test file closes its engines in an `after` hook).
 */
export async function startEngine(root?: string, runner = new RecordingRunner(), options: { log?: (message: string) => void } = {}): Promise<TestEngine> {
  const folder = root ?? mkdtempSync(join(tmpdir(), "smp-engine-"));
  const clock = { now: Date.now() };
  const engine = new LocalEngine({ root: folder, runner, now: () => clock.now, log: options.log });
  if (root === undefined) {
    const close = engine.close.bind(engine);
    engine.close = async () => {
      try {
        await close();
      } finally {
        rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
      }
    };
  }
  const endpoint = await engine.listen();
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: engine.credentials, maxAttempts: 1 });
  enginesByClient.set(client, engine);
  return { engine, client, runner, endpoint, root: folder, clock };
}

const TERMINAL = ["Succeeded", "Failed", "Stopped"];

/**
 * The execution once it has ended. For a client of `startEngine` this awaits the run's end (no polling);
 * for any other client it polls the API until the deadline.
 */
export async function waitForExecution(client: SageMakerClient, arn: string, timeoutMs = 20_000) {
  const describe = () => client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
  const run = enginesByClient.get(client)?.context.runs.get(arn.split("/").pop()!);
  if (run) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    const ended = await Promise.race([run.done.then(() => "done" as const), timedOut]).finally(() => clearTimeout(timer));
    const execution = await describe();
    if (ended === "timeout") throw new Error(`execution still ${execution.PipelineExecutionStatus} after ${timeoutMs} ms`);
    return execution;
  }
  return until(`execution ${arn} to end`, describe, (execution) => TERMINAL.includes(execution.PipelineExecutionStatus ?? ""), timeoutMs);
}

/**
 * Polls `read` until `done` holds, or fails at the deadline. Only for conditions with no event to await
 * (state in another process, or records the engine writes without telling anyone).
 */
export async function until<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Holds step jobs until the test lets them go, so a test knows that a step is running, and for how long,
 * without guessing at timings. `hold(job)` resolves when the test releases the job and rejects with
 * StepStoppedError when its execution is stopped (as a real job's process is killed).
 */
export class StepGate {
  /** The jobs held now, in the order they started. */
  readonly held: StepJob[] = [];
  private readonly releases = new Map<StepJob, () => void>();
  private readonly waiters = new Set<() => void>();
  private opened = false;

  hold(job: StepJob): Promise<void> {
    if (this.opened) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = () => {
        this.forget(job);
        reject(new StepStoppedError("The execution was stopped."));
      };
      if (job.signal.aborted) return stop();
      job.signal.addEventListener("abort", stop, { once: true });
      this.releases.set(job, () => {
        job.signal.removeEventListener("abort", stop);
        resolve();
      });
      this.held.push(job);
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** A RecordingRunner behaviour: held, then succeeds with no properties. */
  readonly step = async (job: StepJob): Promise<StepJobResult> => {
    await this.hold(job);
    return { properties: {}, runner: "gate" };
  };

  /** Resolves with the held jobs (those `which` accepts) once there are at least `count`. */
  async whenHeld(count: number, which: (job: StepJob) => boolean = () => true): Promise<StepJob[]> {
    for (;;) {
      const jobs = this.held.filter(which);
      if (jobs.length >= count) return jobs;
      await new Promise<void>((wake) => {
        const once = () => {
          this.waiters.delete(once);
          wake();
        };
        this.waiters.add(once);
      });
    }
  }

  /** Lets the held jobs (those `which` accepts) succeed; returns how many. */
  release(which: (job: StepJob) => boolean = () => true): number {
    const jobs = this.held.filter(which);
    for (const job of jobs) {
      const release = this.releases.get(job)!;
      this.forget(job);
      release();
    }
    return jobs.length;
  }

  /** Releases every held job, and holds no more. */
  open(): void {
    this.opened = true;
    this.release();
  }

  private forget(job: StepJob): void {
    this.releases.delete(job);
    const index = this.held.indexOf(job);
    if (index >= 0) this.held.splice(index, 1);
  }
}

export async function stepsOf(client: SageMakerClient, arn: string): Promise<Record<string, PipelineExecutionStep>> {
  const result = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }));
  return Object.fromEntries((result.PipelineExecutionSteps ?? []).map((s) => [s.StepName!, s]));
}

/** Processing → Train → Eval (property file) → Check (mse ≤ threshold) → Register | Fail. */
export function abaloneLikeDefinition(options: { processCache?: string } = {}): string {
  const output = (name: string) => ({
    OutputName: name,
    AppManaged: false,
    S3Output: { S3Uri: `s3://bucket/${name}`, LocalPath: `/opt/ml/processing/${name}`, S3UploadMode: "EndOfJob" },
  });
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
          ProcessingInputs: [
            {
              InputName: "input",
              AppManaged: false,
              S3Input: { S3Uri: { Get: "Parameters.InputData" }, LocalPath: "/opt/ml/processing/input", S3DataType: "S3Prefix", S3InputMode: "File" },
            },
          ],
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
          InputDataConfig: [
            {
              ChannelName: "train",
              DataSource: {
                S3DataSource: {
                  S3DataType: "S3Prefix",
                  S3Uri: { Get: "Steps.Process.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri" },
                  S3DataDistributionType: "FullyReplicated",
                },
              },
            },
          ],
        },
      },
      {
        Name: "Eval",
        Type: "Processing",
        Arguments: processing({
          ProcessingInputs: [
            {
              InputName: "model",
              AppManaged: false,
              S3Input: {
                S3Uri: { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" },
                LocalPath: "/opt/ml/processing/model",
                S3DataType: "S3Prefix",
                S3InputMode: "File",
              },
            },
            {
              InputName: "test",
              AppManaged: false,
              S3Input: {
                S3Uri: { Get: "Steps.Process.ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri" },
                LocalPath: "/opt/ml/processing/test",
                S3DataType: "S3Prefix",
                S3InputMode: "File",
              },
            },
          ],
          ProcessingOutputConfig: { Outputs: [output("evaluation")] },
        }),
        PropertyFiles: [{ PropertyFileName: "Report", OutputName: "evaluation", FilePath: "evaluation.json" }],
      },
      {
        Name: "Check",
        Type: "Condition",
        Arguments: {
          Conditions: [
            {
              Type: "LessThanOrEqualTo",
              LeftValue: { "Std:JsonGet": { PropertyFile: { Get: "Steps.Eval.PropertyFiles.Report" }, Path: "regression_metrics.mse.value" } },
              RightValue: { Get: "Parameters.Threshold" },
            },
          ],
          IfSteps: [
            {
              Name: "Register",
              Type: "RegisterModel",
              Arguments: {
                ModelPackageGroupName: "abalone",
                InferenceSpecification: {
                  Containers: [{ Image: "image", ModelDataUrl: { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" } }],
                  SupportedContentTypes: ["text/csv"],
                  SupportedResponseMIMETypes: ["text/csv"],
                },
                ModelApprovalStatus: "PendingManualApproval",
              },
            },
          ],
          ElseSteps: [
            { Name: "TooHigh", Type: "Fail", Arguments: { ErrorMessage: { "Std:Join": { On: " ", Values: ["MSE above", { Get: "Parameters.Threshold" }] } } } },
          ],
        },
      },
    ],
  });
}
