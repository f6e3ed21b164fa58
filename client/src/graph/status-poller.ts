import * as vscode from "vscode";
import { executionOverlay, RUNNING_STATUSES, type OverlaySource, type ToWebview, type ExecutionInfo } from "../../../core/src";
import type { Connection } from "../../../sagemaker/src";
import { loadSageMaker, type SageMaker } from "../lazy";
import type { RunController } from "../run/run-controller";

const POLL_MS = 2000;

/**
 * The status overlay's data: one execution of the file's pipeline (the one started from the editor, else a running
 * one, else the file's chosen reference, else the newest) and its steps. Polls while that execution runs and the panel
 * is visible; stops when it is hidden or closed.
 */
export class StatusPoller implements vscode.Disposable {
  private timer?: NodeJS.Timeout;
  private followed?: string;
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly controller: RunController,
    private readonly uri: vscode.Uri,
    /** The name the file's pipeline was deployed under (undefined: never run from the editor). */
    private readonly pipelineName: () => string | undefined,
    private readonly post: (message: ToWebview) => void,
    private readonly visible: () => boolean,
  ) {}

  /** An execution just started for this pipeline: show it. */
  follow(executionArn: string): void {
    this.followed = executionArn;
    void this.refresh();
  }

  pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  async refresh(): Promise<void> {
    this.pause();
    if (this.disposed || !this.visible()) return;
    const generation = ++this.generation;
    const message = await this.fetch().catch((error: Error): ToWebview => ({ type: "status", message: `Step statuses are not available: ${error.message}` }));
    if (generation !== this.generation || this.disposed) return;
    this.post(message);
    if (message.type === "status" && message.overlay?.running && this.visible()) this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  private async fetch(): Promise<ToWebview> {
    const pipelineName = this.pipelineName();
    if (!pipelineName) return { type: "status", message: "Not run from this file yet: step statuses show once it runs." };
    if (!vscode.workspace.isTrusted) return { type: "status", message: "Step statuses are not fetched in an untrusted workspace." };
    if (!this.controller.targetMayHaveHistory())
      return { type: "status", message: `No executions of ${pipelineName} on ${this.controller.targetLabel()} yet.` };
    let connection: Connection | undefined;
    const sagemaker = await loadSageMaker();
    const { explainError, listAllSteps } = sagemaker;
    try {
      connection = await this.controller.connection();
      const chosen = await this.choose(sagemaker, connection, pipelineName);
      if (!chosen) return { type: "status", message: `No executions of ${pipelineName} on ${connection.label} yet.` };
      const steps = await listAllSteps(connection.client, chosen.execution.arn);
      return { type: "status", overlay: executionOverlay(chosen.execution, chosen.source, steps, new Date(), chosen.known) };
    } catch (error) {
      if (!connection) throw error;
      return { type: "status", message: `Step statuses are not available: ${explainError(error, "ListPipelineExecutionSteps", connection).message}` };
    }
  }

  private async choose(
    { describeExecution, listExecutions }: SageMaker,
    connection: Connection,
    pipelineName: string,
  ): Promise<{ execution: ExecutionInfo; source: OverlaySource; known: ExecutionInfo[] } | undefined> {
    const recent = await listExecutions(connection.client, pipelineName, 20).catch((error: Error) => {
      if (/ResourceNotFound|does not exist/i.test(`${error.name} ${error.message}`)) return [];
      throw error;
    });
    // The recent executions also name the sources of reused and cached steps.
    const known = recent;
    const followed = this.followed && recent.find((e) => e.arn === this.followed);
    if (followed) return { execution: followed, source: "started", known };
    const running = recent.find((e) => RUNNING_STATUSES.includes(e.status));
    if (running) return { execution: running, source: "running", known };
    const referenceArn = this.controller.referenceOf(this.uri);
    if (referenceArn) {
      const reference = recent.find((e) => e.arn === referenceArn) ?? (await describeExecution(connection.client, referenceArn).catch(() => undefined));
      if (reference) return { execution: reference, source: "reference", known };
    }
    return recent[0] ? { execution: recent[0], source: "latest", known } : undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.pause();
  }
}
