import * as vscode from "vscode";

/**
 * Running pipelines comes with the local engine and the AWS client. Until then every run command
 * answers truthfully instead of doing nothing.
 */
export function reportRunningNotAvailable(what: string): void {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`${what}: pipelines never run in an untrusted workspace. Trust the workspace first.`);
    return;
  }
  void vscode.window.showInformationMessage(
    `${what}: running pipelines is not available in this version yet. It arrives with local mode (an embedded engine, no AWS account needed) and AWS runs. Nothing was started.`,
  );
}
