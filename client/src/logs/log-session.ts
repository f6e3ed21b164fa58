import * as vscode from "vscode";
import { buildModel, executionLabel, formatStepDuration, parseDocument } from "../../../core/src";
import type { Connection, PipelineExecutionStep, StepLogFeed } from "../../../sagemaker/src";
import { loadSageMaker } from "../lazy";
import { logText, type LogHeader } from "./log-text";
import { pipelineOfExecution, type LogTarget } from "./log-target";

const FOLLOW_MS = 2000;
const RUNNING = new Set(["Starting", "Executing", "Stopping"]);

/**
 * One open log tab: the step's status (ListPipelineExecutionSteps) and its log feed, refreshed every 2 s while it
 * follows. Following stops by itself one refresh after the step has ended.
 */
export class LogSession implements vscode.Disposable {
  private step: PipelineExecutionStep;
  private feed?: StepLogFeed;
  private closeFeed = () => undefined as void;
  private timer?: NodeJS.Timeout;
  private busy = false;
  private disposed = false;
  following: boolean;
  private text: string;
  private problem?: string;

  constructor(
    readonly target: LogTarget,
    private readonly connection: Connection,
    step: PipelineExecutionStep | undefined,
    private readonly definitionOf: (pipeline: string) => vscode.TextDocument | undefined,
    private readonly changed: () => void,
  ) {
    this.step = step ?? { StepName: target.step };
    this.following = RUNNING.has(this.step.StepStatus ?? "");
    this.text = this.render();
  }

  get content(): string {
    return this.text;
  }

  async start(): Promise<void> {
    const { openStepLog } = await loadSageMaker();
    const opened = await openStepLog(this.connection, this.target.executionArn, () => this.step);
    this.feed = opened.feed;
    this.closeFeed = opened.dispose;
    await this.tick(true);
  }

  follow(on: boolean): void {
    this.following = on;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.publish();
    if (on) this.schedule();
  }

  async loadEarlier(): Promise<void> {
    if (!this.feed || this.busy) return;
    this.busy = true;
    try {
      if (await this.feed.loadEarlier()) this.publish();
    } finally {
      this.busy = false;
    }
  }

  private schedule(): void {
    if (this.disposed || !this.following || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick(false);
    }, FOLLOW_MS);
  }

  private async tick(first: boolean): Promise<void> {
    if (this.disposed || !this.feed || this.busy) return;
    this.busy = true;
    let changed = first;
    try {
      const wasRunning = RUNNING.has(this.step.StepStatus ?? "");
      changed = (await this.refreshStep()) || changed;
      changed = (await this.feed.refresh()) || changed;
      // One last read after the step ended, then nothing more comes.
      if (this.following && !first && !wasRunning && !RUNNING.has(this.step.StepStatus ?? "")) {
        this.following = false;
        changed = true;
      }
    } finally {
      this.busy = false;
    }
    if (changed) this.publish();
    this.schedule();
  }

  private async refreshStep(): Promise<boolean> {
    const { explainError, listAllSteps } = await loadSageMaker();
    try {
      const steps = await listAllSteps(this.connection.client, this.target.executionArn, "Ascending");
      const step = steps.find((s) => s.StepName === this.target.step);
      const before = JSON.stringify([this.step.StepStatus, this.step.FailureReason, this.problem]);
      this.problem = step ? undefined : `The execution has no step ${this.target.step} (yet).`;
      if (step) this.step = step;
      return before !== JSON.stringify([this.step.StepStatus, this.step.FailureReason, this.problem]);
    } catch (error) {
      this.problem = explainError(error, "ListPipelineExecutionSteps", this.connection).message;
      return true;
    }
  }

  private publish(): void {
    this.text = this.render();
    this.changed();
  }

  private render(): string {
    const view = this.feed?.view();
    const body = view && { ...view, error: [this.problem, view.error].filter(Boolean).join(" ") || undefined };
    return logText(this.header(), body);
  }

  private header(): LogHeader {
    const step = this.step;
    const duration = step.StartTime && step.EndTime ? ` · ${formatStepDuration(step.EndTime.getTime() - step.StartTime.getTime())}` : "";
    return {
      step: this.target.step,
      stepType: step.Metadata ? Object.keys(step.Metadata)[0] : undefined,
      execution: `${executionLabel({ arn: this.target.executionArn })} (${this.target.executionArn})`,
      status: step.StepStatus ? `${step.StepStatus}${duration}` : undefined,
      failureReason: step.FailureReason,
      definition: this.definition(),
      target: this.connection.label,
      following: this.following,
    };
  }

  /** `path:line` of the step's Name in the open definition of its pipeline. */
  private definition(): string {
    const pipeline = pipelineOfExecution(this.target.executionArn);
    const document = pipeline ? this.definitionOf(pipeline) : undefined;
    if (!document) return `not open: open the definition of ${pipeline ?? "the pipeline"} to link its step here`;
    const root = parseDocument(document.getText()).root;
    const node = root?.type === "object" ? buildModel(root).stepsByName.get(this.target.step)?.nameNode : undefined;
    const line = node ? document.positionAt(node.offset).line + 1 : 1;
    const path = document.uri.scheme === "file" ? document.uri.fsPath : document.uri.toString();
    return `${path}:${line}`;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.closeFeed();
  }
}
