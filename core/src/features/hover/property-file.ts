import { elements, memberValue, stringValue, type Node } from "../../json";
import type { StepModel } from "../../model";
import type { PipelineDocument } from "../document";
import { code, codeList, escape, lineOf, paragraphs } from "./markdown";

/** The `PropertyFiles` entry of a step named `name`. */
export function findPropertyFile(step: StepModel, name: string): Node | undefined {
  return elements(memberValue(step.node, "PropertyFiles")).find((file) => stringValue(memberValue(file, "PropertyFileName")) === name);
}

/** A property file: its output and path, its step, and (for a use) where it is defined. */
export function propertyFileMarkdown(document: PipelineDocument, step: StepModel, file: Node, occurrence: "definition" | "use"): string {
  const nameNode = memberValue(file, "PropertyFileName");
  const outputName = stringValue(memberValue(file, "OutputName"));
  const filePath = stringValue(memberValue(file, "FilePath"));
  return paragraphs(
    `**Property file** ${code(stringValue(nameNode) ?? "")} of step ${code(step.name ?? "")}`,
    [`- Output: ${outputName === undefined ? "not set" : code(outputName)}`, `- File: ${filePath === undefined ? "not set" : code(filePath)}`].join("\n"),
    "A JSON file the step writes to that output; read it with `Std:JsonGet`.",
    occurrence === "use" && `Defined on line ${lineOf(document, (nameNode ?? file).offset)}.`,
  );
}

/** Why `Steps.<step>.PropertyFiles.<name>` resolves to nothing. */
export function unknownPropertyFileMarkdown(step: StepModel, name: string): string {
  if (step.type !== "Processing") {
    return `Property files belong to Processing steps; ${code(step.name ?? "")} ${step.type ? `is a ${escape(step.type)} step` : "has no Type"}.`;
  }
  return `Unknown property file: step ${code(step.name ?? "")} declares no property file ${code(name)}.`;
}

/** `Steps.<step>.PropertyFiles`: the files the step declares. */
export function propertyFilesMarkdown(step: StepModel): string {
  const names = elements(memberValue(step.node, "PropertyFiles"))
    .map((file) => stringValue(memberValue(file, "PropertyFileName")))
    .filter((name): name is string => name !== undefined);
  return paragraphs(
    `**Property files** of step ${code(step.name ?? "")}`,
    names.length > 0 ? `Declared: ${codeList(names)}` : "The step declares none.",
    'Read one with `{"Std:JsonGet": {"PropertyFile": {"Get": "Steps.<step>.PropertyFiles.<PropertyFileName>"}, "Path": "…"}}`.',
  );
}
