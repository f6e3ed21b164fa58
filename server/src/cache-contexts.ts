import {
  estimateRun,
  estimateText,
  stepDag,
  stepDurations,
  type StepAction,
  cacheInsight,
  cacheVerdictHover,
  cacheVerdictLensTitle,
  nextTimeChange,
  type CacheInsight,
  type CacheVerdict,
  type PipelineDocument,
  type StepCacheMarkdown,
} from "../../core/src";
import type { CacheContextParams } from "../../protocol/src";

interface Computed {
  text: string;
  context: CacheContextParams;
  insight: CacheInsight;
  verdicts: CacheVerdict[];
  /** The instant the verdicts were computed for, and the first instant any of their texts differs (undefined: never). */
  at: number;
  validUntil: number | undefined;
}

/**
 * The executions the client sent for each document, and the cache verdicts computed from them for the document's
 * current text at the time asked: a computed insight is reused only for the same text and context, and only until the
 * next instant any of its time-dependent texts (hit → expired, `expires in …`, `… ago`) changes.
 */
export class CacheContexts {
  private readonly contexts = new Map<string, CacheContextParams>();
  private readonly insights = new Map<string, Computed>();

  set(params: CacheContextParams): void {
    this.contexts.set(params.uri, params);
  }

  forget(uri: string): void {
    this.contexts.delete(uri);
    this.insights.delete(uri);
  }

  /** How many finished executions the client sent for the document (undefined: none sent yet). */
  finishedExecutions(uri: string): number | undefined {
    return this.contexts.get(uri)?.executions.length;
  }

  lensTitle(uri: string, document: PipelineDocument, now: Date): ((stepName: string) => string | undefined) | undefined {
    const insight = this.computed(uri, document, now)?.insight;
    return (
      insight &&
      ((step) => {
        const verdict = insight.verdict(step);
        // Without executions to compare with, the static lens (with its ExpireAfter problems) says more.
        if (!verdict || verdict.kind === "off" || verdict.kind === "n/a" || (verdict.kind === "no-runs" && verdict.noHistory)) return undefined;
        return cacheVerdictLensTitle(verdict);
      })
    );
  }

  /**
   * `≈ 12 min`: a run of the whole pipeline from the past runs the client sent (each step's median; the steps expected
   * to hit the cache take no time); undefined without past runs.
   */
  runEstimate(uri: string, document: PipelineDocument, now: Date): string | undefined {
    const computed = this.computed(uri, document, now);
    if (!computed || !document.model) return undefined;
    const dag = stepDag(document.model);
    const actions = new Map<string, StepAction>(dag.names.map((name) => [name, computed.insight.verdict(name)?.kind === "hit" ? "cache-hit" : "run"]));
    return estimateText(estimateRun(dag, actions, stepDurations(computed.context.executions)));
  }

  hoverMarkdown(uri: string, document: PipelineDocument, now: Date): StepCacheMarkdown | undefined {
    const insight = this.computed(uri, document, now)?.insight;
    return (
      insight &&
      ((step, options) => {
        const verdict = insight.verdict(step);
        return verdict && cacheVerdictHover(verdict, options);
      })
    );
  }

  /** The next instant (epoch ms) a cache lens of the document changes; undefined without a context or when none does. */
  nextLensChange(uri: string, document: PipelineDocument, now: Date): number | undefined {
    const computed = this.computed(uri, document, now);
    return computed && nextTimeChange({ verdicts: computed.verdicts }, now, "lens")?.getTime();
  }

  private computed(uri: string, document: PipelineDocument, now: Date): Computed | undefined {
    const context = this.contexts.get(uri);
    if (!context || !document.parsed) return undefined;
    const nowMs = now.getTime();
    const cached = this.insights.get(uri);
    if (cached && cached.text === document.text && cached.context === context && fresh(cached, nowMs)) return cached;
    const insight = cacheInsight({ definition: document.text, executions: context.executions, parameters: context.parameters }, now);
    const verdicts = insight.stepNames.map((name) => insight.verdict(name)).filter((v): v is CacheVerdict => v !== undefined);
    const computed = { text: document.text, context, insight, verdicts, at: nowMs, validUntil: nextTimeChange({ verdicts }, now)?.getTime() };
    this.insights.set(uri, computed);
    return computed;
  }
}

/** The texts computed at `at` are the texts at `nowMs`. */
function fresh(computed: Computed, nowMs: number): boolean {
  return nowMs >= computed.at && (computed.validUntil === undefined || nowMs < computed.validUntil);
}
