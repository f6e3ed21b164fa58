import { executionIdOf, executionLabel } from "../execution-label";
import { loadDefinition, type DefinitionStep, type LoadedDefinition } from "./definition";
import { diffValues } from "./diff";
import { resolveExpressions } from "./expressions";
import { loadHistory, sourceRuns, type SourceRun } from "./history";
import { canCache, cachingEnabled, expirySetting } from "./policy";
import { keyReads } from "./reads";
import { splitStep, type StepParts } from "./step-parts";
import type { AttributeChange, CacheInsightInput, CacheVerdict, ComparedRun, UpstreamNote } from "./types";

/** The verdict for one step of the editor's definition; undefined when the definition has no step of that name. */
export function stepCacheVerdict(input: CacheInsightInput, stepName: string, now: Date): CacheVerdict | undefined {
  return cacheInsight(input, now).verdict(stepName);
}

/** The verdict of every named step of the editor's definition (Condition branches included). */
export function cacheVerdicts(input: CacheInsightInput, now: Date): Record<string, CacheVerdict> {
  const insight = cacheInsight(input, now);
  return Object.fromEntries(insight.stepNames.map((name) => [name, insight.verdict(name)!]));
}

export interface CacheInsight {
  /** The named steps of the editor's definition, in document order. */
  stepNames: string[];
  verdict(stepName: string): CacheVerdict | undefined;
}

/**
 * Verdicts over one input: definitions are parsed once and verdicts are remembered, since a step's verdict
 * takes its upstream steps' verdicts.
 */
export function cacheInsight(input: CacheInsightInput, now: Date): CacheInsight {
  const current = loadDefinition(input.definition, input.parameters ?? {});
  const history = loadHistory(input.executions);
  const selected = input.selectedSteps ? new Set(input.selectedSteps) : undefined;
  const verdicts = new Map<string, CacheVerdict | undefined>();
  const inProgress = new Set<string>();

  const verdictOf = (stepName: string): CacheVerdict | undefined => {
    if (verdicts.has(stepName)) return verdicts.get(stepName);
    const step = current?.steps.get(stepName);
    if (!current || !step || inProgress.has(stepName)) return undefined; // a dependency cycle has no verdict
    inProgress.add(stepName);
    const verdict = decide(stepName, step, current);
    inProgress.delete(stepName);
    verdicts.set(stepName, verdict);
    return verdict;
  };

  const decide = (stepName: string, step: DefinitionStep, definition: LoadedDefinition): CacheVerdict => {
    const identity = { step: stepName, stepType: step.type };
    if (!canCache(step.type)) return { kind: "n/a", ...identity };
    if (!cachingEnabled(step.json.CacheConfig)) return { kind: "off", ...identity };
    if (selected && !selected.has(stepName)) return { kind: "not-selected", ...identity };

    const type = step.type!;
    const next = splitStep(resolveExpressions(step.json, definition.scope) as Record<string, unknown>, type);
    const reads = keyReads(next.key);
    const on = { ...identity, expiry: expirySetting(step.json.CacheConfig), perRunReads: reads.perRun, upstream: upstreamNotes(reads.upstream) };

    const compared = sourceRuns(history, stepName).map((source) => compare(source, next, type));
    if (compared.length === 0) return { kind: "no-runs", noHistory: input.executions.length === 0, ...on };

    const matching = compared.filter((c) => c.matches).sort(byRecency);
    const nowMs = now.getTime();
    if (matching.length > 0) {
      const latest = matching[0];
      const run = comparedRun(latest.source, nowMs);
      const windowMs = on.expiry.windowMs;
      if (windowMs !== undefined && run.ageMs > windowMs) {
        return { kind: "expired", expiredAgoMs: run.ageMs - windowMs, run, nonKeyChanges: latest.nonKeyChanges, ...on };
      }
      const expires = windowMs === undefined ? {} : { expiresAt: new Date(latest.source.ranAtMs + windowMs).toISOString(), expiresInMs: windowMs - run.ageMs };
      return { kind: "hit", ...expires, run, nonKeyChanges: latest.nonKeyChanges, ...on };
    }
    const closest = [...compared].sort((a, b) => a.keyChanges.length - b.keyChanges.length || byRecency(a, b))[0];
    return { kind: "miss", keyChanges: closest.keyChanges, run: comparedRun(closest.source, nowMs), nonKeyChanges: closest.nonKeyChanges, ...on };
  };

  const upstreamNotes = (upstream: Map<string, string[]>): UpstreamNote[] => {
    const notes: UpstreamNote[] = [];
    for (const [name, paths] of upstream) {
      if (selected && !selected.has(name)) {
        notes.push({ step: name, paths, state: { kind: "reused-from-reference" } });
        continue;
      }
      const verdict = verdictOf(name);
      if (!verdict) continue;
      if (verdict.kind === "hit") notes.push({ step: name, paths, state: { kind: "hit", label: verdict.run.label } });
      else notes.push({ step: name, paths, state: { kind: "runs-again", verdict: verdict.kind } });
    }
    return notes;
  };

  return { stepNames: [...(current?.steps.keys() ?? [])], verdict: verdictOf };
}

interface Comparison {
  source: SourceRun;
  keyChanges: AttributeChange[];
  nonKeyChanges: AttributeChange[];
  matches: boolean;
}

/** A past run against the next one, both after parameter resolution, each with its own definition's parameters. */
function compare(source: SourceRun, next: StepParts, type: string): Comparison {
  const past = splitStep(resolveExpressions(source.step.json, source.scope) as Record<string, unknown>, type);
  const keyChanges = diffValues(past.key, next.key);
  // A per-run value on either side is a different key every time, whatever the text says.
  const perRun = keyReads(past.key).perRun.length + keyReads(next.key).perRun.length;
  return { source, keyChanges, nonKeyChanges: diffValues(past.nonKey, next.nonKey), matches: keyChanges.length === 0 && perRun === 0 };
}

function byRecency(a: Comparison, b: Comparison): number {
  return b.source.ranAtMs - a.source.ranAtMs;
}

function comparedRun(source: SourceRun, nowMs: number): ComparedRun {
  const arn = source.execution.executionArn;
  return {
    executionArn: arn,
    executionId: executionIdOf(arn),
    label: executionLabel({ arn, displayName: source.execution.displayName }),
    ranAt: new Date(source.ranAtMs).toISOString(),
    ageMs: nowMs - source.ranAtMs,
  };
}
