import * as vscode from "vscode";
import { LiveGraph, type LiveView, isFromWebview, type FromWebview, type ToWebview, COMMANDS } from "../../../core/src";
import type { RunController } from "../run/run-controller";
import { saveSvg } from "./export-svg";
import { graphHtml, nonce } from "./html";
import { StatusPoller } from "./status-poller";

/**
 * One graph view of one definition: redraws as the text changes (debounced, from the last good model), follows the
 * editor's cursor, shows an execution's step statuses, and turns clicks into reveals and runs.
 */
export class GraphPanel implements vscode.Disposable {
  private readonly live = new LiveGraph();
  private view?: LiveView;
  private lastStatus?: ToWebview;
  private pending?: NodeJS.Timeout;
  private readonly poller: StatusPoller;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  private disposed = false;
  readonly onDidClose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    private readonly controller: RunController,
    extensionUri: vscode.Uri,
  ) {
    const pipelineName = () => {
      const document = this.document();
      return document && controller.knownPipelineName(document);
    };
    this.poller = new StatusPoller(
      controller,
      uri,
      pipelineName,
      (m) => this.postStatus(m),
      () => this.panel.visible,
    );
    panel.webview.html = graphHtml(panel.webview, extensionUri, nonce());
    this.subscriptions.push(
      this.poller,
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isFromWebview(message)) void this.handle(message);
      }),
      panel.onDidChangeViewState(() => (panel.visible ? void this.poller.refresh() : this.poller.pause())),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isMine(event.document)) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.isMine(event.textEditor.document)) this.postCursor(event.textEditor);
      }),
      controller.onDidStart((started) => {
        const document = this.document();
        if (document && started.pipelineName === controller.knownPipelineName(document)) this.poller.follow(started.executionArn);
      }),
      controller.onDidChangeReference(() => void this.poller.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.post({ type: "capabilities", canRun: true });
        void this.poller.refresh();
      }),
    );
  }

  private isMine(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.uri.toString();
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => this.isMine(d));
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private postStatus(message: ToWebview): void {
    this.lastStatus = message;
    this.post(message);
  }

  /** A hidden panel's page is dropped: it asks for the graph again (`ready`) when shown. */
  private schedule(): void {
    clearTimeout(this.pending);
    if (!this.panel.visible) return;
    const delay = Math.max(100, this.controller.settings().validationDelay);
    this.pending = setTimeout(() => this.update(true), delay);
  }

  /** Rebuilds the graph from the text; `send`: post it (the page asks for the first one with `ready`). */
  private update(send = false): void {
    const document = this.document();
    if (!document) return;
    this.view = this.live.update(document.getText());
    if (send) this.postGraph();
  }

  private postGraph(): void {
    if (!this.view) return;
    this.post({ type: "graph", graph: this.view.graph, stale: this.view.stale, note: this.view.note, title: this.uri.path.split("/").pop() ?? "" });
    const editor = vscode.window.visibleTextEditors.find((e) => this.isMine(e.document));
    if (editor) this.postCursor(editor);
  }

  private postCursor(editor: vscode.TextEditor): void {
    this.post({ type: "cursor", id: this.live.nodeAt(editor.document.offsetAt(editor.selection.active)) });
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case "ready":
        this.post({ type: "capabilities", canRun: vscode.workspace.isTrusted });
        this.update();
        this.postGraph();
        if (this.lastStatus) this.post(this.lastStatus);
        await this.poller.refresh();
        return;
      case "reveal":
        return this.reveal(message.id);
      case "runSelected":
        // The editor's own command and rules: RunController.run with { kind: "selected", steps }, then followed.
        await vscode.commands.executeCommand(COMMANDS.runSteps, this.uri.toString(), message.steps);
        return;
      case "exportSvg":
        return saveSvg(this.uri, message.svg);
    }
  }

  /** Selects the step's Name (without its quotes) in an editor of the definition. */
  private async reveal(id: string): Promise<void> {
    const span = this.live.nameSpanOf(id);
    if (!span) return;
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const quoted = document.getText().charAt(span.start) === '"' && span.end - span.start >= 2;
    const range = new vscode.Range(document.positionAt(quoted ? span.start + 1 : span.start), document.positionAt(quoted ? span.end - 1 : span.start));
    const column = vscode.window.visibleTextEditors.find((e) => this.isMine(e.document))?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.pending);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }
}
