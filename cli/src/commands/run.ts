import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  type PipelineExecutionStep,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  analyze,
  executionLabel,
  executionLabelOf,
  LineIndex,
  mapDiagnosticsToPython,
  parseParameterAssignments,
  pipelineNameFromFile,
  type NamedExecution,
  type PlanFix,
} from "../../../core/src";
import {
  describeExecution,
  describeRun,
  ExecutionHistory,
  parsePythonTarget,
  runPipeline as startRun,
  type Connection,
  type RunDialogs,
} from "../../../sagemaker/src";
import { describeFailure, exportPython, type PythonOptions } from "./python";
import { isAwsTarget, openTarget, type TargetOptions } from "../target";
import { PLACEHOLDER_ROLE } from "../store";
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

/**
 * `sagemaker-pipelines run FILE`: deploy the definition, start it (whole or selected steps), follow it to the end.
 * `plan`: the same checks and the same plan, then stop before anything is created, updated or started.
 */
export async function runPipeline(
  file: string,
  options: RunOptions & PythonOptions,
  out: (line: string) => void,
  mode: "run" | "plan" = "run",
): Promise<number> {
  if (mode === "run" && isAwsTarget(options) && options.role === PLACEHOLDER_ROLE)
    throw new UsageError("A run on AWS needs --role <arn>: the IAM role SageMaker assumes to run the pipeline.");
  const source = await readSource(file, options, mode);
  if ("failed" in source) {
    source.failed.forEach(out);
    return 1;
  }
  const { text, path } = source;
  file = path;
  const errors = analyze(text).diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const shown = source.python === undefined ? errors : mapDiagnosticsToPython(text, errors, source.python);
    const lines = new LineIndex(source.python ?? text);
    for (const d of shown) out(`${file}:${lines.positionAt(d.start).line + 1}:${lines.positionAt(d.start).character + 1}: error ${d.code}: ${d.message}`);
    out(`Not started: ${file} has ${errors.length} error(s).`);
    return 1;
  }
  const overrides = parseParameterAssignments(options.param);
  if (overrides.error) throw new UsageError(overrides.error);
  const selected = options.select
    ? options.select
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  const name = options.pipelineName ?? source.pipelineName ?? pipelineNameFromFile(basename(file));
  const reference = options.reference ?? "latest";
  const target = await openTarget(options, dirname(resolve(file)));
  try {
    out(`Target: ${target.description}`);
    const connection: Connection = {
      client: target.client,
      target: target.local ? "local" : "aws",
      label: target.description,
      endpoint: options.endpoint,
      profile: options.profile,
      region: options.region,
    };
    const dialogs = commandLineDialogs(out, mode);
    const outcome = await startRun(
      connection,
      {
        text,
        uri: pathToFileURL(resolve(file)).href,
        pipelineName: name,
        roleArn: options.role,
        request: selected ? { kind: "selected", steps: selected } : { kind: "pipeline" },
        referenceArn: reference === "latest" || reference === "none" ? undefined : reference,
        referenceLatest: reference !== "none",
        overrides: overrides.values,
        definitionFolder: target.local ? dirname(resolve(file)) : undefined,
      },
      dialogs,
      // The file was linted above with the same core: the run service checks the text it runs.
      { lint: async (_uri, checked) => analyze(checked).diagnostics, history: new ExecutionHistory() },
    );
    if (mode === "plan" && dialogs.planned) {
      out("Plan only: nothing was created, updated or started.");
      dialogs.hints.forEach((hint) => out(hint));
      return 0;
    }
    if (outcome.status !== "started") {
      out(`Not started: ${outcome.status === "refused" ? outcome.error.message : dialogs.problems.join(" ") || outcome.message}`);
      dialogs.hints.forEach((hint) => out(hint));
      return 1;
    }
    dialogs.hints.forEach((hint) => out(hint));
    const plan = outcome.summary.plan;
    // `run` sends no display name: the new execution is named by its id, as every execution is (core/src/execution-label.ts).
    out(
      `Started ${plan.selectedSteps ? `steps ${plan.selectedSteps.join(", ")}${plan.reference ? ` (reference ${executionLabel(plan.reference)})` : ""}` : "the whole pipeline"}: execution ${executionLabel({ arn: outcome.executionArn })}`,
    );
    out(`Execution ARN: ${outcome.executionArn}`);
    const known = new Map<string, NamedExecution>(plan.reference ? [[plan.reference.arn, plan.reference]] : []);
    const status = await follow(target.client, outcome.executionArn, out, options.pollMs ?? 300, known);
    return status === "Succeeded" ? 0 : 1;
  } catch (error) {
    const e = error as Error;
    out(`Stopped following the execution: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`);
    return 1;
  } finally {
    await target.close();
  }
}

interface Source {
  /** The definition JSON. */
  text: string;
  /** The file the user named (without `:FUNCTION`). */
  path: string;
  /** A `.py`'s source, whose literals the definition's diagnostics are placed on. */
  python?: string;
  /** A `.py`'s Pipeline name. */
  pipelineName?: string;
}

/**
 * The definition to run: a JSON file's text, or a `.py` exported: for AWS when the run goes there (the SDK uploads to S3
 * with the user's credentials, as it does for a deployment), else offline with its uploads in the local store.
 */
async function readSource(file: string, options: RunOptions & PythonOptions, mode: "run" | "plan"): Promise<Source | { failed: string[] }> {
  if (parsePythonTarget(file)) {
    const aws = isAwsTarget(options)
      ? { profile: options.profile, region: options.region, role: options.role === PLACEHOLDER_ROLE ? undefined : options.role }
      : undefined;
    const local = !aws && !options.endpoint;
    const exported = await exportPython(file, options, mode === "run" && local ? options.store : undefined, aws);
    if (!exported.result.ok) return { failed: [...describeFailure(exported), `Not started: ${exported.file} could not be exported.`] };
    return { text: exported.result.definition, path: exported.file, python: exported.text, pipelineName: exported.result.name };
  }
  try {
    return { text: readFileSync(file, "utf8"), path: file };
  } catch {
    throw new UsageError(`No such file: ${file}`);
  }
}

/**
 * On the command line the invocation is the confirmation: the plan is printed, fixes are hints, wrong values stop the run.
 * Hints are kept until the plan or the refusal they refer to has been printed, so the output reads in order.
 */
function commandLineDialogs(out: (line: string) => void, mode: "run" | "plan"): RunDialogs & { problems: string[]; hints: string[]; planned: boolean } {
  const problems: string[] = [];
  const hints: string[] = [];
  return {
    problems,
    hints,
    planned: false,
    async offerFix(_reason: string, fix: PlanFix) {
      hints.push(fix.kind === "addSteps" ? `Hint: --select ${fix.selection.join(",")}` : `Hint: --reference ${fix.execution.arn}`);
      return false;
    },
    async editParameters(_values, errors) {
      problems.push(...errors);
      return undefined;
    },
    async confirm(summary) {
      for (const line of describeRun(summary).split("\n").slice(1)) out(line ? `  ${line}` : "");
      this.planned = true;
      return mode === "plan" ? "cancel" : "run";
    },
  };
}

async function follow(
  client: SageMakerClient,
  arn: string,
  out: (line: string) => void,
  pollMs: number,
  /** Executions by ARN: they name the sources of reused and cached steps; others are described once. */
  known: Map<string, NamedExecution>,
): Promise<string> {
  const reported = new Map<string, string>();
  for (;;) {
    const execution = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    const steps = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }));
    for (const step of steps.PipelineExecutionSteps ?? []) {
      for (const source of [step.SelectiveExecutionResult?.SourcePipelineExecutionArn, step.CacheHitResult?.SourcePipelineExecutionArn]) {
        if (source && !known.has(source)) known.set(source, (await describeExecution(client, source).catch(() => undefined)) ?? { arn: source });
      }
      const line = describeStep(step, known.values());
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

function describeStep(step: PipelineExecutionStep, known: Iterable<NamedExecution>): string {
  const icon = { Succeeded: "✓", Failed: "✗", Stopped: "■", Executing: "…", Starting: "…", Stopping: "…" }[step.StepStatus ?? "Executing"] ?? "?";
  const seconds = step.StartTime && step.EndTime ? ` (${((step.EndTime.getTime() - step.StartTime.getTime()) / 1000).toFixed(1)} s)` : "";
  let note = "";
  const reused = step.SelectiveExecutionResult?.SourcePipelineExecutionArn;
  const hit = step.CacheHitResult?.SourcePipelineExecutionArn;
  if (reused) note = ` — reused from ${executionLabelOf(reused, known)}`;
  else if (hit) note = ` — cache hit from ${executionLabelOf(hit, known)}`;
  else if (step.Metadata?.Condition?.Outcome) note = ` — condition ${step.Metadata.Condition.Outcome}`;
  if (step.FailureReason) note += ` — ${step.FailureReason}`;
  return `  ${icon} ${step.StepName} ${step.StepStatus}${seconds}${note}`;
}
