import * as vscode from "vscode";
import { buildModel, parseDocument, cacheSummary, explainCache, COMMANDS } from "../../../core/src";

/** The cache lens: explains the step's cache configuration and key. */
export function registerExplainCache(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.explainCache, async (uri?: string, stepName?: string) => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? vscode.window.activeTextEditor?.document;
    const root = document ? parseDocument(document.getText()).root : undefined;
    const step = root?.type === "object" && stepName !== undefined ? buildModel(root).stepsByName.get(stepName) : undefined;
    if (!step) {
      void vscode.window.showWarningMessage(`Step '${stepName ?? "?"}' is not in the document any more.`);
      return;
    }
    void vscode.window.showInformationMessage(explainCache(stepName!, step.type, cacheSummary(step)));
  });
}
