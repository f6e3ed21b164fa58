import { MAX_TIMER_DELAY_MS, systemClock, type Clock } from "../../core/src";

/**
 * Two refreshes of a document are at least this far apart: a text that changes every second refreshes once a second.
 * Just under a second, so a per-second text keeps its own phase (an expiry falls 1 ms after a whole second, the
 * `expired … ago` changes that follow on whole seconds).
 */
export const MIN_INTERVAL_MS = 900;
export const MAX_DELAY_MS = MAX_TIMER_DELAY_MS;

/**
 * One timer per document, due when its time-dependent texts (cache verdicts, ages) next change: `schedule` replaces the
 * document's timer, `cancel` drops it (on close, edit, new context). When it fires, `onDue(uri)` asks the client to
 * refresh; the client's new requests compute the texts with the current time and schedule the next one.
 */
export class TimeRefresh {
  private readonly timers = new Map<string, { handle: unknown; at: number }>();
  private readonly lastFired = new Map<string, number>();

  constructor(
    private readonly onDue: (uri: string) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Due at `at` (epoch ms), or nothing when undefined (no text of the document changes with time). */
  schedule(uri: string, at: number | undefined): void {
    const current = this.timers.get(uri);
    if (current && current.at === at) return;
    this.cancel(uri);
    if (at === undefined || !Number.isFinite(at)) return;
    const earliest = (this.lastFired.get(uri) ?? -Infinity) + MIN_INTERVAL_MS;
    const delay = Math.min(Math.max(at, earliest) - this.clock.now(), MAX_DELAY_MS);
    const handle = this.clock.setTimer(
      () => {
        this.timers.delete(uri);
        this.lastFired.set(uri, this.clock.now());
        this.onDue(uri);
      },
      Math.max(delay, 0),
    );
    this.timers.set(uri, { handle, at });
  }

  cancel(uri: string): void {
    const current = this.timers.get(uri);
    if (!current) return;
    this.clock.clearTimer(current.handle);
    this.timers.delete(uri);
  }

  /** The document is closed: no timer, and no memory of its last refresh. */
  forget(uri: string): void {
    this.cancel(uri);
    this.lastFired.delete(uri);
  }

  /** The instant each scheduled document is due at (for tests and logs). */
  dueAt(uri: string): number | undefined {
    return this.timers.get(uri)?.at;
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
    this.lastFired.clear();
  }
}
