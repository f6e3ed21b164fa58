import * as vscode from "vscode";
import {
  collapseBranches,
  collapsibleConditions,
  COMMANDS,
  isFromWebview,
  LiveGraph,
  shapeKey,
  type FromWebview,
  type LiveView,
  type PipelineGraph,
  type ToWebview,
} from "../../../core/src";
import type { GraphLayout } from "../../../core/src/graph-view/layout";
import type { RunController } from "../run/run-controller";
import { saveSvg } from "./export-svg";
import { graphHtml, nonce } from "./html";
import type { LayoutService } from "./layout-service";
import { StatusPoller } from "./status-poller";

/**
 * One graph view of one definition: redraws as the text changes (debounced, from the last good model), follows the
 * editor's cursor, shows an execution's step statuses, and turns clicks into reveals and runs. Layouts come from the
 * layout worker, seeded with the previous one (an edit does not reshuffle the picture); a graph whose shape did not
 * change is redrawn on the layout it has.
 */
const EMPTY: GraphLayout = { width: 0, height: 0, nodes: [], edges: [], crossings: 0 };

export class GraphPanel implements vscode.Disposable {
  private readonly live = new LiveGraph();
  private view?: LiveView;
  private lastStatus?: ToWebview;
  private pending?: NodeJS.Timeout;
  private readonly poller: StatusPoller;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  private disposed = false;
  /** The Condition steps whose branches are folded. */
  private collapsed = new Set<string>();
  private drawn?: { key: string; graph: PipelineGraph; layout: GraphLayout; collapsed: string };
  private layoutGeneration = 0;
  readonly onDidClose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    private readonly controller: RunController,
    extensionUri: vscode.Uri,
    private readonly layouts: LayoutService,
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
    if (send) void this.postGraph();
  }

  /** Folds the chosen branches, lays the graph out when its shape changed (latest request wins), and sends it. */
  private async postGraph(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const collapsible = collapsibleConditions(view.graph);
    const collapsed = collapsible.filter((id) => this.collapsed.has(id));
    const graph = collapseBranches(view.graph, collapsed);
    const key = shapeKey(graph);
    const generation = ++this.layoutGeneration;
    let layout = this.drawn?.key === key ? this.drawn.layout : undefined;
    if (!layout) {
      // Edits keep the picture (seeded); folding or unfolding branches lays the graph out afresh, compact.
      const seed = this.drawn && this.drawn.collapsed === collapsed.join("\n") ? this.drawn.layout : undefined;
      try {
        layout = await this.layouts.layout(graph, seed);
      } catch (error) {
        if (generation === this.layoutGeneration && !this.disposed)
          this.post({
            type: "graph",
            graph: { nodes: [], edges: [] },
            layout: EMPTY,
            stale: true,
            note: `The graph could not be laid out: ${(error as Error).message}`,
            title: this.title(),
            collapsible: [],
            collapsed: [],
          });
        return;
      }
    }
    if (generation !== this.layoutGeneration || this.disposed) return;
    this.drawn = { key, graph, layout, collapsed: collapsed.join("\n") };
    this.post({ type: "graph", graph, layout, stale: view.stale, note: view.note, title: this.title(), collapsible, collapsed });
    const editor = vscode.window.visibleTextEditors.find((e) => this.isMine(e.document));
    if (editor) this.postCursor(editor);
  }

  private title(): string {
    return this.uri.path.split("/").pop() ?? "";
  }

  /** The node of the step under the cursor, or the collapsed Condition that hides it. */
  private postCursor(editor: vscode.TextEditor): void {
    let id = this.live.nodeAt(editor.document.offsetAt(editor.selection.active));
    const shown = this.drawn && new Set(this.drawn.graph.nodes.map((n) => n.id));
    const byId = new Map(this.view?.graph.nodes.map((n) => [n.id, n]));
    while (id !== undefined && shown && !shown.has(id)) id = byId.get(id)?.condition;
    this.post({ type: "cursor", id });
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case "ready":
        this.post({ type: "capabilities", canRun: vscode.workspace.isTrusted });
        this.update();
        await this.postGraph();
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
      case "showLog": {
        // The step of the execution the overlay shows.
        const status = this.lastStatus?.type === "status" ? this.lastStatus.overlay : undefined;
        if (!status) return;
        await vscode.commands.executeCommand(COMMANDS.showStepLog, { executionArn: status.executionArn, step: message.step });
        return;
      }
      case "collapse":
        this.collapsed = new Set(message.ids);
        return this.postGraph();
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
