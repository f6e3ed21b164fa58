import { randomUUID } from "node:crypto";
import { StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import {
  buildModel,
  parseDocument,
  stepDag,
  isFinished,
  type ExecutionInfo,
  declaredParameters,
  type DeclaredParameter,
  planParameters,
  planLines,
  planView,
  type PlannedParameter,
  planRun,
  type PlanFix,
  type RunPlan,
  type RunRequest,
  cacheInsight,
  estimateRun,
  estimateText,
  planSteps,
  stepDurations,
  type StepPlanLine,
  type PipelineDiagnostic,
  type ReferencePolicy,
} from "../../core/src";
import type { Connection } from "./connection";
import { explainError, type ExplainedError } from "./errors";
import type { ExecutionHistory } from "./history";
import { compareWithDeployed, deploy, type Deployment } from "./deployment";
import { describeExecution, executionParameters, listExecutions, stepStatuses } from "./executions";

/** Everything the confirmation shows before a run starts. */
export interface RunSummary {
  target: string;
  pipelineName: string;
  deployment: Deployment;
  plan: RunPlan;
  parameters: PlannedParameter[];
  /** What happens to each step: run, cache hit expected, reuse, skip. */
  steps: StepPlanLine[];
  /** How long the run takes from the steps' past runs on this target (`≈ 12 min`); none without past runs. */
  estimate?: string;
  /** Each step's median duration (ms) on this target; steps never run have none. */
  stepEstimates: Record<string, number>;
  /** The definition's parameters (types, enum values), for editing them. */
  declared: DeclaredParameter[];
  /** What is wrong with the parameter values, each with its parameter (only when the dialogs review parameters). */
  parameterIssues: Array<{ parameter: string; message: string }>;
}

/** The confirmation's answer; `{ overrides }`: plan again with these parameter values and ask again. */
export type ConfirmAnswer = "run" | "editParameters" | "cancel" | { overrides: Record<string, string> };

/** The questions a run asks the user; the editor answers with dialogs, tests with scripts. */
export interface RunDialogs {
  /** A refusal that a change would fix: true to accept the change and plan again. */
  offerFix(reason: string, fix: PlanFix): Promise<boolean>;
  /** Asked when values are wrong or the user wants to change them: the user's overrides, or undefined to cancel. */
  editParameters(values: PlannedParameter[], errors: string[], overrides: Record<string, string>): Promise<Record<string, string> | undefined>;
  /** The last word: nothing starts unless this returns "run". */
  confirm(summary: RunSummary): Promise<ConfirmAnswer>;
  /**
   * True when the confirmation shows the parameters' errors and edits the values itself (the Run Plan panel): wrong
   * values are then shown in the confirmation instead of `editParameters`.
   */
  readonly reviewsParameters?: boolean;
}

export interface RunInput {
  text: string;
  /** The definition's URI (what the lint is asked about); the text is what runs. */
  uri?: string;
  pipelineName: string;
  roleArn: string;
  request: RunRequest;
  /** The reference the user chose for this file, if any. */
  referenceArn?: string;
  referenceLatest: boolean;
  overrides?: Record<string, string>;
  /** The definition's folder, for relative paths on the local engine. */
  definitionFolder?: string;
}

export type RunOutcome =
  { status: "started"; executionArn: string; summary: RunSummary } | { status: "refused"; error: ExplainedError } | { status: "cancelled"; message: string };

/**
 * The check before a run: the core's diagnostics (with the user's severities) for the text. Injected, so that the
 * editor asks its language server and the analyser (schema validator, ajv, schema tables) stays out of the extension
 * host's bundle; the CLI passes the core's `analyze`.
 */
export type Lint = (uri: string, text: string) => Promise<PipelineDiagnostic[]>;

export interface RunOptions {
  /** Diagnostics of the text: any error refuses the run before any API call. */
  lint: Lint;
  /** Past executions for the cache verdicts of the plan (fetched only when a step caches). */
  history?: ExecutionHistory;
  historySize?: number;
  now?: () => Date;
}

/** Plans, confirms, deploys and starts one run. Every API call goes through the connection's SageMaker client. */
export async function runPipeline(connection: Connection, input: RunInput, dialogs: RunDialogs, options: RunOptions): Promise<RunOutcome> {
  let diagnostics: PipelineDiagnostic[];
  try {
    diagnostics = await options.lint(input.uri ?? `untitled:${input.pipelineName}`, input.text);
  } catch (error) {
    return refused(`The definition could not be checked (${(error as Error).message}): nothing was started.`);
  }
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return refused(
      `The definition has ${errors.length} error${errors.length === 1 ? "" : "s"} (first: ${errors[0].code}: ${errors[0].message}). Fix ${errors.length === 1 ? "it" : "them"} before running.`,
    );
  }
  // Rules can be turned off in the settings: the text must still be a definition object to plan anything.
  const root = parseDocument(input.text).root;
  if (root?.type !== "object") return refused("The text is not a pipeline definition object: nothing was started.");
  const model = buildModel(root);
  const dag = stepDag(model);
  let operation = "DescribePipeline";
  try {
    const deployment = await compareWithDeployed(connection.client, input.pipelineName, input.text);
    const pipelineArn = deployment.pipelineArn ?? `pipeline/${input.pipelineName.toLowerCase()}`;
    let request = input.request;
    let policy: ReferencePolicy = input.referenceLatest ? { kind: "latest" } : { kind: "none" };
    let executions: ExecutionInfo[] = [];
    const statuses = new Map<string, Map<string, string>>();
    if (request.kind !== "pipeline") {
      operation = "ListPipelineExecutions";
      executions = deployment.action === "create" ? [] : await listExecutions(connection.client, input.pipelineName);
      if (input.referenceArn) {
        operation = "DescribePipelineExecution";
        policy = {
          kind: "explicit",
          execution: executions.find((e) => e.arn === input.referenceArn) ?? (await describeExecution(connection.client, input.referenceArn)),
        };
      }
    }

    let plan: RunPlan | undefined;
    for (let attempt = 0; attempt < 5 && !plan; attempt++) {
      operation = "ListPipelineExecutionSteps";
      const candidate = referenceCandidate(policy, executions);
      if (candidate && !statuses.has(candidate.arn)) statuses.set(candidate.arn, await stepStatuses(connection.client, candidate.arn));
      const result = planRun({ dag, pipelineArn, request, policy, executions, stepsOf: (arn) => statuses.get(arn) });
      if (result.ok) {
        plan = result;
        break;
      }
      if (!result.fix || !(await dialogs.offerFix(result.reason, result.fix))) return refused(result.reason, stepNamed(result.reason, dag.names));
      if (result.fix.kind === "useReference") policy = { kind: "explicit", execution: result.fix.execution };
      else request = { kind: "selected", steps: result.fix.selection };
    }
    if (!plan) return refused("The selection could not be settled: choose the steps again.");

    operation = "ListPipelineParametersForExecution";
    const referenceValues = plan.reference ? await executionParameters(connection.client, plan.reference.arn) : undefined;
    const declared = declaredParameters(model);
    operation = "DescribePipelineDefinitionForExecution";
    // The past runs give the cache verdicts and the time estimate.
    const past =
      options.history && deployment.action !== "create" ? await options.history.recent(connection.client, input.pipelineName, options.historySize ?? 20) : [];
    const durations = stepDurations(past);
    let overrides = { ...(input.overrides ?? {}) };
    let editing = false;
    let summary: RunSummary;
    let parameters;
    for (;;) {
      parameters = planParameters(declared, referenceValues, overrides);
      if (editing || (parameters.errors.length > 0 && !dialogs.reviewsParameters)) {
        const edited = await dialogs.editParameters(parameters.values, parameters.errors, overrides);
        if (!edited) return { status: "cancelled", message: "Nothing was started." };
        overrides = edited;
        editing = false;
        continue;
      }
      const finalValues = Object.fromEntries(parameters.values.map((p) => [p.name, p.value]));
      const insight = cacheInsight(
        { definition: input.text, executions: past, parameters: finalValues, selectedSteps: plan.selectedSteps },
        options.now?.() ?? new Date(),
      );
      const steps = planSteps(model, dag, plan, (step) => insight.verdict(step));
      const estimate = estimateText(estimateRun(dag, new Map(steps.map((s) => [s.step, s.action])), durations, deployment.maxParallelSteps));
      summary = {
        target: connection.label,
        pipelineName: input.pipelineName,
        deployment,
        plan,
        parameters: parameters.values,
        steps,
        estimate,
        stepEstimates: Object.fromEntries([...durations].map(([step, d]) => [step, d.medianMs])),
        declared,
        parameterIssues: parameters.issues,
      };
      const answer = await dialogs.confirm(summary);
      if (typeof answer === "object") overrides = { ...answer.overrides };
      else if (answer === "editParameters") editing = true;
      else if (answer === "run" && parameters.errors.length === 0) break;
      else if (answer === "run") return refused(`The parameters have errors: ${parameters.errors.join(" ")}`);
      else return { status: "cancelled", message: "Nothing was started." };
    }

    operation = deployment.action === "create" ? "CreatePipeline" : "UpdatePipeline";
    await deploy(connection.client, input.pipelineName, input.text, deployment, input.roleArn, input.definitionFolder);
    operation = "StartPipelineExecution";
    const started = await connection.client.send(
      new StartPipelineExecutionCommand({
        PipelineName: input.pipelineName,
        PipelineParameters: parameters.send.length > 0 ? parameters.send : undefined,
        SelectiveExecutionConfig: plan.selectedSteps
          ? { SourcePipelineExecutionArn: plan.reference?.arn, SelectedSteps: plan.selectedSteps.map((StepName) => ({ StepName })) }
          : undefined,
        ClientRequestToken: randomUUID(),
      }),
    );
    return { status: "started", executionArn: started.PipelineExecutionArn!, summary };
  } catch (error) {
    return { status: "refused", error: explainError(error, operation, connection, dag.names) };
  }
}

/** The execution whose steps the planner may need: the explicit reference, or the newest finished one. */
function referenceCandidate(policy: ReferencePolicy, executions: ExecutionInfo[]): ExecutionInfo | undefined {
  if (policy.kind === "explicit") return policy.execution;
  if (policy.kind === "latest") return executions.find(isFinished);
  return undefined;
}

const refused = (message: string, step?: string): RunOutcome => ({ status: "refused", error: { message, step } });
const stepNamed = (message: string, names: string[]) => names.find((n) => message.includes(`'${n}'`));

/** The plan as text (the CLI's `plan` and `run`): target, pipeline, deployment, reference, the steps' table, parameters. */
export function describeRun(summary: RunSummary): string {
  return planLines(planView(summary)).join("\n");
}
