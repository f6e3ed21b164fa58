import { elements, memberValue, stringValue } from "../../json";
import type { ParameterModel, PipelineModel } from "../../model";
import { EXECUTION_VARIABLES, EXPERIMENT_CONFIG_MEMBERS } from "../../references";
import type { PipelineDocument } from "../document";
import { code, escape, lineOf, paragraphs, rawValue } from "./markdown";

/** A pipeline parameter: type, default, allowed values, description; where it is defined or how often it is read. */
export function parameterMarkdown(document: PipelineDocument, model: PipelineModel, parameter: ParameterModel, occurrence: "definition" | "use"): string {
  const description = stringValue(memberValue(parameter.node, "Description"));
  const enumValues = elements(parameter.enumValuesNode).map((n) => code(rawValue(document, n)));
  const lines = [
    `- Default: ${parameter.defaultNode ? code(rawValue(document, parameter.defaultNode)) : "none (each execution must set it)"}`,
    enumValues.length > 0 ? `- Allowed values: ${enumValues.join(", ")}` : undefined,
  ];
  return paragraphs(
    `**Parameter** ${code(parameter.name ?? "")} · ${escape(parameter.type)}`,
    description && escape(description),
    lines.filter(Boolean).join("\n"),
    occurrence === "use" ? `Defined on line ${lineOf(document, (parameter.nameNode ?? parameter.node).offset)}.` : readers(model, parameter.name),
  );
}

function readers(model: PipelineModel, name: string | undefined): string {
  const count = model.references.filter((r) => r.parsed.root === "Parameters" && r.parsed.name === name).length;
  return count === 0 ? "Not read by any `Get`." : `Read by ${count} \`Get\` reference${count === 1 ? "" : "s"}.`;
}

export function unknownParameterMarkdown(name: string): string {
  return `Unknown parameter ${code(name)}: the pipeline declares no parameter with this name.`;
}

export function executionVariableMarkdown(name: string): string {
  const meaning = Object.hasOwn(EXECUTION_VARIABLES, name) ? EXECUTION_VARIABLES[name] : undefined;
  if (meaning === undefined) return `Unknown execution variable ${code(`Execution.${name}`)}.`;
  return paragraphs(`**Execution variable** ${code(`Execution.${name}`)}`, `${meaning} Resolved when the pipeline runs.`);
}

const EXPERIMENT_MEANINGS: Record<string, string> = {
  ExperimentName: "The experiment the executions are recorded under (default: the pipeline name).",
  TrialName: "The trial each execution is recorded under (default: the execution ID).",
};

export function experimentConfigMarkdown(document: PipelineDocument, model: PipelineModel, name: string): string {
  if (!EXPERIMENT_CONFIG_MEMBERS.includes(name)) return `Unknown member ${code(`PipelineExperimentConfig.${name}`)}.`;
  const config = memberValue(model.root, "PipelineExperimentConfig");
  const value = memberValue(config, name);
  return paragraphs(
    `**Pipeline experiment config** ${code(`PipelineExperimentConfig.${name}`)}`,
    EXPERIMENT_MEANINGS[name],
    config?.type === "null" ? "This pipeline sets `PipelineExperimentConfig` to null." : value && `Set in this pipeline to ${code(rawValue(document, value))}.`,
  );
}
