import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { composeChanges, type TextChange } from "../../core/src";

/**
 * The TextDocuments configuration that also records where each document changed since its last snapshot, so that
 * the next snapshot re-parses only the changed step. A full-text change (no range) leaves the region unknown: the
 * analysis then compares the texts.
 */
export class EditRecorder implements TextDocumentsConfiguration<TextDocument> {
  private readonly regions = new Map<string, TextChange | "unknown">();

  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    this.regions.delete(uri);
    return TextDocument.create(uri, languageId, version, content);
  }

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let region = this.regions.get(document.uri);
    // One change at a time: each range is in the text the previous changes made.
    for (const change of changes) {
      if (region !== "unknown" && "range" in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        region = composeChanges(region, { start, end, newEnd: start + change.text.length });
      } else {
        region = "unknown";
      }
      TextDocument.update(document, [change], version);
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
