import * as vscode from "vscode";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import {
  buildModel,
  parseDocument,
  executionIdOf,
  executionLabel,
  type NamedExecution,
  pipelineNameFromFile,
  normalizeSettings,
  SETTINGS_SECTION,
  type PipelineSettings,
  type RunRequest,
} from "../../../core/src";
import { SetReferenceNotification, type NotifyServer, type SetReferenceParams } from "../../../protocol/src";
import type { Connection, ExecutionHistory, ExecutionRecord, Lint } from "../../../sagemaker/src";
import { loadEngine, loadSageMaker } from "../lazy";
import type { LocalEngineHost } from "../local/engine-host";
import { pickExecution } from "./pick-execution";
import { RunPlanDialogs } from "./run-plan-panel";

/** The local engine takes any role; AWS needs a real one. */
const LOCAL_ROLE = "arn:aws:iam::000000000000:role/SageMakerPipelinesLocal";
const PIPELINE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;

export interface StartedExecution {
  executionArn: string;
  pipelineName: string;
  connection: Connection;
}

/**
 * Runs from the editor: the target from the settings, the pipeline name and role remembered per file and workspace,
 * the reference chosen per file; every run goes through the planner, the dialogs and one confirmation.
 */
export class RunController {
  private readonly started = new vscode.EventEmitter<StartedExecution>();
  /** Fires when an execution starts (the executions view and the progress watcher listen). */
  readonly onDidStart = this.started.event;
  private readonly referenceChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeReference = this.referenceChanged.event;
  private localCache?: { endpoint: string; connection: Connection };
  private awsCache?: { key: string; connection: Connection };
  private histories = new Map<string, ExecutionHistory>();
  /** Default pipeline names by document URI (a `.py`'s exported `Pipeline(name=…)`), offered when the name is asked. */
  private readonly nameHints = new Map<string, string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly engineHost: LocalEngineHost,
    private readonly notifyServer: NotifyServer,
    /** The check before a run: the language server's analysis of the text (the client has no analyser). */
    private readonly lint: Lint,
  ) {}

  settings(): PipelineSettings {
    return normalizeSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION));
  }

  /**
   * The SageMaker client of the current target; the local engine starts here when it is not running. The SageMaker
   * layer (and the AWS SDK) is loaded on the first call.
   */
  async connection(): Promise<Connection>;
  /** `start: false`: the local engine only when one already runs on the store (undefined otherwise); AWS as always. */
  async connection(options: { start: false }): Promise<Connection | undefined>;
  async connection(options: { start: boolean } = { start: true }): Promise<Connection | undefined> {
    const settings = this.settings();
    if (!vscode.workspace.isTrusted) throw new Error("pipelines never run in an untrusted workspace, and the local engine does not start there");
    const { awsConnection, localConnection } = await loadSageMaker();
    if (settings.target === "aws") {
      const key = JSON.stringify(settings.aws);
      if (this.awsCache?.key !== key) {
        this.awsCache?.connection.client.destroy();
        this.awsCache = { key, connection: awsConnection(settings.aws) };
      }
      return this.awsCache.connection;
    }
    const running = options.start ? await this.engineHost.start() : await this.engineHost.running();
    if (!running) return undefined;
    const { endpoint, credentials } = running;
    if (this.localCache?.endpoint !== endpoint) this.localCache = { endpoint, connection: localConnection(endpoint, credentials) };
    return this.localCache.connection;
  }

  /** False when the target is the local engine and it has never stored anything: there is nothing to query. */
  targetMayHaveHistory(): boolean {
    return this.settings().target === "aws" || this.engineHost.isRunning || existsSync(this.engineHost.storeFolder());
  }

  /**
   * The recent finished executions of a pipeline (cache insight). Never starts the local engine: with none running on
   * the store, its records are read from disk, read-only.
   */
  async recentExecutions(pipelineName: string, limit: number): Promise<ExecutionRecord[]> {
    const connection = await this.connection({ start: false });
    if (!connection) {
      const { readStoreHistory } = await loadEngine();
      return readStoreHistory(this.engineHost.storeFolder(), pipelineName, limit);
    }
    const history = await this.history();
    return history.recent(connection.client, pipelineName, limit).catch((error: Error) => {
      if (/ResourceNotFound|does not exist/i.test(`${error.name} ${error.message}`)) return [];
      throw error;
    });
  }

  /** Finished executions fetched once per target (they never change); runs and the cache hovers share it. */
  async history(): Promise<ExecutionHistory> {
    const settings = this.settings();
    const key = JSON.stringify([settings.target, settings.aws]);
    let history = this.histories.get(key);
    if (!history) {
      const { ExecutionHistory } = await loadSageMaker();
      history = this.histories.get(key) ?? new ExecutionHistory();
      this.histories.set(key, history);
    }
    return history;
  }

  targetLabel(): string {
    const settings = this.settings();
    return settings.target === "aws" ? `AWS ${settings.aws.region || "default region"}${settings.aws.profile ? ` (${settings.aws.profile})` : ""}` : "Local";
  }

  referenceOf(uri: vscode.Uri): string | undefined {
    return this.context.workspaceState.get<string>(`reference:${this.settings().target}:${uri.toString()}`);
  }

  /** The chosen reference's one name (its display name is remembered with it), for the status bar. */
  referenceLabelOf(uri: vscode.Uri): string | undefined {
    const arn = this.referenceOf(uri);
    const displayName = this.context.workspaceState.get<string>(`referenceDisplayName:${this.settings().target}:${uri.toString()}`);
    return arn && executionLabel({ arn, displayName });
  }

  /** `referenceArn`: this run's reference instead of the file's (Retry Failed Steps on an execution). */
  async run(
    document: vscode.TextDocument,
    request: RunRequest,
    what: string,
    referenceArn?: string,
    /** The service refused the definition with a message that names a step. */
    refusedAt?: (step: string, message: string) => void,
  ): Promise<StartedExecution | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`${what}: pipelines never run in an untrusted workspace. Trust the workspace first.`);
      return undefined;
    }
    const pipelineName = await this.pipelineName(document);
    if (!pipelineName) return undefined;
    const roleArn = await this.roleArn();
    if (!roleArn) return undefined;
    let connection: Connection;
    try {
      connection = await this.connection();
    } catch (error) {
      void vscode.window.showErrorMessage(`${what}: the local engine could not start: ${(error as Error).message}`);
      return undefined;
    }
    const { runPipeline } = await loadSageMaker();
    const text = document.getText();
    const dialogs = new RunPlanDialogs(this.context.extensionUri);
    const outcome = await runPipeline(
      connection,
      {
        text,
        uri: document.uri.toString(),
        pipelineName,
        roleArn,
        request,
        referenceArn: referenceArn ?? this.referenceOf(document.uri),
        referenceLatest: this.settings().referenceLatest,
        definitionFolder: document.uri.scheme === "file" && connection.target === "local" ? dirname(document.uri.fsPath) : undefined,
      },
      dialogs,
      { lint: this.lint, history: await this.history(), historySize: this.settings().cache.historySize },
    ).finally(() => dialogs.dispose());
    if (outcome.status === "cancelled") {
      void vscode.window.showInformationMessage(`${what}: ${outcome.message}`);
      return undefined;
    }
    if (outcome.status === "refused") {
      void vscode.window.showErrorMessage(`${what}: ${outcome.error.message}`);
      if (outcome.error.step) {
        refusedAt?.(outcome.error.step, outcome.error.message);
        revealStep(document, outcome.error.step);
      }
      return undefined;
    }
    const started = { executionArn: outcome.executionArn, pipelineName, connection };
    this.started.fire(started);
    return started;
  }

  /** A quick pick of the pipeline's executions, newest first; the choice is remembered for the file. */
  async setReference(
    document: vscode.TextDocument,
    arn: string | undefined,
    reference?: { status: string; startTime?: string; displayName?: string },
  ): Promise<void> {
    await this.context.workspaceState.update(`reference:${this.settings().target}:${document.uri.toString()}`, arn);
    await this.context.workspaceState.update(
      `referenceDisplayName:${this.settings().target}:${document.uri.toString()}`,
      arn ? reference?.displayName : undefined,
    );
    const params: SetReferenceParams = { uri: document.uri.toString(), reference: arn && reference ? { id: executionIdOf(arn), ...reference } : undefined };
    this.notifyServer(SetReferenceNotification.type, params);
    this.referenceChanged.fire();
  }

  /** The open definition deployed under this pipeline name, if any. */
  documentOfPipeline(pipelineName: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.languageId === "sagemaker-pipeline" && this.knownPipelineName(d) === pipelineName);
  }

  async chooseReference(document: vscode.TextDocument): Promise<void> {
    const pipelineName = await this.pipelineName(document);
    if (!pipelineName) return;
    const latest = this.settings().referenceLatest;
    const picked = await pickExecution(() => this.connection(), pipelineName, {
      title: `Reference execution for ${pipelineName}`,
      errorPrefix: "Choose Reference Execution",
      leading: {
        label: latest ? "$(history) The latest finished execution" : "$(circle-slash) None (only steps with no upstream dependency)",
        description: "default",
      },
      unfinishedNote: "still running: cannot be a reference until it finishes",
    });
    if (!picked || picked.kind === "version") return;
    const chosen = picked.kind === "execution" ? picked.execution : undefined;
    await this.setReference(document, chosen?.arn, chosen);
  }

  async stop(execution: NamedExecution): Promise<void> {
    const executionArn = execution.arn;
    const answer = await vscode.window.showWarningMessage(`Stop execution ${executionLabel(execution)}?`, { modal: true, detail: executionArn }, "Stop");
    if (answer !== "Stop") return;
    const connection = await this.connection();
    const { stopExecution, explainError } = await loadSageMaker();
    try {
      await stopExecution(connection.client, executionArn);
      void vscode.window.showInformationMessage(`Stopping execution ${executionLabel(execution)}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Stop Execution: ${explainError(error, "StopPipelineExecution", connection).message}`);
    }
  }

  knownPipelineName(document: vscode.TextDocument): string | undefined {
    return this.configuredPipelineName(document) || this.context.workspaceState.get<string>(`pipelineName:${document.uri.toString()}`);
  }

  private configuredPipelineName(document: vscode.TextDocument): string {
    return normalizeSettings(vscode.workspace.getConfiguration(undefined, document.uri).get(SETTINGS_SECTION)).pipelineName;
  }

  suggestPipelineName(uri: vscode.Uri, name: string): void {
    if (PIPELINE_NAME.test(name)) this.nameHints.set(uri.toString(), name);
  }

  /** Asked once per file (default: the exported Pipeline's name, else the file name's stem, made valid), remembered in the workspace. */
  async pipelineName(document: vscode.TextDocument): Promise<string | undefined> {
    const key = `pipelineName:${document.uri.toString()}`;
    const known = this.knownPipelineName(document);
    if (known) return known;
    const name = await vscode.window.showInputBox({
      title: "Pipeline name",
      prompt: "The name this definition is deployed and run under (remembered for this file).",
      value: this.nameHints.get(document.uri.toString()) ?? pipelineNameFromFile(document.uri.path),
      validateInput: (text) => (PIPELINE_NAME.test(text) ? undefined : "1 to 256 letters, digits and hyphens, starting and ending with a letter or digit."),
      ignoreFocusOut: true,
    });
    if (name) await this.context.workspaceState.update(key, name);
    return name;
  }

  /** The role runs use: the setting, the one remembered for the workspace, or asked (AWS); the placeholder locally. */
  async roleArn(): Promise<string | undefined> {
    const settings = this.settings();
    if (settings.roleArn) return settings.roleArn;
    if (settings.target === "local") return LOCAL_ROLE;
    const remembered = this.context.workspaceState.get<string>("roleArn");
    if (remembered) return remembered;
    const role = await vscode.window.showInputBox({
      title: "IAM role for the pipeline",
      prompt: "CreatePipeline needs the ARN of a role SageMaker can assume (remembered for this workspace; or set sagemakerPipelines.roleArn).",
      placeHolder: "arn:aws:iam::111122223333:role/SageMakerPipelineRole",
      validateInput: (text) => (ROLE_ARN.test(text) ? undefined : "An IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>"),
      ignoreFocusOut: true,
    });
    if (role) await this.context.workspaceState.update("roleArn", role);
    return role;
  }

  dispose(): void {
    this.started.dispose();
    this.referenceChanged.dispose();
  }
}

/** Puts the cursor on a step's name (the service's message named it). */
function revealStep(document: vscode.TextDocument, step: string): void {
  const root = parseDocument(document.getText()).root;
  const node = root?.type === "object" ? buildModel(root).stepsByName.get(step)?.nameNode : undefined;
  if (!node) return;
  const position = document.positionAt(node.offset);
  void vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preserveFocus: false });
}
