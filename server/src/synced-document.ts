import type { Position, Range, TextDocumentContentChangeEvent } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { LineIndex, type TextChange } from "../../core/src";

/**
 * An open document's text as the server keeps it, in place of vscode-languageserver-textdocument's: an incremental
 * change costs what it changes. That one moves every later line's offset at each change that adds or removes a
 * character; this one keeps the moves pending in its line index (`LineIndex.edited`).
 */
export class SyncedDocument implements TextDocument {
  private lines: LineIndex;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  /** The line without its line break (a line past the last: the last line). */
  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = Math.min(line, this.lineCount - 1);
    const start = this.offsetAt({ line: last, character: 0 });
    const end = line >= this.lineCount ? this.text.length : this.offsetAt({ line: last, character: Number.MAX_SAFE_INTEGER });
    return { start: { line: last, character: 0 }, end: { line: last, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return "";
    const end = this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
    const next = line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.text.length;
    return this.text.slice(end, next);
  }

  /** Applies one change; returns the region it replaced (undefined for a whole new text). */
  apply(change: TextDocumentContentChangeEvent, version: number): TextChange | undefined {
    this.version = version;
    if (!("range" in change)) {
      this.text = change.text;
      this.lines = new LineIndex(change.text);
      return undefined;
    }
    const [start, end] = [this.offsetAt(change.range.start), this.offsetAt(change.range.end)].sort((a, b) => a - b);
    const region = { start, end, newEnd: start + change.text.length };
    this.text = this.text.slice(0, start) + change.text + this.text.slice(end);
    this.lines = this.lines.edited(this.text, region);
    return region;
  }
}
