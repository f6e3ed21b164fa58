import type { Diagnostic } from "vscode-languageserver/node";
import type { LanguageService } from "../../core/src";
import type { DocumentStore } from "./document-store";
import type { SettingsStore } from "./settings-store";

type Publish = (uri: string, version: number, diagnostics: Diagnostic[]) => void;

/** The rules run in slices of about this long; between slices newer edits and requests get in. */
const SLICE_MS = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Debounced validation per document; publishes only for the version it analysed, if still current. A validation
 * gives way to every message that arrived (requests answer meanwhile from the parse) and stops as soon as a newer
 * version exists: that version's own validation follows.
 */
export class DocumentValidator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly service: LanguageService,
    private readonly publish: Publish,
    private readonly logError: (message: string) => void,
  ) {}

  async schedule(uri: string, delayOverride?: number): Promise<void> {
    const { validationDelay } = await this.settings.forUri(uri);
    clearTimeout(this.timers.get(uri));
    const version = this.store.version(uri);
    if (version === undefined) return;
    this.timers.set(
      uri,
      setTimeout(
        () => void this.validate(uri, version).catch((error) => this.logError(`Validation of ${uri} failed: ${(error as Error).stack ?? error}`)),
        delayOverride ?? validationDelay,
      ),
    );
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  /** A failure here is logged, never left as an unhandled rejection (which would end the server). */
  private async validate(uri: string, version: number): Promise<void> {
    this.timers.delete(uri);
    const { rules } = await this.settings.forUri(uri);
    // Never publish for a version that is no longer current.
    if (this.store.version(uri) !== version) return;
    const document = this.store.get(uri);
    if (!document) return;
    const steps = document.analysisSteps();
    let sliceEnd = performance.now() + SLICE_MS;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      if (performance.now() < sliceEnd) continue;
      await nextTurn();
      if (this.store.version(uri) !== version) return;
      sliceEnd = performance.now() + SLICE_MS;
    }
    // Even an analysis done within one slice gives way once: an edit already read but not handled yet (the connection
    // handles one message per turn) makes this version outdated, and nothing is published for it.
    await nextTurn();
    if (this.store.version(uri) !== version) return;
    this.publish(uri, version, this.service.lspDiagnostics(document, rules));
  }
}
