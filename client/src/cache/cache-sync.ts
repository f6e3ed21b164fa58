import * as vscode from "vscode";
import { SetCacheContextNotification, type CacheContextParams, type NotifyServer } from "../../../protocol/src";
import { pipelineNameFromFile } from "../../../core/src";
import type { RunController } from "../run/run-controller";

/**
 * Keeps the language server's cache context of each open definition current: the recent finished executions of its
 * pipeline on the current target, and the parameters the next run would use (the chosen reference's, else defaults).
 * Fetched when a definition opens, after a run ends, and when the reference or the settings change; finished
 * executions are fetched once. Nothing is fetched in an untrusted workspace.
 */
export class CacheContextSync implements vscode.Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly languageId: string,
    private readonly controller: RunController,
    private readonly notify: NotifyServer,
    private readonly log: (line: string) => void,
  ) {}

  /** Every open definition, after a short delay so bursts of events fetch once. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  refresh(document: vscode.TextDocument): void {
    if (document.languageId !== this.languageId || !vscode.workspace.isTrusted) return;
    const uri = document.uri.toString();
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        void this.send(document);
      }, 300),
    );
  }

  private async send(document: vscode.TextDocument): Promise<void> {
    const settings = this.controller.settings();
    const pipelineName = this.controller.knownPipelineName(document) ?? pipelineNameFromFile(document.uri.path);
    if (!this.controller.targetMayHaveHistory()) {
      this.notify(SetCacheContextNotification.type, { uri: document.uri.toString(), executions: [], parameters: {} } satisfies CacheContextParams);
      return;
    }
    try {
      // Never starts the local engine: without one, the store's records are read as they are on disk.
      const executions = await this.controller.recentExecutions(pipelineName, settings.cache.historySize);
      const referenceArn = this.controller.referenceOf(document.uri);
      const reference = executions.find((e) => e.executionArn === referenceArn);
      const params: CacheContextParams = { uri: document.uri.toString(), executions, parameters: reference?.parameters ?? {} };
      this.notify(SetCacheContextNotification.type, params);
    } catch (error) {
      this.log(`Cache insight for ${document.uri.fsPath}: the executions could not be read (${(error as Error).message}).`);
    }
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
  }
}
