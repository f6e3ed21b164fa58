import { descendants, type StepDag } from "../dag";
import { analyzeSelection } from "../selection";
import { executionLabel, type ExecutionInfo } from "./execution";
import { chooseReference, type ReferencePolicy } from "./reference";

export type RunRequest =
  | { kind: "pipeline" }
  | { kind: "selected"; steps: readonly string[] }
  | { kind: "fromHere"; step: string }
  | { kind: "retryFailed"; includeDownstream: boolean };

export interface PlanInput {
  dag: StepDag;
  pipelineArn: string;
  request: RunRequest;
  policy: ReferencePolicy;
  /** The pipeline's executions, newest first. */
  executions: ExecutionInfo[];
  /** Step name → StepStatus of an execution, when the caller has fetched them (needed to retry failed steps). */
  stepsOf?: (executionArn: string) => Map<string, string> | undefined;
}

export interface RunPlan {
  ok: true;
  /** Undefined for a run of the whole pipeline (no SelectiveExecutionConfig). */
  selectedSteps?: string[];
  reference?: ExecutionInfo;
  /** Not selected, upstream of the selection: their outputs come from the reference. */
  reused: string[];
  /** Not selected, downstream of the selection: they do not run. */
  skipped: string[];
  notes: string[];
}

export type PlanFix =
  /** `steps` to add; `selection`: the whole selection with them. */
  { kind: "addSteps"; steps: string[]; selection: string[] } | { kind: "useReference"; execution: ExecutionInfo };

export interface RunRefusal {
  ok: false;
  reason: string;
  /** What the user can accept to make the run possible (then plan again). */
  fix?: PlanFix;
}

/** The service takes 1 to 50 selected steps. */
export const MAX_SELECTED_STEPS = 50;

/** What a run request becomes under the rules of selective execution, or why it cannot be sent. */
export function planRun(input: PlanInput): RunPlan | RunRefusal {
  const { dag, request } = input;
  if (request.kind === "pipeline") return { ok: true, reused: [], skipped: [], notes: [] };
  if (request.kind === "retryFailed") return planRetry(input, request.includeDownstream);
  const steps = request.kind === "selected" ? unique(request.steps) : [request.step, ...inOrder(dag, descendants(dag, [request.step]))];
  if (request.kind === "fromHere" && !dag.names.includes(request.step)) return refuse(`There is no step named '${request.step}'.`);
  return planSelection(input, steps, []);
}

function planSelection(input: PlanInput, steps: string[], notes: string[]): RunPlan | RunRefusal {
  const { dag } = input;
  if (steps.length === 0) return refuse("No step is selected: put the cursor or a selection inside a step.");
  const analysis = analyzeSelection(dag, steps);
  if (analysis.unknown.length > 0)
    return refuse(`${plural(analysis.unknown, "There is no step named", "There are no steps named")} ${quoteAll(analysis.unknown)}.`);
  if (steps.length === dag.names.length) return { ok: true, reused: [], skipped: [], notes: [...notes, "Every step is selected: the whole pipeline runs."] };
  if (steps.length > MAX_SELECTED_STEPS)
    return refuse(`${steps.length} steps are selected; a selective execution takes at most ${MAX_SELECTED_STEPS}. Run the whole pipeline instead.`);
  if (analysis.missingBetween.length > 0) {
    return refuse(
      `All steps on every path between two selected steps must be selected: ${quoteAll(analysis.missingBetween)} ${analysis.missingBetween.length === 1 ? "lies" : "lie"} between the selected steps and ${analysis.missingBetween.length === 1 ? "is" : "are"} not selected.`,
      { kind: "addSteps", steps: analysis.missingBetween, selection: inOrder(dag, new Set([...steps, ...analysis.missingBetween])) },
    );
  }
  if (!analysis.connected) {
    return refuse(
      `The selected steps ${quoteAll(steps)} are not connected in the pipeline's graph: a selective execution runs one connected group of steps. Select the steps between them, or run them one group at a time.`,
    );
  }
  const needed = analysis.needReference.length > 0;
  const choice = chooseReference(input.policy, input.executions, input.pipelineArn, needed);
  if (!choice.ok) return refuse(choice.reason, choice.alternative ? { kind: "useReference", execution: choice.alternative } : undefined);
  if (choice.note) notes = [...notes, choice.note];
  if (needed && !choice.reference) {
    const dependsOn = analysis.needReference.map(
      (s) =>
        `${s} (on ${inOrder(dag, dag.upstream.get(s) ?? new Set())
          .filter((u) => !steps.includes(u))
          .join(", ")})`,
    );
    return refuse(
      `Without a reference execution only steps with no upstream dependency can run, and ${dependsOn.join("; ")} ${analysis.needReference.length === 1 ? "depends" : "depend"} on steps that are not selected. Choose a reference execution, run the whole pipeline first, or select the upstream steps too.`,
    );
  }
  const reference = choice.reference;
  const statuses = reference ? input.stepsOf?.(reference.arn) : undefined;
  if (reference && statuses) {
    const notReusable = analysis.reusedUpstream.filter((s) => statuses.get(s) !== "Succeeded");
    if (notReusable.length > 0) {
      const withBetween = analyzeSelection(dag, [...steps, ...notReusable]).missingBetween;
      const described = notReusable.map((s) => `${s} (${statuses.get(s) ?? "did not run"})`).join(", ");
      const added = inOrder(dag, new Set([...notReusable, ...withBetween]));
      return refuse(
        `The reference execution ${executionLabel(reference)} has no successful run of ${described}, whose outputs the selection reads. Select ${notReusable.length === 1 ? "it" : "them"} too, or choose another reference.`,
        {
          kind: "addSteps",
          steps: added,
          selection: inOrder(dag, new Set([...steps, ...added])),
        },
      );
    }
  }
  return {
    ok: true,
    selectedSteps: inOrder(dag, new Set(steps)),
    reference,
    reused: reference ? analysis.reusedUpstream : [],
    skipped: analysis.skippedDownstream,
    notes,
  };
}

function planRetry(input: PlanInput, includeDownstream: boolean): RunPlan | RunRefusal {
  const choice = chooseReference(input.policy.kind === "none" ? { kind: "latest" } : input.policy, input.executions, input.pipelineArn, true);
  if (!choice.ok) return refuse(choice.reason, choice.alternative ? { kind: "useReference", execution: choice.alternative } : undefined);
  const reference = choice.reference;
  if (!reference) return refuse("The pipeline has no executions yet: there are no failed steps to retry.");
  if (reference.status === "Succeeded") return refuse(`The reference execution ${executionLabel(reference)} succeeded: there are no failed steps to retry.`);
  const statuses = input.stepsOf?.(reference.arn);
  if (!statuses) return refuse(`The steps of ${executionLabel(reference)} are not known yet.`);
  const failed = input.dag.names.filter((s) => statuses.get(s) === "Failed" || statuses.get(s) === "Stopped");
  if (failed.length === 0) return refuse(`The reference execution ${executionLabel(reference)} (${reference.status}) has no failed or stopped step to retry.`);
  const steps = includeDownstream ? inOrder(input.dag, new Set([...failed, ...descendants(input.dag, failed)])) : failed;
  const note = `Retrying ${quoteAll(failed)} from ${executionLabel(reference)}${includeDownstream ? ", with everything downstream" : ""}.`;
  return planSelection({ ...input, policy: { kind: "explicit", execution: reference } }, steps, [note]);
}

const refuse = (reason: string, fix?: PlanFix): RunRefusal => ({ ok: false, reason, ...(fix ? { fix } : {}) });
const unique = (steps: readonly string[]) => [...new Set(steps)];
const inOrder = (dag: StepDag, set: Set<string>) => dag.names.filter((n) => set.has(n));
const quoteAll = (names: string[]) => names.map((n) => `'${n}'`).join(", ");
const plural = (items: unknown[], one: string, many: string) => (items.length === 1 ? one : many);
