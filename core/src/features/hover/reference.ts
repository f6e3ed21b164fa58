import { stringContentSpan } from "../../json";
import type { GetReference, PipelineModel } from "../../model";
import type { PathSegment } from "../../references";
import type { PipelineDocument } from "../document";
import type { HoverResult } from "./markdown";
import { executionVariableMarkdown, experimentConfigMarkdown, parameterMarkdown, unknownParameterMarkdown } from "./names";
import { propertyMarkdown, segmentEnd, segmentStart } from "./property";
import { findPropertyFile, propertyFileMarkdown, propertyFilesMarkdown, unknownPropertyFileMarkdown } from "./property-file";
import { stepMarkdown, unknownStepMarkdown } from "./step";

/** The part of a Get string under the cursor: its name, one path segment, or the whole reference. */
type Part = { kind: "name" } | { kind: "segment"; index: number } | { kind: "whole" };

const MALFORMED = "Not a valid reference: write `Parameters.X`, `Execution.X`, `PipelineExperimentConfig.X` or `Steps.X.<path>`.";

/** Hover on a `{"Get": "..."}` string: what the part under the cursor resolves to. */
export function referenceHover(document: PipelineDocument, model: PipelineModel, offset: number): HoverResult | undefined {
  const ref = model.references.find((r) => r.node.offset <= offset && offset <= r.node.offset + r.node.length);
  if (!ref) return undefined;
  const { start, end, exact } = contentSpan(document, ref);
  const part = exact ? partAt(ref, offset - start) : { kind: "whole" as const };
  const span = partSpan(ref, part);
  const markdown = describe(document, model, ref, part);
  return { markdown, start: exact ? start + span.start : start, end: exact ? start + span.end : end };
}

/** The string's content in the document; `exact` when offsets inside it map 1:1 (no escape sequences). */
function contentSpan(document: PipelineDocument, ref: GetReference): { start: number; end: number; exact: boolean } {
  const { start, end } = stringContentSpan(document.text, ref.node, 0, ref.text.length);
  return { start, end, exact: end - start === ref.text.length };
}

function partAt(ref: GetReference, at: number): Part {
  const parsed = ref.parsed;
  if (parsed.root === "unknown") return { kind: "whole" };
  const name = { start: parsed.nameStart, end: parsed.nameEnd };
  const segments = "path" in parsed ? parsed.path.map(hitArea) : [];
  const inside = (s: { start: number; end: number }) => s.start <= at && at < s.end;
  const atEnd = (s: { start: number; end: number }) => at === s.end;
  for (const test of [inside, atEnd]) {
    if (test(name)) return { kind: "name" };
    const index = segments.findIndex(test);
    if (index >= 0) return { kind: "segment", index };
  }
  return { kind: "whole" };
}

function hitArea(segment: PathSegment): { start: number; end: number } {
  return { start: segmentStart(segment), end: segmentEnd(segment) };
}

/** Offsets inside the string content that a part covers. */
function partSpan(ref: GetReference, part: Part): { start: number; end: number } {
  const parsed = ref.parsed;
  if (part.kind === "name" && parsed.root !== "unknown") return { start: parsed.nameStart, end: parsed.nameEnd };
  if (part.kind === "segment" && "path" in parsed) {
    const segment = parsed.path[part.index];
    return { start: segment.start, end: segment.end };
  }
  return { start: 0, end: ref.text.length };
}

function describe(document: PipelineDocument, model: PipelineModel, ref: GetReference, part: Part): string {
  const parsed = ref.parsed;
  switch (parsed.root) {
    case "unknown":
      return MALFORMED;
    case "Parameters": {
      const parameter = model.parametersByName.get(parsed.name);
      return parameter ? parameterMarkdown(document, model, parameter, "use") : unknownParameterMarkdown(parsed.name);
    }
    case "Execution":
      return executionVariableMarkdown(parsed.name);
    case "PipelineExperimentConfig":
      return experimentConfigMarkdown(document, model, parsed.name);
    case "Steps":
    case "IterationOutput":
      return stepReference(document, model, ref, part);
    case "ForEach":
      return FOR_EACH_ITEM;
  }
}

const FOR_EACH_ITEM =
  "**ForEach.CurrentItem** — the item of the ForEach step's `IterableItems` this iteration runs with; `.field` or `['field']` reads a field of a JSON-object item.";

function stepReference(document: PipelineDocument, model: PipelineModel, ref: GetReference, part: Part): string {
  if (ref.parsed.root !== "Steps" && ref.parsed.root !== "IterationOutput") return MALFORMED;
  const { stepName, path } = ref.parsed;
  const step = model.stepsByName.get(stepName);
  if (!step) return unknownStepMarkdown(stepName);
  const last = path.length - 1;
  if (part.kind === "name" || (part.kind === "whole" && last < 0)) return stepMarkdown(document, model, step, "use");
  const index = part.kind === "segment" ? part.index : last;
  const [first, second] = path;
  if (first.kind === "member" && first.name === "PropertyFiles") {
    if (index === 0 && step.type === "Processing") return propertyFilesMarkdown(step);
    if (index === 1 && second.kind === "member") {
      const file = findPropertyFile(step, second.name);
      return file ? propertyFileMarkdown(document, step, file, "use") : unknownPropertyFileMarkdown(step, second.name);
    }
  }
  return propertyMarkdown(step, ref.text, path, index);
}
