import { memberValue, type Node } from "../../json";
import { canonicalDuration, durationInWords, parseDuration } from "../../duration";
import type { PipelineModel, StepModel } from "../../model";
import type { PipelineDocument } from "../document";
import { code, escape, paragraphs, type HoverResult } from "./markdown";
import { cacheKeyOf } from "./step";

const DURATION_SYNTAX =
  "Write an ISO 8601 duration: years `Y`, months `M`, weeks `W`, days `D`, then `T` and hours `H`, minutes `M`, seconds `S`. " +
  "Examples: `PT1H` (1 hour), `P30D` (30 days), `P4DT12H` (4 days and 12 hours). " +
  "The leading `P` and upper case are optional (`30d`, `T16m`, `30dT5h`); `M` before `T` is months, after `T` minutes.";

/** Hover on a step's `CacheConfig.ExpireAfter` value: the duration in words and its canonical form. */
export function expireAfterHover(document: PipelineDocument, model: PipelineModel, offset: number): HoverResult | undefined {
  for (const step of model.steps) {
    const value = memberValue(memberValue(step.node, "CacheConfig"), "ExpireAfter");
    if (value && value.type !== "object" && value.type !== "array" && value.offset <= offset && offset <= value.offset + value.length) {
      return { markdown: expireAfterMarkdown(step, value), start: value.offset, end: value.offset + value.length };
    }
  }
  return undefined;
}

function expireAfterMarkdown(step: StepModel, value: Node): string {
  if (value.type !== "string") return paragraphs(`**ExpireAfter** must be a string.`, DURATION_SYNTAX);
  const text = value.value as string;
  const duration = parseDuration(text);
  if (!duration) return paragraphs(`**ExpireAfter** ${code(text)} is not a valid duration.`, DURATION_SYNTAX);
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
