/** The one place that turns offsets into line/character positions (LSP conventions: 0-based, UTF-16). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? [0, ...lineStartsIn(text, 0, text.length)];
  }

  /**
   * The index of `text`, made from the index of the text before `change` (see TextChange): the line starts before
   * the change are kept, those after it move, only the changed characters are scanned. Equal to `new LineIndex(text)`.
   */
  edited(text: string, change: { start: number; end: number; newEnd: number }): LineIndex {
    const old = this.lineStarts;
    const delta = change.newEnd - change.end;
    const before = firstAtLeast(old, change.start, 1);
    const after = firstAtLeast(old, change.end + 1, before);
    // A line break just before the change may pair with a new \n: the scan starts one character earlier.
    const scanned = lineStartsIn(text, Math.max(0, change.start - 1), change.newEnd).filter((start) => start > (old[before - 1] ?? 0));
    // Typing that neither adds nor removes a character or a line break: the same starts (an index is never modified).
    if (delta === 0 && scanned.length === after - before && scanned.every((start, i) => start === old[before + i])) return new LineIndex(text, old);
    const starts = old.slice(0, before);
    for (const start of scanned) starts.push(start);
    let k = after;
    while (k < old.length && old[k] + delta <= starts[starts.length - 1]) k++;
    for (; k < old.length; k++) starts.push(old[k] + delta);
    return new LineIndex(text, starts);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // Between the \r and the \n of a CRLF is no LSP position: it is the end of the line.
    const insideCrlf = clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10;
    return { line: low, character: clamped - this.lineStarts[low] - (insideCrlf ? 1 : 0) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const line = Math.max(0, position.line);
    const start = this.lineStarts[line];
    // A character past the end of its line means the end of that line (LSP), not a later line.
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return start + Math.min(Math.max(0, position.character), end - start);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The first index from `from` on whose start is at least `offset` (the starts increase). */
function firstAtLeast(starts: number[], offset: number, from: number): number {
  let low = from;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The line starts after the line breaks that begin in [from, to) (a \r\n counts once). */
function lineStartsIn(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
