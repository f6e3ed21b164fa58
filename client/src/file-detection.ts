import * as vscode from "vscode";
import { DEFINITION_SCHEME, isPipelineDefinition, SETTINGS_SECTION } from "../../core/src";

const CANDIDATE_LANGUAGES = new Set(["json", "jsonc"]);

/**
 * Gives the pipeline language to JSON documents that are definitions by content, or that match the
 * user's extra globs (`sagemakerPipelines.files`). `*.pipeline.json` is claimed by the manifest.
 */
export function claimPipelineDefinitions(languageId: string): vscode.Disposable {
  const consider = (document: vscode.TextDocument) => {
    // The definitions Compare shows are read-only records of what ran: no lenses, no diagnostics.
    if (!CANDIDATE_LANGUAGES.has(document.languageId) || document.uri.scheme === DEFINITION_SCHEME) return;
    if (matchesExtraGlob(document) || isPipelineDefinition(document.getText())) {
      void vscode.languages.setTextDocumentLanguage(document, languageId);
    }
  };
  vscode.workspace.textDocuments.forEach(consider);
  return vscode.workspace.onDidOpenTextDocument(consider);
}

function matchesExtraGlob(document: vscode.TextDocument): boolean {
  const globs = vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<string[]>("files") ?? [];
  return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
