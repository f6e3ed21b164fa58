import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from "vscode-languageserver/node";
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, type PipelineSettings } from "../../core/src";

/** Pulls `sagemakerPipelines` settings from the client (per document), cached until they change. */
export class SettingsStore {
  private canPull = false;
  private canRegister = false;
  private readonly cache = new Map<string, Promise<PipelineSettings>>();

  constructor(private readonly connection: Connection) {}

  setClientCapabilities(capabilities: ClientCapabilities): void {
    this.canPull = capabilities.workspace?.configuration === true;
    this.canRegister = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  }

  registerForChanges(): void {
    if (this.canRegister) void this.connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }

  invalidate(): void {
    this.cache.clear();
  }

  forUri(uri: string): Promise<PipelineSettings> {
    if (!this.canPull) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, pending);
    }
    return pending;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
