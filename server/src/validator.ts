import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import { applySeverities, DIAGNOSTIC_SOURCE, type LineIndex, type PipelineDiagnostic, type Severity } from "../../core/src";
import type { DocumentStore } from "./document-store";
import type { SettingsStore } from "./settings-store";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};


export function toLspDiagnostic(lines: LineIndex, d: PipelineDiagnostic): Diagnostic {
  return {
    range: lines.rangeOf(d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
}

type Publish = (uri: string, version: number, diagnostics: Diagnostic[]) => void;

/** Debounced validation per document; publishes only for the version it analysed, if still current. */
export class DocumentValidator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly publish: Publish,
  ) {}

  async schedule(uri: string, delayOverride?: number): Promise<void> {
    const { validationDelay } = await this.settings.forUri(uri);
    clearTimeout(this.timers.get(uri));
    const version = this.store.version(uri);
    if (version === undefined) return;
    this.timers.set(uri, setTimeout(() => void this.validate(uri, version).catch((error) => console.error(`Validation of ${uri} failed: ${(error as Error).stack ?? error}`)), delayOverride ?? validationDelay));
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
    const diagnostics = applySeverities(document.analysis.diagnostics, rules);
    this.publish(uri, version, diagnostics.map((d) => toLspDiagnostic(document.lines, d)));
  }
}
