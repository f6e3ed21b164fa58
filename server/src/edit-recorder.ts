import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from "vscode-languageserver/node";
import { composeChanges, type TextChange } from "../../core/src";
import { SyncedDocument } from "./synced-document";

/**
 * The TextDocuments configuration that also records where each document changed since its last snapshot, so that
 * the next snapshot re-parses only the changed step. A full-text change (no range) leaves the region unknown: the
 * analysis then compares the texts.
 */
export class EditRecorder implements TextDocumentsConfiguration<SyncedDocument> {
  private readonly regions = new Map<string, TextChange | "unknown">();

  create(uri: string, languageId: string, version: number, content: string): SyncedDocument {
    this.regions.delete(uri);
    return new SyncedDocument(uri, languageId, version, content);
  }

  update(document: SyncedDocument, changes: TextDocumentContentChangeEvent[], version: number): SyncedDocument {
    let region = this.regions.get(document.uri);
    // One change at a time: each range is in the text the previous changes made.
    for (const change of changes) {
      const replaced = document.apply(change, version);
      region = region !== "unknown" && replaced ? composeChanges(region, replaced) : "unknown";
    }
    if (region !== undefined) this.regions.set(document.uri, region);
    return document;
  }

  /** The region changed since the last call (undefined: unknown, or nothing changed). */
  take(uri: string): TextChange | undefined {
    const region = this.regions.get(uri);
    this.regions.delete(uri);
    return region === "unknown" ? undefined : region;
  }

  forget(uri: string): void {
    this.regions.delete(uri);
  }
}
