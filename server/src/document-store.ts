import type { TextDocuments } from "vscode-languageserver/node";
import type { SyncedDocument } from "./synced-document";
import type { LanguageService, PipelineDocument, PipelineModel } from "../../core/src";
import type { EditRecorder } from "./edit-recorder";

/**
 * The parsed snapshot of each open document's current version, built once per version from the previous one
 * (incrementally: only the edited step is parsed again) and shared by diagnostics and every editor feature.
 * Requests answer from it at once; the rules run later, in the validator. Remembers the last model built from text
 * that parsed.
 */
export class DocumentStore {
  private readonly snapshots = new Map<string, { version: number; document: PipelineDocument }>();
  private readonly lastGood = new Map<string, PipelineModel>();

  constructor(
    private readonly documents: TextDocuments<SyncedDocument>,
    private readonly service: LanguageService,
    private readonly edits: EditRecorder,
  ) {}

  get(uri: string): PipelineDocument | undefined {
    const textDocument = this.documents.get(uri);
    if (!textDocument) return undefined;
    const cached = this.snapshots.get(uri);
    if (cached?.version === textDocument.version) return cached.document;
    const change = this.edits.take(uri);
    const document = this.service.parseDocument(textDocument.getText(), {
      uri,
      fallback: this.lastGood.get(uri),
      previous: cached?.document,
      change: cached ? change : undefined,
    });
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
    this.edits.forget(uri);
  }
}
