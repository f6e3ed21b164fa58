/**
 * "Did you mean" suggestions, bounded so that an analysis stays linear in the document's size however many
 * unknown names it holds: the options are indexed once by length and first letters, each written name is
 * compared with at most `PER_NAME` of them (those of about its length, sharing its first letters first),
 * each distinct name is ranked once (memoised), each comparison is cut off at the suggestion threshold, names
 * longer than `LONGEST` get prefix matches only, and an optional budget caps the comparisons of a whole
 * analysis (after it is spent, suggestions are omitted).
 */

/** A name offered as "did you mean", with its edit distance from what was written. */
export interface Suggestion {
  name: string;
  distance: number;
}

/** Distance computations allowed to one analysis (shared by its rules). */
export interface SuggestionBudget {
  remaining: number;
}

/** At most this many options are compared with one written name. */
export const PER_NAME = 100;
/** Distance computations per analysis (the rules' default budget). */
export const PER_ANALYSIS = 20_000;
/** Longer names are only matched as prefixes (the distance is quadratic in the length). */
export const LONGEST = 64;

/** Every edit-distance computation, ever: tests read it to prove the work is linear. */
export const suggestionWork = { distances: 0 };

export function newBudget(distances = PER_ANALYSIS): SuggestionBudget {
  return { remaining: distances };
}

interface Entry {
  name: string;
  lower: string;
  order: number;
}

/** The options, indexed for `nearest`; build it once per set of options. */
export class NameIndex {
  private readonly entries: Entry[] = [];
  /**
   * Keyed by `${length}`, `${length}:${first letter}`, `${length}:${first two letters}` and `${length}$${last two
   * letters}`; built on first use, and only for more than PER_NAME options (fewer are all compared).
   */
  private buckets?: Map<string, Entry[]>;
  private byLower?: Map<string, Entry[]>;
  /** The options' lengths, shortest first. */
  private lengths?: number[];
  private sorted?: Entry[];
  private readonly memo = new Map<string, Suggestion[]>();

  constructor(
    options: Iterable<string>,
    private readonly budget?: SuggestionBudget,
  ) {
    const seen = new Set<string>();
    for (const name of options) {
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = { name, lower: name.toLowerCase(), order: this.entries.length };
      this.entries.push(entry);
    }
  }

  /**
   * The options close enough to `written` to suggest, best first (ties keep the options' order), at most `limit`.
   * A truncated or extended name ("VolumeSize" for "VolumeSizeInGB") counts as close.
   */
  nearest(written: string, limit = 3): Suggestion[] {
    let ranked = this.memo.get(written);
    if (!ranked) {
      ranked = this.rank(written);
      this.memo.set(written, ranked);
    }
    return ranked.slice(0, limit);
  }

  closest(written: string): string | undefined {
    return this.nearest(written, 1)[0]?.name;
  }

  private rank(written: string): Suggestion[] {
    const a = written.toLowerCase();
    const cutoff = Math.max(2, Math.floor(a.length / 3));
    const found = new Map<Entry, number>();
    const consider = (entry: Entry, distance: number) => {
      if (entry.name === written || distance > cutoff) return;
      const known = found.get(entry);
      if (known === undefined || distance < known) found.set(entry, distance);
    };
    if (this.entries.length <= PER_NAME) {
      // Few options: every one is compared (as many as one name may be), no index needed.
      for (const entry of this.entries) {
        const b = entry.lower;
        const prefix = a !== b && a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a));
        if (prefix) consider(entry, 1);
        else if (Math.abs(a.length - b.length) <= cutoff && a.length <= LONGEST && b.length <= LONGEST && this.spend()) {
          consider(entry, a === b ? 0 : distanceWithin(a, b, cutoff));
        }
      }
      return this.ranked(found);
    }
    this.index();
    if (a.length >= 4) {
      // Prefixes both ways: an option that `written` extends, and options that extend `written`.
      // (only the lengths options have, at most PER_NAME of them: the work is linear in the name's length)
      let lengths = 0;
      for (const n of this.lengths!) {
        if (n < 4 || n >= a.length) continue;
        if (++lengths > PER_NAME) break;
        for (const entry of this.byLower!.get(a.slice(0, n)) ?? []) consider(entry, 1);
      }
      let taken = 0;
      for (const entry of this.extending(a)) {
        if (entry.lower !== a) consider(entry, 1);
        if (++taken >= PER_NAME) break;
      }
    }
    if (a.length <= LONGEST) {
      let compared = 0;
      const done = new Set<Entry>();
      outer: for (const key of this.candidateKeys(a, cutoff)) {
        for (const entry of this.buckets!.get(key) ?? []) {
          if (done.has(entry)) continue;
          done.add(entry);
          if (entry.name === written || entry.lower.length > LONGEST) continue;
          if (compared >= PER_NAME || !this.spend()) break outer;
          compared++;
          consider(entry, entry.lower === a ? 0 : distanceWithin(a, entry.lower, cutoff));
        }
      }
    }
    return this.ranked(found);
  }

  /** One comparison from the budget, if there is one left (or no budget). */
  private spend(): boolean {
    if (!this.budget) return true;
    if (this.budget.remaining <= 0) return false;
    this.budget.remaining--;
    return true;
  }

  private index(): void {
    if (this.buckets) return;
    this.buckets = new Map();
    this.byLower = new Map();
    for (const entry of this.entries) {
      for (const key of keys(entry.lower)) push(this.buckets, key, entry);
      push(this.byLower, entry.lower, entry);
    }
    this.lengths = [...new Set(this.entries.map((e) => e.lower.length))].sort((x, y) => x - y);
  }

  private ranked(found: Map<Entry, number>): Suggestion[] {
    return [...found]
      .map(([entry, distance]) => ({ entry, distance }))
      .sort((x, y) => x.distance - y.distance || x.entry.order - y.entry.order)
      .map(({ entry, distance }) => ({ name: entry.name, distance }));
  }

  /** Buckets to search, the likeliest first: same first two letters, first letter, last two letters, any; each by length difference. */
  private *candidateKeys(a: string, cutoff: number): Generator<string> {
    const lengths: number[] = [a.length];
    for (let d = 1; d <= cutoff; d++) lengths.push(a.length - d, a.length + d);
    for (const n of lengths) if (n >= 0 && a.length >= 2) yield `${n}:${a.slice(0, 2)}`;
    for (const n of lengths) if (n >= 0 && a.length >= 1) yield `${n}:${a[0]}`;
    // A typo in the first letters keeps the end: same last two letters next.
    for (const n of lengths) if (n >= 0 && a.length >= 2) yield `${n}$${a.slice(-2)}`;
    for (const n of lengths) if (n >= 0) yield `${n}`;
  }

  /** The options whose lower-case form starts with `prefix`, in lower-case order (binary search). */
  private *extending(prefix: string): Generator<Entry> {
    const sorted = (this.sorted ??= [...this.entries].sort((x, y) => (x.lower < y.lower ? -1 : x.lower > y.lower ? 1 : x.order - y.order)));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].lower < prefix) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length && sorted[i].lower.startsWith(prefix); i++) yield sorted[i];
  }
}

/** `nearest` over a one-off set of options (the index is built for this call). */
export function nearest(written: string, options: Iterable<string>, limit = 3): Suggestion[] {
  return new NameIndex(options).nearest(written, limit);
}

/** The single best "did you mean" suggestion, if any option is close enough. */
export function closest(written: string, options: Iterable<string>): string | undefined {
  return nearest(written, options, 1)[0]?.name;
}

function keys(lower: string): string[] {
  const n = lower.length;
  const result = [`${n}`];
  if (n >= 1) result.push(`${n}:${lower[0]}`);
  if (n >= 2) result.push(`${n}:${lower.slice(0, 2)}`, `${n}$${lower.slice(-2)}`);
  return result;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Levenshtein distance of `a` and `b`, or `cutoff + 1` as soon as it must exceed `cutoff` (a diagonal band). */
function distanceWithin(a: string, b: string, cutoff: number): number {
  suggestionWork.distances++;
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
      if (row[j] < best) best = row[j];
    }
    if (best > cutoff) return cutoff + 1;
  }
  return row[b.length];
}
