import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { getNodeValue } from "jsonc-parser";
import { stepDag, type StepDag, type PipelineModel, type StepModel } from "../../../core/src";
import type { ObjectStore } from "../object-store";
import type { ExecutionRecord, StepRecord } from "../records";
import type { StepRunner } from "../runners/runner";
import { recordProcess } from "../processes";
import { StepJobError, StepStoppedError, type JobStepType } from "../runners/runner";
import type { Store } from "../store";
import { cacheKey, cacheWindow, findCachedRun } from "./cache";
import { evaluateConditions } from "./conditions";
import { evaluate, EvaluationError, stringify, type EvaluationScope } from "./expressions";
import type { ParameterValue } from "./parameters";
import { readPropertyFile } from "./property-file";
import { nextRetryDelay, retryPolicyFor } from "./retry";
import { jobName, jobProperties, resourceArn, stepMetadata } from "./step-properties";

type StepState = "pending" | "running" | "succeeded" | "failed" | "stopped" | "skipped";

const SUPPORTED = ["Processing", "Training", "Transform", "Model", "RegisterModel", "Condition", "Fail", "Callback"];
const DEFAULT_PARALLELISM = 50;

export interface ExecutionPlan {
  /** Steps reused from the reference execution (selective execution), with their records there. */
  reused: Map<string, StepRecord>;
  /** Steps that run; undefined = every step. */
  selected?: Set<string>;
  /** RetryPipelineExecution: the steps of this execution that succeeded before, kept as they are (not run, not re-recorded). */
  kept?: Map<string, StepRecord>;
  /** RetryPipelineExecution: which retry of the execution this run is (its jobs get work folders of their own). */
  retry?: number;
}

interface Callback {
  token: string;
  resolve(outputs: Record<string, string>): void;
  reject(reason: string): void;
}

/** Runs one execution: schedules steps over the DAG, evaluates expressions, caches, retries, records. */
export class ExecutionRun {
  private readonly dag: StepDag;
  private readonly steps: Map<string, StepModel>;
  private readonly state = new Map<string, StepState>();
  private readonly properties = new Map<string, Record<string, unknown>>();
  private readonly outcomes = new Map<string, boolean>();
  private readonly controller = new AbortController();
  private readonly callbacks = new Map<string, Callback>();
  private running = 0;
  private firstFailure?: string;
  private finished!: () => void;
  readonly done: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly runner: StepRunner,
    private readonly objectStore: ObjectStore,
    private readonly execution: ExecutionRecord,
    private readonly model: PipelineModel,
    private readonly parameters: Record<string, ParameterValue>,
    private readonly plan: ExecutionPlan,
    private readonly now: () => number = Date.now,
  ) {
    this.dag = stepDag(model);
    this.steps = model.stepsByName;
    this.done = new Promise((resolve) => (this.finished = resolve));
  }

  start(): void {
    for (const name of this.dag.names) this.state.set(name, "pending");
    for (const [name, record] of this.plan.reused) this.reuse(name, record);
    for (const [name, record] of this.plan.kept ?? []) this.restore(name, record);
    if (this.plan.selected) {
      for (const name of this.dag.names)
        if (!this.plan.selected.has(name) && !this.plan.reused.has(name) && !this.plan.kept?.has(name)) this.state.set(name, "skipped");
    }
    this.schedule();
  }

  /** UpdatePipelineExecution while it runs: the record changes here, so the run's later writes keep the change. */
  amend(changes: Pick<ExecutionRecord, "PipelineExecutionDisplayName" | "PipelineExecutionDescription" | "ParallelismConfiguration">): void {
    this.updateExecution(changes);
    this.schedule();
  }

  get parallelism(): number {
    return this.execution.ParallelismConfiguration?.MaxParallelExecutionSteps ?? DEFAULT_PARALLELISM;
  }

  stop(): void {
    if (this.execution.PipelineExecutionStatus !== "Executing") return;
    this.updateExecution({ PipelineExecutionStatus: "Stopping" });
    this.controller.abort();
    for (const callback of this.callbacks.values()) callback.reject("The execution was stopped.");
    this.schedule();
  }

  /** SendPipelineExecutionStepSuccess/Failure. Returns false when no waiting step has the token. */
  completeCallback(token: string, outcome: { outputs?: Record<string, string>; failure?: string }): boolean {
    const callback = this.callbacks.get(token);
    if (!callback) return false;
    if (outcome.failure !== undefined) callback.reject(outcome.failure);
    else callback.resolve(outcome.outputs ?? {});
    return true;
  }

  hasCallback(token: string): boolean {
    return this.callbacks.has(token);
  }

  /** A step that already succeeded: later steps read its properties and, for a Condition, its outcome. */
  private restore(name: string, record: StepRecord): void {
    this.state.set(name, "succeeded");
    this.properties.set(name, record.Properties ?? {});
    if (record.Properties && "Outcome" in record.Properties) this.outcomes.set(name, record.Properties.Outcome === "True");
  }

  private reuse(name: string, record: StepRecord): void {
    const source = this.plan.reused.size > 0 ? this.execution.SelectiveExecutionConfig?.SourcePipelineExecutionArn : undefined;
    this.restore(name, record);
    const { StepName, StepDisplayName, StepDescription, StepType, StartTime, EndTime, Metadata, AttemptCount, Properties, CacheKey, LogPath } = record;
    this.store.saveStep(this.execution.ExecutionId, {
      StepName,
      StepDisplayName,
      StepDescription,
      StepType,
      StartTime,
      EndTime,
      Metadata,
      AttemptCount,
      Properties,
      CacheKey,
      LogPath,
      StepStatus: "Succeeded",
      SelectiveExecutionResult: source ? { SourcePipelineExecutionArn: source } : undefined,
    });
  }

  private schedule(): void {
    const stopping = this.execution.PipelineExecutionStatus !== "Executing";
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const name of this.dag.names) {
        if (this.state.get(name) !== "pending") continue;
        const readiness = this.readiness(name);
        if (readiness === "skip") {
          this.state.set(name, "skipped");
          progressed = true;
        } else if (readiness === "ready" && !stopping && !this.firstFailure && this.running < this.parallelism) {
          this.state.set(name, "running");
          this.running++;
          progressed = true;
          void this.runStep(name).finally(() => {
            this.running--;
            this.schedule();
          });
        }
      }
    }
    if (this.running === 0) this.finish();
  }

  /** A step is ready when every upstream step succeeded and, for a branch step, its branch was taken. */
  private readiness(name: string): "ready" | "wait" | "skip" {
    const step = this.steps.get(name)!;
    for (const upstream of this.dag.upstream.get(name) ?? []) {
      const state = this.state.get(upstream);
      if (state === "skipped") return "skip";
      if (state !== "succeeded") return "wait";
    }
    if (step.condition?.name !== undefined) {
      const outcome = this.outcomes.get(step.condition.name);
      if (outcome === undefined) return "wait";
      if ((step.branch === "IfSteps") !== outcome) return "skip";
    }
    return "ready";
  }

  private finish(): void {
    if (
      this.execution.PipelineExecutionStatus === "Succeeded" ||
      this.execution.PipelineExecutionStatus === "Failed" ||
      this.execution.PipelineExecutionStatus === "Stopped"
    )
      return;
    if (this.execution.PipelineExecutionStatus === "Stopping") this.updateExecution({ PipelineExecutionStatus: "Stopped" });
    else if (this.firstFailure) this.updateExecution({ PipelineExecutionStatus: "Failed", FailureReason: this.firstFailure });
    else this.updateExecution({ PipelineExecutionStatus: "Succeeded" });
    this.finished();
  }

  private updateExecution(changes: Partial<ExecutionRecord>): void {
    // Disk first: if the record cannot be written, the execution in memory stays as it was.
    const next: ExecutionRecord = { ...this.execution, ...changes, LastModifiedTime: this.now() / 1000 };
    this.store.saveExecution(next);
    Object.assign(this.execution, next);
  }

  private async runStep(name: string): Promise<void> {
    const step = this.steps.get(name)!;
    const definition = getNodeValue(step.node) as Record<string, unknown>;
    const logPath = join(this.store.stepDir(this.execution.ExecutionId, name), "log.txt");
    mkdirSync(join(logPath, ".."), { recursive: true });
    const record: StepRecord = {
      StepName: name,
      StepDisplayName: typeof definition.DisplayName === "string" ? definition.DisplayName : undefined,
      StepDescription: typeof definition.Description === "string" ? definition.Description : undefined,
      StepType: String(definition.Type),
      StepStatus: "Executing",
      StartTime: this.now() / 1000,
      AttemptCount: 0,
      LogPath: logPath,
    };
    const save = () => this.store.saveStep(this.execution.ExecutionId, record);
    // One line per call: an engine line that carries text from elsewhere (a reason, an argument) cannot start a new line.
    const log = (line: string) => appendFileSync(logPath, `${oneLine(line)}\n`, { mode: 0o600 });
    save();
    try {
      const result = await this.work(name, definition, record, log, save);
      Object.assign(record, { StepStatus: "Succeeded", EndTime: this.now() / 1000, Properties: result });
      record.Metadata ??= stepMetadata(record.StepType, result);
      this.properties.set(name, result);
      this.state.set(name, "succeeded");
    } catch (error) {
      const stopped = error instanceof StepStoppedError || (this.controller.signal.aborted && !(error instanceof StepJobError));
      const reason = error instanceof Error ? error.message : String(error);
      Object.assign(record, {
        StepStatus: stopped ? "Stopped" : "Failed",
        EndTime: this.now() / 1000,
        FailureReason: stopped ? "The execution was stopped." : reason.slice(0, 1024),
      });
      this.state.set(name, stopped ? "stopped" : "failed");
      if (!stopped) this.firstFailure ??= `Step failure: One or multiple steps failed. ${name}: ${reason}`.slice(0, 1300);
      log(`${stopped ? "Stopped" : "Failed"}: ${reason}`);
    }
    save();
  }

  /** The step's own work; returns its properties. */
  private async work(
    name: string,
    definition: Record<string, unknown>,
    record: StepRecord,
    log: (line: string) => void,
    save: () => void,
  ): Promise<Record<string, unknown>> {
    const type = record.StepType;
    if (!SUPPORTED.includes(type)) {
      throw new Error(`Step type ${type} is not supported in local mode. Supported step types: ${SUPPORTED.join(", ")}.`);
    }
    const scope = this.scope(name, type);
    record.AttemptCount = 1;
    if (type === "Condition") {
      // Only the conditions are evaluated: the branches hold steps that have not run yet.
      const outcome = evaluateConditions((definition.Arguments as Record<string, unknown>)?.Conditions, scope);
      this.outcomes.set(name, outcome);
      log(`Condition evaluated to ${outcome}: running the ${outcome ? "IfSteps" : "ElseSteps"}.`);
      return { Outcome: outcome ? "True" : "False" };
    }
    const args = evaluateOrFail(definition.Arguments ?? {}, scope) as Record<string, unknown>;
    switch (type) {
      case "Fail": {
        const message = stringify(args.ErrorMessage ?? "");
        record.Metadata = { Fail: { ErrorMessage: message } };
        throw new Error(message || "Fail step reached.");
      }
      case "Model": {
        const modelName = jobName(this.execution, name);
        return { ...args, ModelName: modelName, ModelArn: resourceArn(this.execution, "model", modelName) };
      }
      case "RegisterModel":
        return this.registerModel(args);
      case "Callback":
        return this.waitForCallback(definition, args, record, save, log);
      default:
        return this.runJob(name, type as JobStepType, definition, args, record, log, save);
    }
  }

  private scope(stepName: string, stepType: string): EvaluationScope {
    const current = jobName(this.execution, stepName);
    return {
      parameters: this.parameters,
      execution: {
        PipelineName: this.execution.PipelineName,
        PipelineArn: this.execution.PipelineArn,
        PipelineExecutionId: this.execution.ExecutionId,
        PipelineExecutionArn: this.execution.PipelineExecutionArn,
        StartDateTime: new Date(this.execution.CreationTime * 1000).toISOString(),
        CurrentDateTime: new Date(this.now()).toISOString(),
        ...(stepType === "Training" ? { TrainingJobName: current } : {}),
        ...(stepType === "Processing" ? { ProcessingJobName: current } : {}),
      },
      experiment: this.execution.PipelineExperimentConfig,
      steps: this.properties,
      readPropertyFile: (owner, file) => this.readPropertyFile(owner, file),
    };
  }

  private readPropertyFile(stepName: string, propertyFileName: string): unknown {
    const step = this.steps.get(stepName);
    const files = step ? ((getNodeValue(step.node) as Record<string, unknown>).PropertyFiles as Array<Record<string, string>> | undefined) : undefined;
    const file = files?.find((f) => f.PropertyFileName === propertyFileName);
    if (!file) throw new EvaluationError(`Step '${stepName}' has no property file '${propertyFileName}'.`);
    const outputs =
      (this.properties.get(stepName)?.ProcessingOutputConfig as { Outputs?: Array<{ OutputName?: string; S3Output?: { S3Uri?: unknown } }> } | undefined)
        ?.Outputs ?? [];
    const output = outputs.find((o) => o.OutputName === file.OutputName);
    const uri = output?.S3Output?.S3Uri;
    if (typeof uri !== "string") throw new EvaluationError(`Output '${file.OutputName}' of step '${stepName}' has no S3Uri.`);
    return readPropertyFile(this.objectStore, uri, file.FilePath, `Property file '${propertyFileName}' of step '${stepName}'`);
  }

  private registerModel(args: Record<string, unknown>): Record<string, unknown> {
    const group = typeof args.ModelPackageGroupName === "string" ? args.ModelPackageGroupName : "default";
    let version = 1;
    for (const steps of this.store.steps.values()) {
      for (const s of steps.values()) {
        if (
          s.StepType === "RegisterModel" &&
          s.StepStatus === "Succeeded" &&
          !s.SelectiveExecutionResult &&
          !s.CacheHitResult &&
          s.Properties?.ModelPackageGroupName === group
        )
          version++;
      }
    }
    const arn = resourceArn(this.execution, "model-package", `${group}/${version}`);
    return {
      ...args,
      ModelPackageArn: arn,
      ModelPackageVersion: version,
      ModelPackageStatus: "Completed",
      ModelApprovalStatus: args.ModelApprovalStatus ?? "PendingManualApproval",
    };
  }

  private async runJob(
    name: string,
    type: JobStepType,
    definition: Record<string, unknown>,
    args: Record<string, unknown>,
    record: StepRecord,
    log: (line: string) => void,
    save: () => void,
  ): Promise<Record<string, unknown>> {
    const resolvedStep = evaluateOrFail(definition, this.scope(name, type)) as Record<string, unknown>;
    const key = cacheKey(type, args, resolvedStep);
    record.CacheKey = key;
    const window = cacheWindow(definition.CacheConfig);
    if (key && window !== undefined) {
      const hit = findCachedRun(this.store, this.execution.PipelineArn, name, key, window, this.now(), this.execution.ExecutionId);
      if (hit) {
        record.CacheHitResult = { SourcePipelineExecutionArn: hit.executionArn };
        record.Metadata = hit.step.Metadata;
        log(`Cache hit: reusing the run of ${hit.executionArn}.`);
        return hit.step.Properties ?? {};
      }
    }
    const name_ = jobName(this.execution, name);
    const localModel = type === "Transform" ? this.localModel(args.ModelName) : undefined;
    const started = this.now();
    for (let attempt = 1; ; attempt++) {
      record.AttemptCount = attempt;
      save();
      const workDir = join(
        this.store.stepDir(this.execution.ExecutionId, name),
        this.plan.retry ? `retry-${this.plan.retry}-attempt-${attempt}` : `attempt-${attempt}`,
      );
      mkdirSync(workDir, { recursive: true });
      try {
        const result = await this.runner.run({
          stepName: name,
          stepType: type,
          arguments: localModel ? { ...args, __localModel: localModel } : args,
          jobName: name_,
          executionId: this.execution.ExecutionId,
          workDir,
          objectStore: this.objectStore,
          log,
          signal: this.controller.signal,
          trackProcess: (pid) => recordProcess(this.store.root, this.execution.ExecutionId, name, pid),
        });
        // A job that succeeded but left an output empty: the log and the step's record (shown by the Executions view) say so.
        if (result.warnings?.length) record.FailureReason = `Warning: ${result.warnings.join(" ")}`.slice(0, 1024);
        const properties = { ...args, ...jobProperties(type, this.execution, name_), ...result.properties };
        record.Metadata = stepMetadata(type, properties);
        return properties;
      } catch (error) {
        if (!(error instanceof StepJobError)) throw error;
        const policy = retryPolicyFor(definition.RetryPolicies, error.exceptionType);
        const delay = policy ? nextRetryDelay(policy, attempt, this.now() - started) : undefined;
        if (delay === undefined || this.controller.signal.aborted) throw error;
        log(`Attempt ${attempt} failed (${error.exceptionType}): ${error.message}. Retrying in ${Math.round(delay / 1000)} s.`);
        await sleep(delay, this.controller.signal);
      }
    }
  }

  /** For a local batch transform: the model a Model step of this execution (or a reused one) created. */
  private localModel(modelName: unknown): Record<string, unknown> | undefined {
    for (const properties of this.properties.values()) {
      if (properties.ModelName !== modelName || !properties.ModelArn) continue;
      const container = (properties.PrimaryContainer ?? (properties.Containers as unknown[] | undefined)?.[0]) as Record<string, unknown> | undefined;
      return { image: container?.Image, modelDataUrl: container?.ModelDataUrl, environment: container?.Environment ?? {} };
    }
    return undefined;
  }

  private waitForCallback(
    definition: Record<string, unknown>,
    args: Record<string, unknown>,
    record: StepRecord,
    save: () => void,
    log: (line: string) => void,
  ): Promise<Record<string, unknown>> {
    const token = globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 10);
    const queue = typeof definition.SqsQueueUrl === "string" ? definition.SqsQueueUrl : "";
    record.Metadata = { Callback: { CallbackToken: token, SqsQueueUrl: queue } };
    save();
    log(
      `Waiting for SendPipelineExecutionStepSuccess or SendPipelineExecutionStepFailure with callback token ${token}. Message body: ${JSON.stringify({ token, arguments: args })}`,
    );
    return new Promise((resolve, reject) => {
      this.callbacks.set(token, {
        token,
        resolve: (outputs) => {
          this.callbacks.delete(token);
          record.Metadata = {
            Callback: { CallbackToken: token, SqsQueueUrl: queue, OutputParameters: Object.entries(outputs).map(([Name, Value]) => ({ Name, Value })) },
          };
          resolve({ OutputParameters: outputs });
        },
        reject: (reason) => {
          this.callbacks.delete(token);
          reject(this.controller.signal.aborted ? new StepStoppedError(reason) : new Error(reason));
        },
      });
    });
  }
}

function evaluateOrFail(value: unknown, scope: EvaluationScope): unknown {
  try {
    return evaluate(value, scope);
  } catch (error) {
    if (error instanceof EvaluationError) throw new Error(`Could not resolve the step's expressions: ${error.message}`);
    throw error;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new StepStoppedError("The execution was stopped."));
      },
      { once: true },
    );
  });
}

/** Newlines (and other line breaks) in an engine line are written escaped, as JSON does. */
function oneLine(line: string): string {
  const escapes: Record<string, string> = { "\r": "\\r", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029" };
  return line.replace(/[\r\n\u2028\u2029]/g, (c) => escapes[c]);
}
