import { cacheInsight, cacheVerdictHover, cacheVerdictLensTitle, type CacheInsight, type PipelineDocument } from "../../core/src";
import type { CacheContextParams } from "../../protocol/src";

/**
 * The executions the client sent for each document, and the cache verdicts computed from them for the document's
 * current text (once per text and context; verdicts themselves are computed on first use).
 */
export class CacheContexts {
  private readonly contexts = new Map<string, CacheContextParams>();
  private readonly insights = new Map<string, { text: string; context: CacheContextParams; insight: CacheInsight }>();

  set(params: CacheContextParams): void {
    this.contexts.set(params.uri, params);
  }

  forget(uri: string): void {
    this.contexts.delete(uri);
    this.insights.delete(uri);
  }

  lensTitle(uri: string, document: PipelineDocument): ((stepName: string) => string | undefined) | undefined {
    const insight = this.insight(uri, document);
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

  hoverMarkdown(uri: string, document: PipelineDocument): ((stepName: string) => string | undefined) | undefined {
    const insight = this.insight(uri, document);
    return (
      insight &&
      ((step) => {
        const verdict = insight.verdict(step);
        return verdict && cacheVerdictHover(verdict);
      })
    );
  }

  private insight(uri: string, document: PipelineDocument): CacheInsight | undefined {
    const context = this.contexts.get(uri);
    if (!context || !document.parsed) return undefined;
    const cached = this.insights.get(uri);
    if (cached && cached.text === document.text && cached.context === context) return cached.insight;
    const insight = cacheInsight({ definition: document.text, executions: context.executions, parameters: context.parameters }, new Date());
    this.insights.set(uri, { text: document.text, context, insight });
    return insight;
  }
}
