/**
 * The editor features in process: the same calls the LSP tests make (`open`, `request("textDocument/hover", …)`,
 * `diagnostics(uri)`), answered by the language service directly, as the server's handlers answer them, with no
 * process and no stdio. Every internal error the service reports fails the test at `stop()` (or `assertNoInternalErrors()`).
 * What only the server does (debouncing, settings pulled from the client, publishing) is tested over stdio in test/lsp/.
 */
import type {
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionParams,
  DocumentSymbolParams,
  PublishDiagnosticsParams,
  ReferenceParams,
  RenameParams,
  TextDocumentPositionParams,
} from "vscode-languageserver-protocol";
import { normalizeSettings, stepLensDocument, type PipelineDocument, type PipelineModel, type ReferenceExecution } from "../../core/src";
import type { SetReferenceParams, StepsInRangesParams } from "../../protocol/src";
import { assertNoInternalErrorDiagnostic, recordedService, type RecordedService } from "./language-service";

export class InProcessClient {
  /** What the editor's settings say (`sagemakerPipelines`), as the LSP test client answers workspace/configuration. */
  settings: Record<string, unknown> = { rules: {}, validationDelay: 0, codeLens: true };
  readonly service: RecordedService["service"];
  readonly recorder: RecordedService["recorder"];
  private readonly texts = new Map<string, { text: string; version: number; document?: PipelineDocument }>();
  private readonly lastGood = new Map<string, PipelineModel>();
  private readonly references = new Map<string, ReferenceExecution | undefined>();
  private counter = 0;

  private constructor(recorded: RecordedService) {
    this.service = recorded.service;
    this.recorder = recorded.recorder;
  }

  static async start(recorded: RecordedService = recordedService()): Promise<InProcessClient> {
    return new InProcessClient(recorded);
  }

  async open(text: string, uri = `file:///tmp/test-${++this.counter}.pipeline.json`): Promise<string> {
    this.texts.set(uri, { text, version: 1 });
    return uri;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.texts.get(uri)?.version ?? 0) + 1;
    this.texts.set(uri, { text, version });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    this.lastGood.delete(uri);
  }

  /** The document's diagnostics for its current version, as the server would publish them. */
  async diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const entry = this.texts.get(uri);
    const document = entry && this.document(uri);
    const published: PublishDiagnosticsParams =
      entry && document
        ? { uri, version: entry.version, diagnostics: this.service.lspDiagnostics(document, normalizeSettings(this.settings).rules) }
        : { uri, diagnostics: [] };
    if (!predicate(published)) throw new Error(`the diagnostics of ${uri} (version ${published.version}) do not match`);
    assertNoInternalErrorDiagnostic(published.diagnostics);
    return published;
  }

  /** Answers an LSP request as the server's handler does. */
  async request<R>(method: string, params: unknown): Promise<R> {
    return this.answer(method, params) as R;
  }

  async notifySetReference(params: SetReferenceParams): Promise<void> {
    this.references.set(params.uri, params.reference);
  }

  assertNoInternalErrors(): void {
    this.recorder.assertNone();
  }

  async stop(): Promise<void> {
    this.assertNoInternalErrors();
  }

  private answer(method: string, params: unknown): unknown {
    const s = this.service;
    switch (method) {
      case "textDocument/hover": {
        const p = params as TextDocumentPositionParams;
        return this.with(p.textDocument.uri, null, (d, uri) => s.hover(d, uri, p.position));
      }
      case "textDocument/completion": {
        const p = params as CompletionParams;
        return this.with(p.textDocument.uri, [], (d, uri) => s.completion(d, uri, p.position));
      }
      case "textDocument/definition": {
        const p = params as TextDocumentPositionParams;
        return this.with(p.textDocument.uri, [], (d, uri) => s.definition(d, uri, p.position));
      }
      case "textDocument/references": {
        const p = params as ReferenceParams;
        return this.with(p.textDocument.uri, [], (d, uri) => s.references(d, uri, p.position, p.context.includeDeclaration));
      }
      case "textDocument/documentHighlight": {
        const p = params as TextDocumentPositionParams;
        return this.with(p.textDocument.uri, [], (d, uri) => s.documentHighlights(d, uri, p.position));
      }
      case "textDocument/prepareRename": {
        const p = params as TextDocumentPositionParams;
        const result = this.with(p.textDocument.uri, null, (d, uri) => s.prepareRename(d, uri, p.position));
        if (result && "error" in result) throw new Error(result.error);
        return result;
      }
      case "textDocument/rename": {
        const p = params as RenameParams;
        const result = this.with(p.textDocument.uri, null, (d, uri) => s.rename(d, uri, p.position, p.newName));
        if (result && "error" in result) throw new Error(result.error);
        return result?.edit ?? null;
      }
      case "textDocument/documentSymbol": {
        const p = params as DocumentSymbolParams;
        return this.with(p.textDocument.uri, [], (d, uri) => s.documentSymbols(d, uri));
      }
      case "textDocument/codeLens": {
        const p = params as CodeLensParams;
        const settings = normalizeSettings(this.settings);
        if (!settings.codeLens) return [];
        return this.with(p.textDocument.uri, [], (d, uri) =>
          s.codeLenses(d, uri, { reference: this.references.get(uri), referenceLatest: settings.referenceLatest }),
        );
      }
      case "codeLens/resolve": {
        const lens = params as CodeLens;
        const uri = stepLensDocument(lens);
        return typeof uri !== "string" ? lens : this.with(uri, lens, (d) => s.resolveCodeLens(d, uri, lens));
      }
      case "textDocument/codeAction": {
        const p = params as CodeActionParams;
        const wantsQuickFixes = !p.context.only || p.context.only.some((kind) => kind === "quickfix" || "quickfix".startsWith(`${kind}.`));
        return wantsQuickFixes ? this.with(p.textDocument.uri, [], (d, uri) => s.codeActions(d, uri, p.context.diagnostics)) : [];
      }
      case "sagemakerPipelines/stepsInRanges": {
        const p = params as StepsInRangesParams;
        return this.with(p.uri, [], (d, uri) => s.stepsInRanges(d, uri, p.ranges));
      }
      default:
        throw new Error(`${method}: not a request the in-process client answers (test it over stdio in test/lsp/)`);
    }
  }

  private with<T>(uri: string, none: T, feature: (document: PipelineDocument, uri: string) => T): T {
    const document = this.document(uri);
    return document ? feature(document, uri) : none;
  }

  /** One snapshot per version, with the last model that parsed as its fallback, as the server's DocumentStore keeps them. */
  private document(uri: string): PipelineDocument | undefined {
    const entry = this.texts.get(uri);
    if (!entry) return undefined;
    if (!entry.document) {
      entry.document = this.service.parseDocument(entry.text, { uri, fallback: this.lastGood.get(uri) });
      if (entry.document.parsed && entry.document.model) this.lastGood.set(uri, entry.document.model);
    }
    return entry.document;
  }
}
