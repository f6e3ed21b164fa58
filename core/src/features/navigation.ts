import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-types";
import type { PipelineDocument } from "./document";
import type { Occurrence } from "./symbols";

/** Go to definition: from any use of a step, parameter or property-file name to where it is declared. */
export function definition(document: PipelineDocument, uri: string, position: Position): Location[] {
  const offset = document.offsetAt(position);
  const occurrence = document.indexAround(offset).at(offset);
  if (!occurrence) return [];
  const target = document.index.definitionOf(occurrence.kind, occurrence.key);
  return target ? [{ uri, range: document.rangeOf(target.start, target.end) }] : [];
}

export function references(document: PipelineDocument, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const offset = document.offsetAt(position);
  const occurrence = document.indexAround(offset).at(offset);
  if (!occurrence) return [];
  return document.index
    .occurrencesOf(occurrence.kind, occurrence.key)
    .filter((o) => includeDeclaration || o.role !== "definition")
    .map((o) => ({ uri, range: document.rangeOf(o.start, o.end) }));
}

export function documentHighlights(document: PipelineDocument, position: Position): DocumentHighlight[] {
  const offset = document.offsetAt(position);
  const occurrence = document.indexAround(offset).at(offset);
  if (!occurrence) return [];
  return document.index.occurrencesOf(occurrence.kind, occurrence.key).map((o) => ({
    range: document.rangeOf(o.start, o.end),
    kind: o.role === "definition" ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

const STEP_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PARAMETER_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** The name under the cursor, if it can be renamed (steps and parameters). */
export function prepareRename(document: PipelineDocument, position: Position): { range: Range; placeholder: string } | { error: string } | null {
  const occurrence = renameable(document, position);
  if (!occurrence) return null;
  if ("error" in occurrence) return occurrence;
  return { range: document.rangeOf(occurrence.start, occurrence.end), placeholder: occurrence.name };
}

/**
 * Renames a step or a parameter everywhere it is written: its declaration, DependsOn entries and
 * Get strings (property-file references included, since they name the step). Refuses names that
 * would be invalid or already taken.
 */
export function rename(document: PipelineDocument, uri: string, position: Position, newName: string): RenameResult | null {
  const occurrence = renameable(document, position);
  if (!occurrence) return null;
  if ("error" in occurrence) return occurrence;
  if (newName === occurrence.name) return { edit: { changes: { [uri]: [] } } };
  const valid = occurrence.kind === "step" ? STEP_NAME : PARAMETER_NAME;
  if (!valid.test(newName)) {
    return {
      error: `'${newName}' is not a valid ${occurrence.kind} name: use 1 to ${occurrence.kind === "step" ? 64 : 256} letters, digits, '-' or '_'.`,
    };
  }
  const taken = occurrence.kind === "step" ? document.model?.stepsByName.has(newName) : document.model?.parametersByName.has(newName);
  if (taken) return { error: `A ${occurrence.kind} named '${newName}' already exists.` };
  const edits: TextEdit[] = [];
  for (const o of document.index.occurrencesOf(occurrence.kind, occurrence.key)) {
    edits.push({ range: document.rangeOf(o.start, o.end), newText: newName });
  }
  return { edit: { changes: { [uri]: edits } } };
}

function renameable(document: PipelineDocument, position: Position): Occurrence | { error: string } | undefined {
  const offset = document.offsetAt(position);
  const occurrence = document.indexAround(offset).at(offset);
  if (!occurrence) return undefined;
  if (occurrence.kind === "propertyFile")
    return { error: "Renaming property files is not supported yet: rename the PropertyFileName and its Std:JsonGet references by hand." };
  if (occurrence.end - occurrence.start !== occurrence.name.length) {
    return { error: `This ${occurrence.kind} name is written with escape sequences; rename it by hand.` };
  }
  if (!document.index.definitionOf(occurrence.kind, occurrence.key)) {
    return { error: `'${occurrence.name}' is not declared in this pipeline, so there is nothing to rename.` };
  }
  return occurrence;
}
