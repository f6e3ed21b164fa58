import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { EXECUTIONS_VIEW, SETTINGS_SECTION, type PipelineDiagnostic } from "../../core/src";
import { LintRequest, SERVER_ENV, SERVER_EXEC_ARGV, type NotifyServer } from "../../protocol/src";
import { CacheContextSync } from "./cache/cache-sync";
import { registerCompareCommands } from "./commands/compare";
import { registerExampleCommands } from "./commands/example";
import { registerExplainCache } from "./commands/explain-cache";
import { registerLocalEngineCommands } from "./commands/local-engine";
import { registerRunCommands } from "./commands/run";
import { claimPipelineDefinitions } from "./file-detection";
import { registerGraphView } from "./graph/register";
import { stableLensMiddleware } from "./lens/lens-middleware";
import { LocalEngineHost } from "./local/engine-host";
import { LogTabs } from "./logs/log-tabs";
import { PythonPipelines } from "./python/python-pipelines";
import { readEngineHostSettings } from "./local/engine-settings";
import { ExecutionFailureDiagnostics } from "./run/execution-failures";
import { RunController } from "./run/run-controller";
import { ExecutionsView, type ExecutionsNode } from "./views/executions-view";
import { RunStatusBar } from "./views/status-bar";

export const LANGUAGE_ID = "sagemaker-pipeline";

let client: LanguageClient | undefined;
let engineHost: LocalEngineHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(claimPipelineDefinitions(LANGUAGE_ID));

  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env: SERVER_ENV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009", ...SERVER_EXEC_ARGV], env: SERVER_ENV } },
  };
  const lenses = stableLensMiddleware();
  context.subscriptions.push(lenses.disposable);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: SETTINGS_SECTION },
    middleware: lenses.middleware,
  };
  client = new LanguageClient("sagemakerPipelines", "SageMaker Pipelines", serverOptions, clientOptions);
  const languageClient = client;

  const output = vscode.window.createOutputChannel("SageMaker Pipelines");
  engineHost = new LocalEngineHost(
    () => readEngineHostSettings(context),
    // The engine runs in its own process (`local serve` alone) under VS Code's Node.js (ELECTRON_RUN_AS_NODE).
    { enginePath: context.asAbsolutePath("dist/engine-serve.js") },
    (line) => output.appendLine(line),
  );
  const host = engineHost;
  // The check before a run is the language server's: the analyser (ajv, the schema tables) is not in this bundle.
  const lint = (uri: string, text: string): Promise<PipelineDiagnostic[]> => languageClient.sendRequest(LintRequest.type, { uri, text });
  // The client's parameter type is a conditional type of P, which a generic P cannot satisfy; NotifyServer keeps the pairing typed.
  const notifyServer: NotifyServer = (type, params) => void languageClient.sendNotification(type, params as never);
  const controller = new RunController(context, host, notifyServer, lint);
  const executions = new ExecutionsView(() => controller.connection({ start: false }));
  const tree = vscode.window.createTreeView<ExecutionsNode>(EXECUTIONS_VIEW, { treeDataProvider: executions, showCollapseAll: true });
  executions.attach(tree);
  host.onDidChange(() => {
    executions.refresh();
    cacheSync.refreshAll();
  });
  const reveal = (arn: string) => {
    void vscode.commands.executeCommand(`${EXECUTIONS_VIEW}.focus`);
    executions.refresh();
    void arn;
  };
  const failures = new ExecutionFailureDiagnostics(context.workspaceState, LANGUAGE_ID);
  const python = new PythonPipelines(
    LANGUAGE_ID,
    context.asAbsolutePath("dist/python/export_pipeline.py"),
    lint,
    lenses.commands,
    () => readEngineHostSettings(context).store,
    (line) => output.appendLine(line),
    (preview, name) => controller.suggestPipelineName(preview, name),
  );
  const cacheSync = new CacheContextSync(LANGUAGE_ID, controller, notifyServer, (line) => output.appendLine(line));
  const statusBar = new RunStatusBar(
    LANGUAGE_ID,
    () => controller.targetLabel(),
    (uri) => {
      const arn = controller.referenceOf(uri);
      return arn ? { arn, label: controller.referenceLabelOf(uri) ?? arn } : undefined;
    },
    () => controller.settings().referenceLatest,
  );

  context.subscriptions.push(
    output,
    controller,
    executions,
    tree,
    statusBar,
    ...registerLocalEngineCommands(host, output),
    cacheSync,
    failures,
    ...registerRunCommands(controller, languageClient, executions, reveal, () => cacheSync.refreshAll(), failures, python),
    registerExplainCache(),
    ...registerCompareCommands(controller),
    ...new LogTabs(controller, failures).register(),
    ...registerExampleCommands(context),
    ...registerGraphView(context, controller, LANGUAGE_ID, python),
    ...python.register(),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.update()),
    controller.onDidChangeReference(() => {
      statusBar.update();
      cacheSync.refreshAll();
    }),
    vscode.workspace.onDidOpenTextDocument((document) => cacheSync.refresh(document)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      cacheSync.refreshAll();
      // Else the view keeps saying that nothing runs in an untrusted workspace.
      executions.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      statusBar.update();
      executions.refresh();
      cacheSync.refreshAll();
    }),
  );
  await client.start();
  cacheSync.refreshAll();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await Promise.all([client?.stop(), engineHost?.stop()]);
  client = undefined;
  engineHost = undefined;
}
