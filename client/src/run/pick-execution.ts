import * as vscode from "vscode";
import { executionLabel, isFinished, type ExecutionInfo } from "../../../core/src";
import type { Connection, PipelineVersionInfo } from "../../../sagemaker/src";
import { loadSageMaker } from "../lazy";

const PAGE_SIZE = 20;

/** What the user picked: an execution, a version of the pipeline, or the leading item the caller offered. */
export type Picked = { kind: "execution"; execution: ExecutionInfo } | { kind: "version"; version: PipelineVersionInfo } | { kind: "leading" };

export interface PickOptions {
  title: string;
  /** Says what failed, before the service's explained message (`Choose Reference Execution: …`). */
  errorPrefix: string;
  /** An item above the executions (e.g. "None"). */
  leading?: { label: string; description?: string };
  /** The pipeline's versions below the executions (ListPipelineVersions). */
  versions?: boolean;
  /** An execution not to offer (the one compared from). */
  excludeArn?: string;
  /** What the detail of an execution still running says before its ARN. */
  unfinishedNote?: string;
}

type Item = vscode.QuickPickItem & { picked_?: Picked; more?: boolean };

/**
 * A quick pick of the pipeline's executions, newest first, with status, start time and whether each was selective,
 * loading older ones on demand; optionally the pipeline's versions. Undefined when dismissed or when listing failed
 * (the error is shown).
 */
export async function pickExecution(connect: () => Promise<Connection>, pipelineName: string, options: PickOptions): Promise<Picked | undefined> {
  const { executionsPage, pipelineVersions, explainError } = await loadSageMaker();
  const executions: ExecutionInfo[] = [];
  let versions: PipelineVersionInfo[] = [];
  let token: string | undefined;
  let first = true;
  for (;;) {
    if (first || token) {
      let connection: Connection | undefined;
      let operation = "ListPipelineExecutions";
      try {
        connection = await connect();
        const page = await executionsPage(connection.client, pipelineName, PAGE_SIZE, token);
        executions.push(...page.executions);
        token = page.nextToken;
        if (first && options.versions) {
          operation = "ListPipelineVersions";
          versions = await pipelineVersions(connection.client, pipelineName);
        }
      } catch (error) {
        const message = connection ? explainError(error, operation, connection).message : (error as Error).message;
        void vscode.window.showErrorMessage(`${options.errorPrefix}: ${message}`);
        return undefined;
      }
      first = false;
    }
    const offered = executions.filter((e) => e.arn !== options.excludeArn);
    const items: Item[] = [
      ...(options.leading ? [{ ...options.leading, picked_: { kind: "leading" } as Picked }] : []),
      ...(options.versions && offered.length > 0 ? [{ label: "Executions", kind: vscode.QuickPickItemKind.Separator }] : []),
      ...offered.map((e) => ({
        label: `${statusIcon(e.status)} ${executionLabel(e)}`,
        description: `${e.status}${e.startTime ? ` · ${new Date(e.startTime).toLocaleString()}` : ""}${e.selective ? " · selective" : " · full"}`,
        // The picker searches the detail too: an ARN pasted from elsewhere finds its execution.
        detail: isFinished(e) ? e.arn : `${options.unfinishedNote ?? "still running"} · ${e.arn}`,
        picked_: { kind: "execution", execution: e } as Picked,
      })),
      ...(token ? [{ label: "$(ellipsis) Load older executions…", more: true }] : []),
      ...(versions.length > 0 ? [{ label: "Pipeline versions", kind: vscode.QuickPickItemKind.Separator }] : []),
      ...versions.map((v) => ({
        label: `$(versions) Version ${v.id}${v.displayName ? ` · ${v.displayName}` : ""}`,
        description: v.created ? new Date(v.created).toLocaleString() : undefined,
        detail: v.description,
        picked_: { kind: "version", version: v } as Picked,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: options.title,
      placeHolder: offered.length === 0 ? "This pipeline has no executions yet" : "Newest first",
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    if (picked.more) continue;
    return picked.picked_;
  }
}

export function statusIcon(status: string | undefined): string {
  switch (status) {
    case "Succeeded":
      return "$(pass)";
    case "Failed":
      return "$(error)";
    case "Stopped":
    case "Stopping":
      return "$(debug-stop)";
    case "Executing":
    case "Starting":
      return "$(sync~spin)";
    default:
      return "$(circle-outline)";
  }
}
