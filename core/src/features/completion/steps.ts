import type { StepModel } from "../../model";
import type { PipelineDocument } from "../document";

/** A step by name: from the current model, or from the last good one while the text is broken. */
export function findStep(document: PipelineDocument, name: string): StepModel | undefined {
  return document.model?.stepsByName.get(name) ?? (document.parsed ? undefined : document.fallback?.stepsByName.get(name));
}

/** The step's type, as the detail of its name. */
export function stepDetail(document: PipelineDocument, name: string): string | undefined {
  return findStep(document, name)?.type;
}
