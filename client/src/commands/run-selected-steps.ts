import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { COMMANDS, STEPS_IN_RANGES_REQUEST, type StepsInRangesParams } from "../../../core/src/settings";
import { reportRunningNotAvailable } from "./not-yet-available";

/** Editor context menu: the steps that the selections (or the cursor) touch. */
export function registerRunSelectedSteps(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.runSelectedSteps, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const params: StepsInRangesParams = {
      uri: editor.document.uri.toString(),
      ranges: editor.selections.map((s) => ({ start: s.start, end: s.end })),
    };
    const steps = await client.sendRequest<string[]>(STEPS_IN_RANGES_REQUEST, params);
    if (steps.length === 0) {
      void vscode.window.showWarningMessage("Run Selected Steps: the selection touches no step. Put the cursor inside a step, or select several.");
      return;
    }
    reportRunningNotAvailable(`Run Selected Steps (${steps.join(", ")})`);
  });
}
