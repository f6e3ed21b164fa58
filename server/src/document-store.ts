import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LanguageService, PipelineDocument, PipelineModel } from "../../core/src";

/**
 * The analysed snapshot of each open document's current version, built once per version and
 * shared by diagnostics and every editor feature. Remembers the last model built from text that parsed.
 */
export class DocumentStore {
  private readonly snapshots = new Map<string, { version: number; document: PipelineDocument }>();
  private readonly lastGood = new Map<string, PipelineModel>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
  ) {}

  get(uri: string): PipelineDocument | undefined {
    const textDocument = this.documents.get(uri);
    if (!textDocument) return undefined;
    const cached = this.snapshots.get(uri);
    if (cached?.version === textDocument.version) return cached.document;
    const document = this.service.parseDocument(textDocument.getText(), { uri, fallback: this.lastGood.get(uri) });
    if (document.parsed && document.model) this.lastGood.set(uri, document.model);
    this.snapshots.set(uri, { version: textDocument.version, document });
    return document;
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  forget(uri: string): void {
    this.snapshots.delete(uri);
    this.lastGood.delete(uri);
  }
}
