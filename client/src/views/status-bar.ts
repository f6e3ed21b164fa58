import * as vscode from "vscode";
import { COMMANDS } from "../../../core/src";

/** The current target and the active file's reference, in the status bar; click to choose the reference. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("sagemakerPipelines.target", vscode.StatusBarAlignment.Left, 10);

  constructor(
    private readonly languageId: string,
    private readonly target: () => string,
    /** The chosen reference: its one name and its ARN. */
    private readonly reference: (uri: vscode.Uri) => { label: string; arn: string } | undefined,
    private readonly referenceLatest: () => boolean,
  ) {
    this.item.name = "SageMaker Pipelines target";
    this.item.command = COMMANDS.chooseReference;
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== this.languageId) {
      this.item.hide();
      return;
    }
    const chosen = this.reference(editor.document.uri);
    const reference = chosen ? chosen.label : this.referenceLatest() ? "latest" : "none";
    this.item.text = `$(server-environment) ${this.target()} · ref: ${reference}`;
    const refersTo = chosen ? `execution ${chosen.label} (${chosen.arn})` : this.referenceLatest() ? "the latest finished execution" : "no execution";
    this.item.tooltip = `Runs go to ${this.target()}. Selective runs refer to ${refersTo}. Click to choose the reference execution.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
