import { MarkupKind, type Hover, type Position } from "vscode-languageserver-types";
import type { Node } from "jsonc-parser";
import { memberValue } from "../json";
import type { PipelineModel, StepModel } from "../model";
import type { PipelineDocument } from "./document";
import { expireAfterHover } from "./hover/expire-after";
import type { HoverResult } from "./hover/markdown";
import { referenceHover } from "./hover/reference";
import { symbolHover } from "./hover/symbol";

/**
 * The cache verdict of a step as Markdown, when the client has sent executions to compare with. `expiryNote`: say what
 * a missing or invalid ExpireAfter means (false when the hover also shows the step's cache setting, which says it).
 */
export type StepCacheMarkdown = (stepName: string, options: { expiryNote: boolean }) => string | undefined;

/**
 * Hover for step names, DependsOn entries, ExpireAfter values, Get strings and property files.
 * A bug here throws: the language service reports it to its logger and shows no hover (see language-service.ts).
 */
export function hover(document: PipelineDocument, position: Position, stepCache?: StepCacheMarkdown): Hover | null {
  const offset = document.offsetAt(position);
  const model = document.model;
  // The ExpireAfter value's hover is about the duration alone.
  const expireAfter = model && expireAfterHover(document, model, offset);
  const found = expireAfter || withCacheVerdict(document, offset, find(document, offset), stepCache);
  if (!found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: document.rangeOf(found.start, found.end) };
}

function find(document: PipelineDocument, offset: number): HoverResult | undefined {
  const model = document.model;
  if (!model) return undefined;
  return referenceHover(document, model, offset) ?? symbolHover(document, model, offset);
}

/**
 * On a step's own name and on its CacheConfig, the hover leads with the answer: what the step cache will do on the
 * next run (and on a miss, why); the step's details follow.
 */
function withCacheVerdict(
  document: PipelineDocument,
  offset: number,
  found: HoverResult | undefined,
  stepCache: StepCacheMarkdown | undefined,
): HoverResult | undefined {
  const target = stepCache && document.model ? cacheHoverTarget(document.model, offset) : undefined;
  const verdict = target?.step.name !== undefined ? stepCache!(target.step.name, { expiryNote: !found }) : undefined;
  if (!target || !verdict) return found;
  if (found) return { ...found, markdown: `${verdict}\n\n---\n\n${found.markdown}` };
  return { markdown: verdict, start: target.node.offset, end: target.node.offset + target.node.length };
}

function cacheHoverTarget(model: PipelineModel, offset: number): { step: StepModel; node: Node } | undefined {
  const inside = (node: Node | undefined) => node !== undefined && node.offset <= offset && offset <= node.offset + node.length;
  for (const step of model.steps) {
    if (inside(step.nameNode)) return { step, node: step.nameNode! };
    const cacheConfig = memberValue(step.node, "CacheConfig")?.parent;
    if (cacheConfig && inside(cacheConfig)) return { step, node: cacheConfig };
  }
  return undefined;
}
