import { diffValues } from "./cache/diff";
import { isPlainObject } from "./cache/paths";
import { cacheKeyText } from "./cache/policy";
import type { AttributeChange } from "./cache/types";
import { changeText } from "./cache/value-text";

type Json = Record<string, unknown>;

/** How one step differs between two definitions. */
export interface StepComparison {
  step: string;
  kind: "added" | "removed" | "changed";
  /** The step's type in the newer definition (the older one's when removed). */
  type?: string;
  /** For a changed step: the places that differ, from the step (`Arguments.HyperParameters.eta`, `RetryPolicies`). */
  changes: AttributeChange[];
  /**
   * For a changed step of a type that step caching covers: whether its cache key differs, so that a run cannot take
   * the older definition's cached result (`changed`), or only attributes outside the key differ (`unchanged`).
   */
  cacheKey?: "changed" | "unchanged";
}

export interface DefinitionComparison {
  steps: StepComparison[];
  /** Top-level members other than `Steps` that differ (`Parameters`, `PipelineExperimentConfig`, …). */
  members: string[];
  /** Steps that are the same in both. */
  unchanged: number;
}

/** The steps of a definition by name, Condition branches flattened (a branch holds its steps' names only), in order. */
export function definitionStepsByName(definition: Json): Map<string, Json> {
  const result = new Map<string, Json>();
  const visit = (steps: unknown) => {
    if (!Array.isArray(steps)) return;
    for (const step of steps) {
      if (!isPlainObject(step) || typeof step.Name !== "string" || result.has(step.Name)) continue;
      const args = isPlainObject(step.Arguments) ? step.Arguments : undefined;
      if (step.Type === "Condition" && args) {
        result.set(step.Name, { ...step, Arguments: { ...args, IfSteps: names(args.IfSteps), ElseSteps: names(args.ElseSteps) } });
        visit(args.IfSteps);
        visit(args.ElseSteps);
      } else {
        result.set(step.Name, step);
      }
    }
  };
  visit(definition.Steps);
  return result;
}

const names = (steps: unknown) => (Array.isArray(steps) ? steps.map((s) => (isPlainObject(s) ? s.Name : s)) : steps);

/** What differs between two parsed definitions, step by step; member order and formatting are no difference. */
export function compareDefinitions(before: Json, after: Json): DefinitionComparison {
  const beforeSteps = definitionStepsByName(before);
  const afterSteps = definitionStepsByName(after);
  const steps: StepComparison[] = [];
  let unchanged = 0;
  for (const [name, step] of afterSteps) {
    const old = beforeSteps.get(name);
    const type = typeof step.Type === "string" ? step.Type : undefined;
    if (!old) {
      steps.push({ step: name, kind: "added", type, changes: [] });
      continue;
    }
    const changes = diffValues(old, step);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    steps.push({ step: name, kind: "changed", type, changes, ...cacheKeyComparison(old, step) });
  }
  for (const [name, step] of beforeSteps) {
    if (!afterSteps.has(name)) steps.push({ step: name, kind: "removed", type: typeof step.Type === "string" ? step.Type : undefined, changes: [] });
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== "Steps"));
  const members = [...keys].filter((key) => diffValues(before[key], after[key]).length > 0);
  return { steps, members, unchanged };
}

function cacheKeyComparison(before: Json, after: Json): Pick<StepComparison, "cacheKey"> {
  const key = (step: Json) => (typeof step.Type === "string" ? cacheKeyText(step.Type, isPlainObject(step.Arguments) ? step.Arguments : {}, step) : undefined);
  const [was, is] = [key(before), key(after)];
  if (was === undefined && is === undefined) return {};
  return { cacheKey: was === is ? "unchanged" : "changed" };
}

/** Both texts parsed and compared, or why they could not be. */
export function compareDefinitionTexts(before: string, after: string): DefinitionComparison | { error: string } {
  const parsed = [parseObject(before, "the older definition"), parseObject(after, "the newer definition")];
  for (const p of parsed) if ("error" in p) return p;
  return compareDefinitions((parsed[0] as { value: Json }).value, (parsed[1] as { value: Json }).value);
}

function parseObject(text: string, what: string): { value: Json } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? { value } : { error: `${what} is not a JSON object` };
  } catch (error) {
    return { error: `${what} is not JSON: ${(error as Error).message}` };
  }
}

/** How many places a line names before it says "and N more". */
const PLACES_SHOWN = 3;

/**
 * The comparison in a few lines, one per differing step, the cache consequence first: `Train: runs again (its cache
 * key changed): HyperParameters.eta "0.1" → "0.2"`, `Evaluate: changed outside the cache key: RetryPolicies`.
 */
export function comparisonLines(comparison: DefinitionComparison): string[] {
  if (comparison.steps.length === 0 && comparison.members.length === 0) return ["No difference: the same steps and members."];
  const lines = comparison.steps.map((step) => {
    if (step.kind === "added") return `${step.step}: added${step.type ? ` (${step.type})` : ""}.`;
    if (step.kind === "removed") return `${step.step}: removed.`;
    const places = step.changes.slice(0, PLACES_SHOWN).map((change) => changeText(change));
    const more = step.changes.length > PLACES_SHOWN ? `, and ${step.changes.length - PLACES_SHOWN} more` : "";
    const what =
      step.cacheKey === "changed"
        ? "cache key changed, a cached result of the other cannot be used"
        : step.cacheKey === "unchanged"
          ? "changed outside the cache key"
          : "changed (not a cached step type)";
    return `${step.step}: ${what}: ${places.join("; ")}${more}.`;
  });
  for (const member of comparison.members) lines.push(`${member}: changed.`);
  lines.push(`${comparison.unchanged} step${comparison.unchanged === 1 ? "" : "s"} unchanged.`);
  return lines;
}
