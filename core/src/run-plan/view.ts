import { shortDuration } from "../cache/time-text";
import { executionLabel } from "../planner/execution";
import type { DeclaredParameter, ParameterSource, PlannedParameter } from "../planner/parameters";
import type { RunPlan } from "../planner/plan";
import type { StepPlanLine } from "../planner/step-plan";

/** What the run service knows before a run starts (its `RunSummary` is one). */
export interface RunPlanInput {
  /** `local engine (http://…)`, `AWS eu-west-1 (profile dev)`. */
  target: string;
  pipelineName: string;
  deployment: { action: "create" | "update" | "unchanged"; changes: string[] };
  plan: RunPlan;
  parameters: PlannedParameter[];
  /** The definition's parameters: their types and enum values. */
  declared: DeclaredParameter[];
  /** The planner's errors about the parameter values, each with its parameter. */
  parameterIssues: Array<{ parameter: string; message: string }>;
  steps: StepPlanLine[];
  /** Each step's median duration (ms) of its recent runs on this target; steps never run have none. */
  stepEstimates: Record<string, number>;
  /** The run's total (`≈ 12 min + 1 step never run`); none without past runs. */
  estimate?: string;
}

export type Verdict = "run" | "cache-hit" | "reuse" | "skip" | "not-run" | "conditional";

export interface PlanRow {
  step: string;
  verdict: Verdict;
  /** `run`, `cache hit from 4xk2`, `reuse from first-run`, `skip`, `depends on Check (IfSteps)`, `not selected`. */
  text: string;
  /** More about the verdict: `cache miss: 2 key changes`, `expires in 3 h`, `downstream of the selection`. */
  detail?: string;
  /** `≈ 4 min`, `< 1 s`, `no past run`, `0 s` (cache hits and reused steps), `—` (not run). */
  estimate: string;
}

export interface PlanParameterField {
  name: string;
  type: string;
  enumValues?: string[];
  /** The value the run uses; empty when the parameter has none. */
  value: string;
  source: ParameterSource | "missing";
  /** `default`, `reference execution`, `override`, `no value`. */
  sourceText: string;
  problems: string[];
}

export interface PlanView {
  /** `Run the whole pipeline abalone`, `Run Train, Eval`. */
  title: string;
  target: string;
  pipeline: string;
  /** `create the pipeline`, `update the deployed definition`, `unchanged`. */
  definition: string;
  definitionChanges: string[];
  /** `the whole pipeline`, `Train, Eval (selective execution)`. */
  run: string;
  /** `first-run (Succeeded)`, `none`; undefined for a run of the whole pipeline. */
  reference?: string;
  notes: string[];
  rows: PlanRow[];
  /** The whole run's estimate, or why there is none. */
  estimate: string;
  parameters: PlanParameterField[];
  /** Errors about overrides of parameters the definition does not declare. */
  problems: string[];
  /** False while a parameter has an error: Run is refused. */
  canRun: boolean;
}

const SOURCE_TEXT: Record<PlanParameterField["source"], string> = {
  default: "default",
  reference: "reference execution",
  override: "override",
  missing: "no value",
};

/** The Run Plan's content, for the editor's panel and the CLI's table alike. */
export function planView(input: RunPlanInput): PlanView {
  const { plan, deployment } = input;
  const planned = new Map(input.parameters.map((p) => [p.name, p]));
  const declaredNames = new Set(input.declared.map((d) => d.name));
  const parameters = input.declared.map((d): PlanParameterField => {
    const value = planned.get(d.name);
    const source = value?.source ?? "missing";
    return {
      name: d.name,
      type: d.type,
      enumValues: Array.isArray(d.enumValues) && d.enumValues.length > 0 ? d.enumValues.map(String) : undefined,
      value: value?.value ?? "",
      source,
      sourceText: SOURCE_TEXT[source],
      problems: input.parameterIssues.filter((i) => i.parameter === d.name).map((i) => i.message),
    };
  });
  return {
    title: plan.selectedSteps ? `Run ${plan.selectedSteps.join(", ")}` : `Run the whole pipeline ${input.pipelineName}`,
    target: input.target,
    pipeline: input.pipelineName,
    definition: deployment.action === "create" ? "create the pipeline" : deployment.action === "update" ? "update the deployed definition" : "unchanged",
    // A new pipeline's only "change" is that it is created: the definition line says it.
    definitionChanges: deployment.action === "update" ? deployment.changes : [],
    run: plan.selectedSteps ? `${plan.selectedSteps.join(", ")} (selective execution)` : "the whole pipeline",
    reference: plan.selectedSteps ? (plan.reference ? `${executionLabel(plan.reference)} (${plan.reference.status})` : "none") : undefined,
    notes: plan.notes,
    rows: input.steps.map((line) => planRow(line, input.stepEstimates[line.step])),
    estimate: input.estimate ?? "unknown (no past runs on this target)",
    parameters,
    problems: input.parameterIssues.filter((i) => !declaredNames.has(i.parameter)).map((i) => i.message),
    canRun: input.parameterIssues.length === 0,
  };
}

function planRow(line: StepPlanLine, medianMs: number | undefined): PlanRow {
  const branch = line.condition ? `if ${line.condition.name} takes its ${line.condition.branch}` : undefined;
  const details = (...parts: Array<string | undefined>) => parts.filter(Boolean).join("; ") || undefined;
  switch (line.action) {
    case "cache-hit":
      return { step: line.step, verdict: "cache-hit", text: `cache hit from ${line.from}`, detail: details(branch, line.note), estimate: "0 s" };
    case "reuse":
      return { step: line.step, verdict: "reuse", text: `reuse from ${line.from}`, estimate: "0 s" };
    case "skip":
      return { step: line.step, verdict: "skip", text: "skip", detail: "downstream of the selection", estimate: "—" };
    case "not-run":
      return { step: line.step, verdict: "not-run", text: "not selected", estimate: "—" };
    case "run": {
      const estimate = medianMs === undefined ? "no past run" : medianMs < 1000 ? "< 1 s" : `≈ ${shortDuration(medianMs)}`;
      if (line.condition)
        return {
          step: line.step,
          verdict: "conditional",
          text: `depends on ${line.condition.name} (${line.condition.branch})`,
          detail: line.note,
          estimate,
        };
      return { step: line.step, verdict: "run", text: "run", detail: line.note, estimate };
    }
  }
}

/** The CLI's marks for the verdicts (the panel draws icons). */
const MARK: Record<Verdict, string> = { run: "▶", "cache-hit": "✓", reuse: "↺", skip: "–", "not-run": "·", conditional: "◇" };

/** The plan as text: the header lines, then the steps' table (columns aligned), the total and the parameters. */
export function planLines(view: PlanView): string[] {
  const lines = [`Target: ${view.target}`, `Pipeline: ${view.pipeline}`];
  if (view.definition !== "unchanged")
    lines.push(`Definition: ${view.definition}${view.definitionChanges.length > 0 ? ` — ${view.definitionChanges.join(" ")}` : ""}`);
  lines.push(`Run: ${view.run}`);
  if (view.reference !== undefined) lines.push(`Reference: ${view.reference}`);
  lines.push(...view.notes);
  const table = [
    ["Step", "Verdict", "Estimate"],
    ...view.rows.map((r) => [r.step, `${MARK[r.verdict]} ${r.text}${r.detail ? ` (${r.detail})` : ""}`, r.estimate]),
  ];
  lines.push("", ...alignColumns(table), `Total: ${view.estimate}`);
  lines.push(
    "",
    view.parameters.length > 0 ? "Parameters:" : "Parameters: none",
    ...alignColumns(
      view.parameters.map((p) => [`  ${p.name}`, p.value || "(none)", p.type, p.sourceText, p.enumValues ? `one of ${p.enumValues.join(", ")}` : ""]),
    ),
    ...view.parameters.flatMap((p) => p.problems.map((m) => `  ⚠ ${m}`)),
    ...view.problems.map((m) => `  ⚠ ${m}`),
  );
  return lines;
}

/** Rows of cells padded to each column's widest cell (the last column is not padded). */
export function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i] - [...cell].length)))
      .join("  ")
      .trimEnd(),
  );
}
