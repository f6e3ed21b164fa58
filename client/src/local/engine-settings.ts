import * as vscode from "vscode";
import { isAbsolute, join } from "node:path";
import { homedir } from "node:os";
import { normalizeSettings, SETTINGS_SECTION } from "../../../core/src";
import type { EngineHostSettings } from "./engine-host";

/** The local engine's settings from the editor: the store is resolved against the first workspace folder. */
export function readEngineHostSettings(context: vscode.ExtensionContext): EngineHostSettings {
  const { local } = normalizeSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION));
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
  // Without a folder the store goes to the extension's own storage, never to an arbitrary current directory.
  const base = folder ?? context.globalStorageUri.fsPath ?? join(homedir(), ".sagemaker-pipelines");
  return {
    store: isAbsolute(local.store) ? local.store : join(base, local.store),
    runner: local.runner,
    baseDir: base,
    passAwsCredentials: local.passAwsCredentials,
    network: local.network,
  };
}
