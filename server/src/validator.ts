import { DiagnosticSeverity, type Diagnostic, type TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, LineIndex, type PipelineDiagnostic, type PipelineModel, type Severity } from "../../core/src";
import type { SettingsStore } from "./settings-store";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = "sagemaker-pipelines";

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
  /** The last model built from text that parsed: later features read this while the text is broken. */
  readonly lastGoodModels = new Map<string, { version: number; model: PipelineModel }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly publish: Publish,
  ) {}

  async schedule(document: TextDocument, delayOverride?: number): Promise<void> {
    const { validationDelay } = await this.settings.forUri(document.uri);
    const delay = delayOverride ?? validationDelay;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => void this.validate(document.uri, document.version), delay),
    );
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastGoodModels.delete(uri);
    this.settings.forget(uri);
  }

  private async validate(uri: string, version: number): Promise<void> {
    this.timers.delete(uri);
    const { rules } = await this.settings.forUri(uri);
    const document = this.documents.get(uri);
    if (!document || document.version !== version) return;
    const text = document.getText();
    const analysis = analyze(text, { severities: rules });
    if (analysis.model) this.lastGoodModels.set(uri, { version, model: analysis.model });
    // The document may have changed while settings were awaited: never publish stale results.
    if (this.documents.get(uri)?.version !== version) return;
    const lines = new LineIndex(text);
    this.publish(uri, version, analysis.diagnostics.map((d) => toLspDiagnostic(lines, d)));
  }
}
