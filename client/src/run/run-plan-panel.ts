import * as vscode from "vscode";
import { executionLabel, PlanSession, type PlannedParameter, type PlanFix } from "../../../core/src";
import type { ConfirmAnswer, RunDialogs, RunSummary } from "../../../sagemaker/src";
import { nonce, runPlanHtml } from "./run-plan-html";

/** The webview panel's type: E2E scenarios find its tab by its title, `Run Plan: <pipeline>`. */
export const RUN_PLAN_VIEW_TYPE = "sagemakerPipelines.runPlan";

/**
 * A run's questions from the editor: the plan is a Run Plan panel (steps, verdicts, estimates, parameters edited in
 * place and checked by the planner as they are typed); a refusal that a change would fix is a modal question. The
 * panel is opened on the first plan and closed when the run is started or cancelled (`dispose`).
 */
export class RunPlanDialogs implements RunDialogs, vscode.Disposable {
  readonly reviewsParameters = true;
  private panel?: vscode.WebviewPanel;
  private session?: PlanSession;

  constructor(private readonly extensionUri: vscode.Uri) {}

  async offerFix(reason: string, fix: PlanFix): Promise<boolean> {
    const action = fix.kind === "addSteps" ? `Add ${fix.steps.join(", ")}` : `Use ${executionLabel(fix.execution)}`;
    const answer = await vscode.window.showWarningMessage(reason, { modal: true }, action);
    return answer === action;
  }

  /** Never asked: the panel shows wrong values and edits them itself (`reviewsParameters`). */
  async editParameters(_values: PlannedParameter[], _errors: string[], overrides: Record<string, string>): Promise<Record<string, string> | undefined> {
    return overrides;
  }

  confirm(summary: RunSummary): Promise<ConfirmAnswer> {
    if (!this.session) this.open(summary.pipelineName);
    return this.session!.confirm(summary);
  }

  private open(pipelineName: string): void {
    const panel = vscode.window.createWebviewPanel(
      RUN_PLAN_VIEW_TYPE,
      `Run Plan: ${pipelineName}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, "dist")] },
    );
    const session = new PlanSession((message) => void panel.webview.postMessage(message));
    panel.webview.onDidReceiveMessage((message: unknown) => session.receive(message));
    // Closing the tab is a Cancel.
    panel.onDidDispose(() => session.close());
    panel.webview.html = runPlanHtml(panel.webview, this.extensionUri, nonce());
    this.panel = panel;
    this.session = session;
  }

  dispose(): void {
    this.session?.close();
    this.panel?.dispose();
  }
}
