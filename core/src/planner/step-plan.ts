import { shortDuration } from "../cache/time-text";
import type { CacheVerdict } from "../cache/types";
import type { StepDag } from "../dag";
import type { PipelineModel } from "../model";
import { executionLabel } from "./execution";
import type { RunPlan } from "./plan";

export type StepAction = "run" | "cache-hit" | "reuse" | "skip" | "not-run";

export interface StepPlanLine {
  step: string;
  action: StepAction;
  /** `run`, `cache hit expected (from 4xk2…, expires in 3 h)`, `reuse from <execution>`, `skip (downstream of the selection)`… */
  text: string;
  /** The execution a cache hit or a reused step takes its result from (its one name). */
  from?: string;
  /** A step in a Condition's branch: whether it runs is known only when the condition is evaluated. */
  condition?: { name: string; branch: string };
  /** Why a step runs again or how long a cache hit lasts: `cache miss: 2 key changes`, `expires in 3 h`. */
  note?: string;
}

/** What the next run will do with each step: the plan the confirmation and `sagemaker-pipelines plan` show. */
export function planSteps(
  model: PipelineModel,
  dag: StepDag,
  plan: RunPlan,
  verdict: (step: string) => CacheVerdict | undefined = () => undefined,
): StepPlanLine[] {
  const selected = plan.selectedSteps ? new Set(plan.selectedSteps) : undefined;
  const reused = new Set(plan.reused);
  const skipped = new Set(plan.skipped);
  return dag.names.map((name) => {
    if (selected && !selected.has(name)) {
      if (reused.has(name) && plan.reference) {
        const from = executionLabel(plan.reference);
        return { step: name, action: "reuse", text: `reuse from ${from}`, from };
      }
      if (skipped.has(name)) return { step: name, action: "skip", text: "skip (downstream of the selection)" };
      return { step: name, action: "not-run", text: "not run (not selected)" };
    }
    const step = model.stepsByName.get(name);
    const condition = step?.condition?.name !== undefined ? { name: step.condition.name, branch: step.branch ?? "branch" } : undefined;
    const branch = condition ? ` if ${condition.name} takes its ${condition.branch} (not known until it runs)` : "";
    const cached = verdict(name);
    if (cached?.kind === "hit") {
      const expires = cached.expiresInMs !== undefined ? `expires in ${shortDuration(cached.expiresInMs)}` : undefined;
      return {
        step: name,
        action: "cache-hit",
        text: `cache hit expected${branch} (from ${cached.run.label}${expires ? `, ${expires}` : ""})`,
        from: cached.run.label,
        condition,
        note: expires,
      };
    }
    const why =
      cached?.kind === "miss"
        ? `cache miss: ${cached.keyChanges.length} key change${cached.keyChanges.length === 1 ? "" : "s"}`
        : cached?.kind === "expired"
          ? "cached result expired"
          : undefined;
    return { step: name, action: "run", text: `run${branch}${why ? ` (${why})` : ""}`, condition, note: why };
  });
}
