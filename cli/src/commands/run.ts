import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import {
  CreatePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelineParametersForExecutionCommand,
  StartPipelineExecutionCommand,
  UpdatePipelineCommand,
  type PipelineExecutionStep,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { analyze, LineIndex, mergeRunParameters, parseParameterAssignments, pipelineNameFromFile } from "../../../core/src";
import { DEFINITION_DIRECTORY_TAG } from "../../../engine/src/context";
import { openTarget, type TargetOptions } from "../target";
import { UsageError } from "../files";

export interface RunOptions extends TargetOptions {
  select?: string;
  reference?: string;
  param: string[];
  pipelineName?: string;
  role: string;
  pollMs?: number;
}

const TERMINAL = new Set(["Succeeded", "Failed", "Stopped"]);

/** `sagemaker-pipelines run FILE`: deploy the definition, start it (whole or selected steps), follow it to the end. */
export async function runPipeline(file: string, options: RunOptions, out: (line: string) => void): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`No such file: ${file}`);
  }
  const errors = analyze(text).diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const lines = new LineIndex(text);
    for (const d of errors) out(`${file}:${lines.positionAt(d.start).line + 1}:${lines.positionAt(d.start).character + 1}: error ${d.code}: ${d.message}`);
    out(`Not started: ${file} has ${errors.length} error(s).`);
    return 1;
  }
  const overrides = parseParameterAssignments(options.param);
  if (overrides.error) throw new UsageError(overrides.error);
  const selected = options.select ? options.select.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
  const name = options.pipelineName ?? pipelineNameFromFile(basename(file));
  const target = await openTarget(options, dirname(resolve(file)));
  let arn: string | undefined;
  try {
    out(`Target: ${target.description}`);
    await deploy(target.client, name, text, dirname(resolve(file)), options.role);
    const reference = selected ? await chooseReference(target.client, name, options.reference ?? "latest") : undefined;
    let parameters = Object.entries(overrides.values).map(([Name, Value]) => ({ Name, Value }));
    if (reference) {
      const merged = mergeRunParameters(await referenceParameters(target.client, reference), overrides.values);
      if (merged.error) {
        out(`Not started: ${merged.error}`);
        return 1;
      }
      parameters = merged.parameters;
    }
    const started = await target.client.send(
      new StartPipelineExecutionCommand({
        PipelineName: name,
        PipelineParameters: parameters,
        SelectiveExecutionConfig: selected ? { SourcePipelineExecutionArn: reference, SelectedSteps: selected.map((StepName) => ({ StepName })) } : undefined,
      }),
    );
    arn = started.PipelineExecutionArn!;
    out(`Started ${selected ? `steps ${selected.join(", ")}${reference ? ` (reference ${reference})` : ""}` : "the whole pipeline"}: ${arn}`);
    const status = await follow(target.client, arn, out, options.pollMs ?? 300);
    return status === "Succeeded" ? 0 : 1;
  } catch (error) {
    const e = error as Error;
    const reason = `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`;
    out(arn ? `Stopped following ${arn}: ${reason}` : `Not started: ${reason}`);
    return 1;
  } finally {
    await target.close();
  }
}

async function deploy(client: SageMakerClient, name: string, definition: string, directory: string, role: string): Promise<void> {
  try {
    await client.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: definition, RoleArn: role, Tags: [{ Key: DEFINITION_DIRECTORY_TAG, Value: directory }] }));
  } catch (error) {
    if ((error as Error).name !== "ConflictException" && (error as Error).name !== "ResourceInUse") throw error;
    await client.send(new UpdatePipelineCommand({ PipelineName: name, PipelineDefinition: definition, RoleArn: role }));
  }
}

/** `latest`: the newest execution that finished (never a running one); `none`; or an execution ARN. */
async function chooseReference(client: SageMakerClient, pipeline: string, reference: string): Promise<string | undefined> {
  if (reference === "none") return undefined;
  if (reference !== "latest") return reference;
  let token: string | undefined;
  do {
    const page = await client.send(new ListPipelineExecutionsCommand({ PipelineName: pipeline, SortBy: "CreationTime", SortOrder: "Descending", NextToken: token }));
    const finished = page.PipelineExecutionSummaries?.find((s) => TERMINAL.has(s.PipelineExecutionStatus ?? ""));
    if (finished) return finished.PipelineExecutionArn;
    token = page.NextToken;
  } while (token);
  return undefined;
}

async function referenceParameters(client: SageMakerClient, arn: string) {
  const all: Array<{ Name?: string; Value?: string }> = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: arn, NextToken: token }));
    all.push(...(page.PipelineParameters ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

async function follow(client: SageMakerClient, arn: string, out: (line: string) => void, pollMs: number): Promise<string> {
  const reported = new Map<string, string>();
  for (;;) {
    const execution = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    const steps = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }));
    for (const step of steps.PipelineExecutionSteps ?? []) {
      const line = describeStep(step);
      if (reported.get(step.StepName!) !== line) {
        reported.set(step.StepName!, line);
        out(line);
      }
    }
    const status = execution.PipelineExecutionStatus ?? "Executing";
    if (TERMINAL.has(status)) {
      out(`Execution ${status}${execution.FailureReason ? `: ${execution.FailureReason}` : ""}`);
      return status;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

function describeStep(step: PipelineExecutionStep): string {
  const icon = { Succeeded: "✓", Failed: "✗", Stopped: "■", Executing: "…", Starting: "…", Stopping: "…" }[step.StepStatus ?? "Executing"] ?? "?";
  const seconds = step.StartTime && step.EndTime ? ` (${((step.EndTime.getTime() - step.StartTime.getTime()) / 1000).toFixed(1)} s)` : "";
  let note = "";
  if (step.SelectiveExecutionResult) note = ` — reused from ${step.SelectiveExecutionResult.SourcePipelineExecutionArn}`;
  else if (step.CacheHitResult) note = ` — cache hit from ${step.CacheHitResult.SourcePipelineExecutionArn}`;
  else if (step.Metadata?.Condition?.Outcome) note = ` — condition ${step.Metadata.Condition.Outcome}`;
  if (step.FailureReason) note += ` — ${step.FailureReason}`;
  return `  ${icon} ${step.StepName} ${step.StepStatus}${seconds}${note}`;
}
