import * as vscode from "vscode";
import { COMMANDS } from "../../../core/src";
import type { LocalEngineHost, RunningEngine } from "../local/engine-host";

/** Start Local Engine (also what run commands and views call on first use) and Stop Local Engine. */
export function registerLocalEngineCommands(host: LocalEngineHost, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.startLocalEngine, async (): Promise<Pick<RunningEngine, "endpoint" | "store" | "pid" | "owned"> | undefined> => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage("The local engine runs pipeline code: it does not start in an untrusted workspace. Trust the workspace first.");
        return undefined;
      }
      try {
        const running = await host.start();
        void vscode.window.showInformationMessage(`Local engine running on ${running.endpoint} (store ${running.store}).`);
        // The key pair stays in the extension: other extensions read it from the store if they must.
        return { endpoint: running.endpoint, store: running.store, pid: running.pid, owned: running.owned };
      } catch (error) {
        const message = `The local engine could not start: ${(error as Error).message}`;
        output.appendLine(message);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.stopLocalEngine, async () => {
      const outcome = await host.stop();
      void vscode.window.showInformationMessage(
        outcome === "stopped"
          ? "Local engine stopped; running executions were recorded as Stopped."
          : outcome === "left"
            ? "This window no longer uses the local engine; it keeps running in the process that started it (a `local serve` or another window)."
            : "The local engine is not running.",
      );
    }),
  ];
}
