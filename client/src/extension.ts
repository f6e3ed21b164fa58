import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { SETTINGS_SECTION } from "../../core/src/settings";
import { registerExplainCache } from "./commands/explain-cache";
import { registerRunCommands } from "./commands/run";
import { registerRunSelectedSteps } from "./commands/run-selected-steps";
import { registerLocalEngineCommands } from "./commands/local-engine";
import { claimPipelineDefinitions } from "./file-detection";
import { LocalEngineHost } from "./local/engine-host";
import { readEngineHostSettings } from "./local/engine-settings";

export const LANGUAGE_ID = "sagemaker-pipeline";

let client: LanguageClient | undefined;
let engineHost: LocalEngineHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(claimPipelineDefinitions(LANGUAGE_ID));

  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: SETTINGS_SECTION },
  };
  client = new LanguageClient("sagemakerPipelines", "SageMaker Pipelines", serverOptions, clientOptions);
  const output = vscode.window.createOutputChannel("SageMaker Pipelines");
  engineHost = new LocalEngineHost(() => readEngineHostSettings(context), (line) => output.appendLine(line));
  context.subscriptions.push(output, ...registerLocalEngineCommands(engineHost, output));
  context.subscriptions.push(...registerRunCommands(), registerRunSelectedSteps(client), registerExplainCache());
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await Promise.all([client?.stop(), engineHost?.stop()]);
  client = undefined;
  engineHost = undefined;
}
