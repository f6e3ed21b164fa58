/** The one place that turns offsets into line/character positions (LSP conventions: 0-based, UTF-16). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** From line `from` on, the line starts are `delta` further than the shared array says. */
interface Shift {
  from: number;
  delta: number;
}

/**
 * Past this many pending shifts (edits on as many different lines that added or removed characters, no line break),
 * the next edit writes the line starts out again. Typing on one line merges into one shift.
 */
const MAX_SHIFTS = 8;

export class LineIndex {
  /** Line starts, shared with the indexes of earlier and later versions: never modified. */
  private readonly base: Int32Array;
  /** Moves of the base's starts, by increasing `from` (none: the base is this text's). */
  private readonly shifts: readonly Shift[];

  constructor(
    private readonly text: string,
    lineStarts?: Int32Array,
    shifts: readonly Shift[] = [],
  ) {
    this.base = lineStarts ?? Int32Array.from([0, ...lineStartsIn(text, 0, text.length)]);
    this.shifts = shifts;
  }

  /** The number of lines. */
  get lineCount(): number {
    return this.base.length;
  }

  /** The offset where `line` starts. */
  private lineStart(line: number): number {
    let start = this.base[line];
    for (const shift of this.shifts) {
      if (line < shift.from) break;
      start += shift.delta;
    }
    return start;
  }

  /**
   * The index of `text`, made from the index of the text before `change` (see TextChange): only the changed characters
   * are scanned. An edit that adds or removes no line break moves the later lines by one pending shift (typing costs
   * what it changes, not the number of lines); others write the line starts out. Equal to `new LineIndex(text)`.
   */
  edited(text: string, change: { start: number; end: number; newEnd: number }): LineIndex {
    const delta = change.newEnd - change.end;
    const count = this.base.length;
    const before = this.firstAtLeast(change.start, 1);
    const after = this.firstAtLeast(change.end + 1, before);
    const previousStart = before > 0 ? this.lineStart(before - 1) : 0;
    // A line break just before the change may pair with a new \n: the scan starts one character earlier.
    const scanned = lineStartsIn(text, Math.max(0, change.start - 1), change.newEnd).filter((start) => start > previousStart);
    const sameInside = scanned.length === after - before && scanned.every((start, i) => start === this.lineStart(before + i));
    if (sameInside && (after === count || this.lineStart(after) + delta > (scanned.at(-1) ?? previousStart))) {
      if (delta === 0 || after === count) return new LineIndex(text, this.base, this.shifts);
      const shifted = new LineIndex(text, this.base, withShift(this.shifts, after, delta));
      return shifted.shifts.length <= MAX_SHIFTS ? shifted : new LineIndex(text, shifted.starts());
    }
    // A line break added or removed: the starts are written out (one pass, into an array of the final length).
    const old = this.shifts.length === 0 ? this.base : this.starts();
    const last = scanned.at(-1) ?? old[before - 1];
    let k = after;
    while (k < count && old[k] + delta <= last) k++;
    const starts = new Int32Array(before + scanned.length + (count - k));
    starts.set(old.subarray(0, before));
    starts.set(scanned, before);
    for (let line = before + scanned.length; k < count; k++, line++) starts[line] = old[k] + delta;
    return new LineIndex(text, starts);
  }

  /** Every line start, with the pending shifts applied. */
  private starts(): Int32Array {
    const starts = new Int32Array(this.base.length);
    let shift = 0;
    let next = 0;
    for (let line = 0; line < this.base.length; line++) {
      while (next < this.shifts.length && this.shifts[next].from <= line) shift += this.shifts[next++].delta;
      starts[line] = this.base[line] + shift;
    }
    return starts;
  }

  /** The first line from `from` on whose start is at least `offset` (the starts increase). */
  private firstAtLeast(offset: number, from: number): number {
    let low = from;
    let high = this.base.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.lineStart(middle) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.base.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStart(mid) <= clamped) low = mid;
      else high = mid - 1;
    }
    // Between the \r and the \n of a CRLF is no LSP position: it is the end of the line.
    const insideCrlf = clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10;
    return { line: low, character: clamped - this.lineStart(low) - (insideCrlf ? 1 : 0) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.base.length) return this.text.length;
    const line = Math.max(0, position.line);
    const start = this.lineStart(line);
    // A character past the end of its line means the end of that line (LSP), not a later line.
    let end = line + 1 < this.base.length ? this.lineStart(line + 1) : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return start + Math.min(Math.max(0, position.character), end - start);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** `shifts` with `delta` more from line `from` on (merged with a shift from the same line; none left when they cancel). */
function withShift(shifts: readonly Shift[], from: number, delta: number): Shift[] {
  const result: Shift[] = [];
  let placed = false;
  for (const shift of shifts) {
    if (!placed && shift.from >= from) {
      placed = true;
      if (shift.from === from) {
        if (shift.delta + delta !== 0) result.push({ from, delta: shift.delta + delta });
        continue;
      }
      result.push({ from, delta });
    }
    result.push(shift);
  }
  if (!placed) result.push({ from, delta });
  return result;
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
