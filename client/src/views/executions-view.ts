import * as vscode from "vscode";
import type { Connection, PipelineExecutionStep, PipelineExecutionSummary } from "../../../sagemaker/src";
import { COMMANDS, EXECUTIONS_VIEW, systemClock, type Clock, type NamedExecution } from "../../../core/src";
import { loadSageMaker } from "../lazy";
import { AgeRefresh } from "./age-refresh";
import { executionRow, stepDescription, stepSources, summaryExecution } from "./execution-texts";
import { stepTooltipMarkdown } from "./step-tooltip";

export type ExecutionsNode =
  | { kind: "pipeline"; name: string }
  | { kind: "execution"; pipelineName: string; summary: PipelineExecutionSummary }
  | { kind: "step"; executionArn: string; step: PipelineExecutionStep }
  | { kind: "more"; pipelineName: string; token: string }
  | { kind: "message"; text: string; error?: boolean; loading?: boolean };

export const NOT_RUNNING = "The local engine is not running: run a pipeline or choose Start Local Engine to see its executions.";
/** The view's item while its first answer (or the answer after a refresh) is on its way. */
export const LOADING = "Loading…";
/** How long the first answer waits before it starts (see getChildren). */
const LOAD_DELAY_MS = 30;
const RUNNING = new Set(["Executing", "Stopping", "Starting"]);
const PAGE = 20;

/**
 * Pipelines → executions → steps of the current target. Refreshes every few seconds while an execution it shows is
 * running and the view is visible, and when an age it shows (`2 min ago`) changes; nothing is fetched while it is
 * hidden. Until the first answer (and after a refresh) the view shows a `Loading…` item and its progress bar.
 */
export class ExecutionsView implements vscode.TreeDataProvider<ExecutionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExecutionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly extraPages = new Map<string, PipelineExecutionSummary[]>();
  /** Executions seen (listed or described), by ARN: they name the sources of reused and cached steps. */
  private readonly known = new Map<string, NamedExecution>();
  private running = false;
  private timer?: NodeJS.Timeout;
  private view?: vscode.TreeView<ExecutionsNode>;
  /** The next answer for the top level is shown as loading (the first one, and the one after a refresh). */
  private loading = true;
  /** The top level's answer that came behind a `Loading…` item, for the view's next request. */
  private loaded?: ExecutionsNode[];
  /** Counts refreshes: an answer that a refresh overtook is dropped. */
  private generation = 0;
  private readonly ages: AgeRefresh;

  constructor(
    /** Undefined while the local engine is not running: the view starts nothing. */
    private readonly connection: () => Promise<Connection | undefined>,
    private readonly refreshMs = 2000,
    private readonly clock: Clock = systemClock,
  ) {
    this.ages = new AgeRefresh(() => this.changed.fire(undefined), clock);
  }

  attach(view: vscode.TreeView<ExecutionsNode>): void {
    this.view = view;
    this.ages.setVisible(view.visible);
    view.onDidChangeVisibility(() => {
      this.ages.setVisible(view.visible);
      this.schedule();
    });
  }

  refresh(): void {
    this.extraPages.clear();
    this.loading = true;
    this.generation++;
    this.changed.fire(undefined);
  }

  getTreeItem(node: ExecutionsNode): vscode.TreeItem {
    switch (node.kind) {
      case "pipeline": {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon("type-hierarchy");
        item.contextValue = "pipeline";
        item.id = `pipeline:${node.name}`;
        return item;
      }
      case "execution":
        if (node.summary.StartTime) this.ages.shown(node.summary.StartTime.getTime());
        return executionItem(node.summary, new Date(this.clock.now()));
      case "step":
        return this.stepItem(node.executionArn, node.step);
      case "more": {
        const item = new vscode.TreeItem("Load more…", vscode.TreeItemCollapsibleState.None);
        item.command = { command: "sagemakerPipelines.executions.loadMore", title: "Load more", arguments: [node] };
        return item;
      }
      case "message": {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        // A long answer does not fit in a row: the tooltip has all of it.
        item.tooltip = node.text;
        if (node.error) item.iconPath = new vscode.ThemeIcon("error", new vscode.ThemeColor("errorForeground"));
        if (node.loading) item.iconPath = new vscode.ThemeIcon("loading~spin");
        return item;
      }
    }
  }

  async getChildren(node?: ExecutionsNode): Promise<ExecutionsNode[]> {
    if (node) return this.children(node);
    const loaded = this.loaded;
    if (loaded) {
      this.loaded = undefined;
      return loaded;
    }
    if (!this.loading) return this.children(undefined);
    this.loading = false;
    // `Loading…` at once, the answer when it comes (the view then asks again). The first answer loads the SageMaker
    // layer (the AWS SDK), whose load blocks the extension host for about a second: started a moment later, so that
    // this answer and the progress bar reach the window first.
    const answer = new Promise<void>((resolve) => setTimeout(resolve, LOAD_DELAY_MS)).then(() => this.children(undefined));
    void vscode.window.withProgress({ location: { viewId: EXECUTIONS_VIEW } }, () => answer);
    const generation = this.generation;
    void answer.then((nodes) => {
      if (generation !== this.generation) return;
      this.loaded = nodes;
      this.changed.fire(undefined);
    });
    return [{ kind: "message", text: LOADING, loading: true }];
  }

  private async children(node?: ExecutionsNode): Promise<ExecutionsNode[]> {
    let connection: Connection | undefined;
    let sagemaker: Awaited<ReturnType<typeof loadSageMaker>> | undefined;
    try {
      sagemaker = await loadSageMaker();
      const { describeExecution, executionSummariesPage, listAllSteps, listPipelineNames } = sagemaker;
      connection = await this.connection();
      if (!connection) return [{ kind: "message", text: NOT_RUNNING }];
      if (!node) {
        this.running = false;
        const names = await listPipelineNames(connection.client, 50);
        return names.length > 0
          ? names.map((name) => ({ kind: "pipeline", name }))
          : [{ kind: "message", text: `No pipelines on ${connection.label} yet: run one from its definition.` }];
      }
      if (node.kind === "pipeline") {
        const page = await executionSummariesPage(connection.client, node.name, PAGE);
        const summaries = [...page.summaries, ...(this.extraPages.get(node.name) ?? [])];
        for (const summary of summaries) if (summary.PipelineExecutionArn) this.known.set(summary.PipelineExecutionArn, summaryExecution(summary));
        if (summaries.some((s) => RUNNING.has(s.PipelineExecutionStatus ?? ""))) this.markRunning();
        const nodes: ExecutionsNode[] = summaries.map((summary) => ({ kind: "execution", pipelineName: node.name, summary }));
        if (page.nextToken && !this.extraPages.has(node.name)) nodes.push({ kind: "more", pipelineName: node.name, token: page.nextToken });
        return nodes.length > 0 ? nodes : [{ kind: "message", text: "No executions yet." }];
      }
      if (node.kind === "execution") {
        const arn = node.summary.PipelineExecutionArn!;
        const steps = await listAllSteps(connection.client, arn, "Ascending");
        // A source the view has not listed (an older page, another pipeline) is described once; unknown, it is named by its id.
        for (const source of new Set(steps.flatMap(stepSources))) {
          if (this.known.has(source)) continue;
          const described = await describeExecution(connection.client, source).catch(() => undefined);
          this.known.set(source, described ?? { arn: source });
        }
        return steps.map((step) => ({ kind: "step", executionArn: arn, step }));
      }
      return [];
    } catch (error) {
      const operation = !node ? "ListPipelines" : node.kind === "execution" ? "ListPipelineExecutionSteps" : "ListPipelineExecutions";
      const text =
        connection && sagemaker ? sagemaker.explainError(error, operation, connection).message : `The target is not available: ${(error as Error).message}`;
      return [{ kind: "message", text, error: true }];
    }
  }

  async loadMore(node: Extract<ExecutionsNode, { kind: "more" }>): Promise<void> {
    const connection = await this.connection();
    if (!connection) return;
    const { executionSummariesPage } = await loadSageMaker();
    const page = await executionSummariesPage(connection.client, node.pipelineName, 100, node.token);
    this.extraPages.set(node.pipelineName, page.summaries);
    this.changed.fire(undefined);
  }

  private stepItem(executionArn: string, step: PipelineExecutionStep): vscode.TreeItem {
    const item = new vscode.TreeItem(step.StepName ?? "?", vscode.TreeItemCollapsibleState.None);
    item.description = stepDescription(step, this.known.values(), new Date(this.clock.now()));
    // Execution data, escaped; untrusted (no command links) and without HTML.
    const tooltip = new vscode.MarkdownString(stepTooltipMarkdown(step));
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.iconPath = statusThemeIcon(step.StepStatus);
    item.contextValue = `step-${step.StepStatus}`;
    item.id = `step:${executionArn}:${step.StepName}`;
    const node: ExecutionsNode = { kind: "step", executionArn, step };
    item.command = { command: COMMANDS.showStepLog, title: "Show Log", arguments: [node] };
    return item;
  }

  private markRunning(): void {
    this.running = true;
    this.schedule();
  }

  /** Polls while something runs and the view is visible; stops otherwise. */
  private schedule(): void {
    if (this.timer || !this.running || this.view?.visible === false) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.view?.visible !== false) this.changed.fire(undefined);
    }, this.refreshMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.ages.dispose();
    this.changed.dispose();
  }
}

function executionItem(summary: PipelineExecutionSummary, now: Date): vscode.TreeItem {
  const row = executionRow(summary, now);
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.iconPath = statusThemeIcon(summary.PipelineExecutionStatus);
  item.contextValue = `execution-${summary.PipelineExecutionStatus}`;
  item.id = `execution:${summary.PipelineExecutionArn}`;
  return item;
}

function statusThemeIcon(status: string | undefined): vscode.ThemeIcon {
  switch (status) {
    case "Succeeded":
      return new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed"));
    case "Failed":
      return new vscode.ThemeIcon("error", new vscode.ThemeColor("testing.iconFailed"));
    case "Stopped":
    case "Stopping":
      return new vscode.ThemeIcon("debug-stop");
    case "Executing":
    case "Starting":
      return new vscode.ThemeIcon("sync~spin");
    default:
      return new vscode.ThemeIcon("circle-outline");
  }
}
