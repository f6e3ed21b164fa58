import { loadDefinition, type DefinitionStep, type LoadedDefinition } from "./definition";
import type { ResolutionScope } from "./expressions";
import type { PastExecution, PastStepRun } from "./types";

/** A past run of a step that the cache can reuse: Succeeded, and the step really did the work. */
export interface SourceRun {
  execution: PastExecution;
  run: PastStepRun;
  step: DefinitionStep;
  scope: ResolutionScope;
  /** When the run ended (epoch ms). */
  ranAtMs: number;
}

/** The executions with their definitions loaded once (an execution whose definition does not load is left out). */
export function loadHistory(executions: PastExecution[]): Array<{ execution: PastExecution; definition: LoadedDefinition }> {
  return executions.flatMap((execution) => {
    const definition = loadDefinition(execution.definition, execution.parameters ?? {});
    return definition ? [{ execution, definition }] : [];
  });
}

/**
 * The runs of `stepName` a cache hit could come from. Failed runs never count, nor do cache hits and selectively
 * reused steps: they point back at a run that did the work, which is in the history itself. A run needs a time
 * (its end, else its start, else the execution's start) to tell its age; one without any is left out.
 */
export function sourceRuns(history: ReturnType<typeof loadHistory>, stepName: string): SourceRun[] {
  const runs: SourceRun[] = [];
  for (const { execution, definition } of history) {
    const run = Object.hasOwn(execution.steps ?? {}, stepName) ? execution.steps[stepName] : undefined;
    if (run?.status !== "Succeeded" || run.cacheHitFrom || run.reusedFrom) continue;
    const step = definition.steps.get(stepName);
    const ranAtMs = Date.parse(run.endTime ?? run.startTime ?? execution.startTime ?? "");
    if (!step || Number.isNaN(ranAtMs)) continue;
    runs.push({ execution, run, step, scope: definition.scope, ranAtMs });
  }
  return runs;
}
