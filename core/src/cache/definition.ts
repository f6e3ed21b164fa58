import { getNodeValue } from "jsonc-parser";
import { memberValue } from "../json";
import { buildModel } from "../model";
import { parseDocument } from "../parse";
import { declaredParameters } from "../planner/parameters";
import type { ResolutionScope } from "./expressions";
import { isPlainObject } from "./paths";
import { runParameterValues } from "./run-parameters";

export interface DefinitionStep {
  type?: string;
  /** The step's JSON, Condition branches included for Condition steps. */
  json: Record<string, unknown>;
}

/** A definition as the cache comparison needs it: steps by name (branch steps included) and its resolution scope. */
export interface LoadedDefinition {
  steps: Map<string, DefinitionStep>;
  scope: ResolutionScope;
}

/** Undefined when the text holds no definition object. `parameters`: the run's values, as strings. */
export function loadDefinition(text: string, parameters: Record<string, string>): LoadedDefinition | undefined {
  const root = parseDocument(text).root;
  if (root?.type !== "object") return undefined;
  const model = buildModel(root);
  const steps = new Map<string, DefinitionStep>();
  for (const [name, step] of model.stepsByName) {
    const json = getNodeValue(step.node) as unknown;
    if (isPlainObject(json)) steps.set(name, { type: step.type, json });
  }
  const experimentConfigNode = memberValue(root, "PipelineExperimentConfig");
  const experimentConfig = experimentConfigNode ? (getNodeValue(experimentConfigNode) as unknown) : undefined;
  return {
    steps,
    scope: {
      parameters: runParameterValues(declaredParameters(model), parameters),
      experimentConfig: isPlainObject(experimentConfig) ? experimentConfig : undefined,
    },
  };
}
