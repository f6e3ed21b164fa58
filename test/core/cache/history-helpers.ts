// Builds past executions for the cache-insight tests (not a test file itself).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PastExecution, PastStepRun } from "../../../core/src";

export const corpusDefinition = (file: string) => readFileSync(join(import.meta.dirname, "../../fixtures/corpus", file), "utf8");
export const exampleDefinition = (file: string) => readFileSync(join(import.meta.dirname, "../../../examples", file), "utf8");

const PIPELINE_ARN = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone";

/** A copy of `text` changed by `change` (the "editor" text). */
export function edited(text: string, change: (definition: any) => void): string {
  const definition = JSON.parse(text);
  change(definition);
  return JSON.stringify(definition, null, 2);
}

/** The step of that name, top level or in a Condition branch. */
export function stepOf(definition: any, name: string): any {
  for (const step of definition.Steps) {
    if (step.Name === name) return step;
    for (const branch of ["IfSteps", "ElseSteps"]) for (const inner of step.Arguments?.[branch] ?? []) if (inner.Name === name) return inner;
  }
  throw new Error(`no step ${name}`);
}

/**
 * An execution whose named steps all succeeded, ending at `endTime`; `steps` overrides single steps' records.
 */
export function execution(
  id: string,
  definition: string,
  endTime: string,
  options: { stepNames: string[]; parameters?: Record<string, string>; status?: string; steps?: Record<string, Partial<PastStepRun>> },
): PastExecution {
  const steps: Record<string, PastStepRun> = {};
  for (const name of options.stepNames) steps[name] = { status: "Succeeded", startTime: endTime, endTime, ...options.steps?.[name] };
  return {
    executionArn: `${PIPELINE_ARN}/execution/${id}`,
    status: options.status ?? "Succeeded",
    startTime: endTime,
    definition,
    parameters: options.parameters ?? {},
    steps,
  };
}
