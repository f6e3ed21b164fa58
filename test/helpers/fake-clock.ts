/** A clock for the server's timers that moves only when the test says so (no sleeps). */
export class FakeClock {
  private timers: Array<{ id: number; at: number; callback: () => void }> = [];
  private counter = 0;
  /** Every delay a timer was set with, in order. */
  readonly delays: number[] = [];

  constructor(private current: number) {}

  now = (): number => this.current;

  setTimer = (callback: () => void, delayMs: number): unknown => {
    const id = ++this.counter;
    this.delays.push(delayMs);
    this.timers.push({ id, at: this.current + delayMs, callback });
    return id;
  };

  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** How many timers are pending. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves to `at`, firing the timers due by then in order (each at its own instant). */
  advanceTo(at: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= at).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = due.at;
      due.callback();
    }
    this.current = at;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
