import type { Range } from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";

/**
 * The steps that editor selections touch, for "Run Selected Steps": the innermost step around each
 * selected character. A selection inside a Condition's branch selects the branch step, not the Condition.
 */
export function stepsInRanges(document: PipelineDocument, ranges: Range[]): string[] {
  const steps = document.model?.steps ?? [];
  const names = new Set<string>();
  for (const range of ranges) {
    const start = document.offsetAt(range.start);
    const end = Math.max(start, document.offsetAt(range.end));
    const touched = steps.filter((s) => s.node.offset <= end && start <= s.node.offset + s.node.length);
    // The steps that hold the whole selection: a chain of nested steps, as short as the nesting is deep.
    const holding = touched.filter((t) => t.node.offset <= start && end <= t.node.offset + t.node.length);
    for (const step of touched) {
      // Keep a step unless a touched step lies inside it and the selection lies entirely inside that one.
      const inner = holding.find(
        (t) => t !== step && t.node.offset >= step.node.offset && t.node.offset + t.node.length <= step.node.offset + step.node.length,
      );
      if (!inner && step.name !== undefined) names.add(step.name);
    }
  }
  return [...names];
}
