import * as vscode from "vscode";
import { COMMANDS, LOG_SCHEME } from "../../../core/src";
import type { PipelineExecutionStep } from "../../../sagemaker/src";
import type { RunController } from "../run/run-controller";
import type { ExecutionFailureDiagnostics } from "../run/execution-failures";
import type { ExecutionsNode } from "../views/executions-view";
import { LogSession } from "./log-session";
import { logUriParts, type LogTarget } from "./log-target";

/** Set while the active tab is a log that follows its step: the title bar shows Stop Following, else Follow. */
const FOLLOWING_KEY = "sagemakerPipelines.logFollowing";

type ShowLogArgument = ExecutionsNode | LogTarget | string;

/**
 * Step logs as read-only documents (`sagemaker-pipelines-log:`), one session per tab, and the commands on them: Show
 * Log (from the Executions view, the graph, a failure's lens), Stop Following / Follow, Load Earlier. The header's
 * `Definition:` line is a link to the step's Name.
 */
export class LogTabs implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly sessions = new Map<string, LogSession>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly controller: RunController,
    private readonly failures: ExecutionFailureDiagnostics,
  ) {}

  register(): vscode.Disposable[] {
    this.disposables.push(
      this.changes,
      vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: LOG_SCHEME }, this),
      vscode.commands.registerCommand(COMMANDS.showStepLog, (argument: ShowLogArgument, step?: string) => this.show(argument, step)),
      vscode.commands.registerCommand(COMMANDS.stopFollowingLog, (uri?: vscode.Uri) => this.sessionOf(uri)?.follow(false)),
      vscode.commands.registerCommand(COMMANDS.followLog, (uri?: vscode.Uri) => this.sessionOf(uri)?.follow(true)),
      vscode.commands.registerCommand(COMMANDS.loadEarlierLog, (uri?: vscode.Uri) => this.sessionOf(uri)?.loadEarlier()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== LOG_SCHEME) return;
        this.sessions.get(document.uri.toString())?.dispose();
        this.sessions.delete(document.uri.toString());
      }),
    );
    return [this];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.sessions.get(uri.toString())?.content ?? "This log's tab was closed: open it again with Show Log.\n";
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    for (let line = 0; line < Math.min(document.lineCount, 12); line++) {
      const match = /^(Definition: )(.+):(\d+)$/.exec(document.lineAt(line).text);
      if (!match) continue;
      const target = match[2].includes("://") ? vscode.Uri.parse(match[2]) : vscode.Uri.file(match[2]);
      const link = new vscode.DocumentLink(new vscode.Range(line, match[1].length, line, match[0].length), target.with({ fragment: `L${match[3]}` }));
      link.tooltip = "Open the step's definition";
      links.push(link);
    }
    return links;
  }

  private async show(argument: ShowLogArgument, stepName?: string): Promise<void> {
    const resolved = this.resolve(argument, stepName);
    if (!resolved) {
      void vscode.window.showWarningMessage("Show Log: choose a step in the SageMaker Executions view, the graph, or a failed step's lens.");
      return;
    }
    const uri = vscode.Uri.from(logUriParts(resolved.target));
    const key = uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      let connection;
      try {
        connection = await this.controller.connection();
      } catch (error) {
        void vscode.window.showErrorMessage(`Show Log: ${(error as Error).message}`);
        return;
      }
      session = new LogSession(
        resolved.target,
        connection,
        resolved.step,
        (pipeline) => this.controller.documentOfPipeline(pipeline),
        () => {
          this.changes.fire(uri);
          this.updateContext();
        },
      );
      this.sessions.set(key, session);
      void session.start().catch((error: Error) => void vscode.window.showErrorMessage(`Show Log: ${error.message}`));
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== "log") await vscode.languages.setTextDocumentLanguage(document, "log").then(undefined, () => undefined);
    await vscode.window.showTextDocument(document, { preview: false });
    // A change the session announced while the document was being opened can be lost: the tab asks for its text again.
    this.changes.fire(uri);
    this.updateContext();
  }

  private resolve(argument: ShowLogArgument, stepName?: string): { target: LogTarget; step?: PipelineExecutionStep } | undefined {
    if (typeof argument === "string") {
      // A failure's lens: the document and the step; the execution is the one the failure came from.
      const failure = this.failures.failuresOf(argument).find((f) => f.step === stepName && f.executionArn);
      return failure?.executionArn ? { target: { executionArn: failure.executionArn, step: failure.step } } : undefined;
    }
    if (!argument || typeof argument !== "object") return undefined;
    if ("kind" in argument) {
      if (argument.kind !== "step" || !argument.step.StepName) return undefined;
      return { target: { executionArn: argument.executionArn, step: argument.step.StepName }, step: argument.step };
    }
    return typeof argument.executionArn === "string" && typeof argument.step === "string" ? { target: argument } : undefined;
  }

  private sessionOf(uri?: vscode.Uri): LogSession | undefined {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    return target ? this.sessions.get(target.toString()) : undefined;
  }

  private updateContext(): void {
    const session = this.sessionOf();
    void vscode.commands.executeCommand("setContext", FOLLOWING_KEY, session?.following === true);
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}
