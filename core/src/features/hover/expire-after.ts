import { memberValue, type Node } from "../../json";
import { canonicalDuration, durationInWords, parseDuration, parseDurationInWords } from "../../duration";
import type { PipelineModel, StepModel } from "../../model";
import type { PipelineDocument } from "../document";
import { code, escape, paragraphs, type HoverResult } from "./markdown";
import { cacheKeyOf } from "./step";

/**
 * What happens to an ExpireAfter that is not a duration. Its diagnostic (`cache-expire-after-invalid`, or the schema's
 * for a value that is not a string) says what is wrong and how to write one; the editor shows that message in this
 * hover too, so the hover does not repeat it.
 */
const INVALID_CONSEQUENCE =
  "The editor and the CLI do not send a definition with errors, and the local engine refuses it (ValidationException at CreatePipeline). " +
  "What the SageMaker service does with such a value is not known (the SageMaker SDK sends it unchecked).";
const DOES_NOT_RUN = "the definition does not run until this value is fixed.";

/** Hover on a step's `CacheConfig.ExpireAfter` value: the duration alone (in words, canonical form, effect on caching). */
export function expireAfterHover(document: PipelineDocument, model: PipelineModel, offset: number): HoverResult | undefined {
  for (const step of model.steps) {
    if (offset < step.node.offset || offset > step.node.offset + step.node.length) continue;
    const value = memberValue(memberValue(step.node, "CacheConfig"), "ExpireAfter");
    if (value && value.type !== "object" && value.type !== "array" && value.offset <= offset && offset <= value.offset + value.length) {
      return { markdown: expireAfterMarkdown(step, value), start: value.offset, end: value.offset + value.length };
    }
  }
  return undefined;
}

function expireAfterMarkdown(step: StepModel, value: Node): string {
  if (value.type !== "string") return paragraphs(`**ExpireAfter** must be a string: ${DOES_NOT_RUN}`, INVALID_CONSEQUENCE);
  const text = value.value as string;
  const duration = parseDuration(text);
  if (!duration) {
    const inWords = parseDurationInWords(text);
    return paragraphs(
      `**ExpireAfter** ${code(text)}: ${DOES_NOT_RUN}`,
      INVALID_CONSEQUENCE,
      inWords && `As a duration: ${code(canonicalDuration(inWords))} (${durationInWords(inWords)}), which the quick fix writes.`,
    );
  }
  const canonical = canonicalDuration(duration);
  return paragraphs(
    `**ExpireAfter** ${code(text)}: ${durationInWords(duration)}`,
    canonical === text ? "Canonical ISO 8601 form." : `Canonical ISO 8601 form: ${code(canonical)}`,
    effect(step, durationInWords(duration)),
  );
}

function effect(step: StepModel, words: string): string {
  if (!cacheKeyOf(step.type)) return `Step caching does not cover ${step.type ? escape(step.type) : "untyped"} steps.`;
  const enabled = memberValue(memberValue(step.node, "CacheConfig"), "Enabled");
  if (enabled?.type === "object") return "Applies when the `Enabled` expression is true at run time.";
  if (enabled?.value !== true) return "Ignored: caching is off for this step (`Enabled` is not true).";
  return `A successful earlier run of this step younger than ${words} is reused when its cache-key attributes are unchanged.`;
}
