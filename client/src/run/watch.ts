import * as vscode from "vscode";
import { executionLabel, type ExecutedStep } from "../../../core/src";
import { loadSageMaker } from "../lazy";
import { outcomeMessage, progressTitle } from "../views/execution-texts";
import type { StartedExecution } from "./run-controller";

const TERMINAL = new Set(["Succeeded", "Failed", "Stopped"]);

/** How a watched execution ended: its status, its steps as last listed, its name as every place shows it. */
export interface WatchedOutcome {
  status: string;
  steps: ExecutedStep[];
  label: string;
}

/** A progress notification for a started execution, until it ends; then its outcome with a button to show it. */
export function watchExecution(started: StartedExecution, reveal: (arn: string) => void, pollMs = 2000): Promise<WatchedOutcome | undefined> {
  // Runs from the editor send no display name: the title names the execution as every other place will.
  const execution = { arn: started.executionArn, displayName: undefined as string | undefined };
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progressTitle(started.pipelineName, execution), cancellable: true },
      async (progress, cancel) => {
        const { executionProgress, explainError } = await loadSageMaker();
        let status = "Executing";
        let reason: string | undefined;
        let steps: ExecutedStep[] = [];
        while (!cancel.isCancellationRequested) {
          try {
            const progressed = await executionProgress(started.connection.client, started.executionArn);
            status = progressed.status ?? status;
            execution.displayName = progressed.displayName;
            reason = progressed.failureReason;
            const list = progressed.steps;
            steps = list;
            const done = list.filter((s) => TERMINAL.has(s.StepStatus ?? "")).length;
            const running = list.filter((s) => !TERMINAL.has(s.StepStatus ?? "")).map((s) => s.StepName);
            progress.report({ message: `${status} — ${done} step${done === 1 ? "" : "s"} done${running.length > 0 ? `, running ${running.join(", ")}` : ""}` });
          } catch (error) {
            void vscode.window.showErrorMessage(
              `Watching execution ${executionLabel(execution)} of ${started.pipelineName}: ${explainError(error, "DescribePipelineExecution", started.connection).message}`,
            );
            return undefined;
          }
          if (TERMINAL.has(status)) break;
          await new Promise((r) => setTimeout(r, pollMs));
        }
        if (!TERMINAL.has(status)) return undefined;
        const show = "Show in Executions";
        const notify = status === "Succeeded" ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
        void notify(outcomeMessage(started.pipelineName, execution, status, reason), show).then((answer) => answer === show && reveal(started.executionArn));
        return { status, steps, label: executionLabel(execution) };
      },
    ),
  );
}
