import { elements, memberValue } from "../../json";
import type { PipelineModel } from "../../model";
import type { PipelineDocument } from "../document";
import type { Occurrence } from "../symbols";
import type { HoverResult } from "./markdown";
import { parameterMarkdown } from "./names";
import { propertyFileMarkdown } from "./property-file";
import { stepMarkdown, unknownStepMarkdown } from "./step";

/**
 * Hover on a name written outside Get strings: a step's or parameter's `Name`, a `DependsOn` entry,
 * a `PropertyFileName`. The whole string token counts (quotes included); the range is the name.
 */
export function symbolHover(document: PipelineDocument, model: PipelineModel, offset: number): HoverResult | undefined {
  const occurrence = document
    .indexAround(offset)
    .occurrences.find((o) => o.role !== "reference" && o.node.offset <= offset && offset <= o.node.offset + o.node.length);
  const markdown = occurrence && occurrenceMarkdown(document, model, occurrence);
  return markdown ? { markdown, start: occurrence.start, end: occurrence.end } : undefined;
}

function occurrenceMarkdown(document: PipelineDocument, model: PipelineModel, occurrence: Occurrence): string | undefined {
  if (occurrence.kind === "parameter") {
    const parameter = model.parameters.find((p) => p.nameNode === occurrence.node);
    return parameter && parameterMarkdown(document, model, parameter, "definition");
  }
  if (occurrence.kind === "propertyFile") {
    for (const step of model.steps) {
      const file = elements(memberValue(step.node, "PropertyFiles")).find((f) => memberValue(f, "PropertyFileName") === occurrence.node);
      if (file) return propertyFileMarkdown(document, step, file, "definition");
    }
    return undefined;
  }
  if (occurrence.role === "definition") {
    const step = model.steps.find((s) => s.nameNode === occurrence.node);
    return step && stepMarkdown(document, model, step, "definition");
  }
  const target = model.stepsByName.get(occurrence.name);
  return target ? stepMarkdown(document, model, target, "use") : unknownStepMarkdown(occurrence.name);
}
