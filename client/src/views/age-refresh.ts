import { MAX_TIMER_DELAY_MS as MAX_DELAY_MS, nextAgeChange, systemClock, type Clock } from "../../../core/src";

/**
 * Keeps the ages a view shows (`2 min ago`, from `age`) true: `shown` records each age text as it is drawn; one timer,
 * only while the view is visible, is due when the first of them changes, and `onDue` redraws the view (which draws
 * and records the ages again). Nothing is scheduled while nothing time-dependent is shown. A view that comes back
 * after its ages changed while hidden is redrawn at once.
 */
export class AgeRefresh {
  /** The next change of each drawn age text, by the start time it counts from. */
  private readonly due = new Map<number, number>();
  private timer?: { handle: unknown; at: number };
  private visible = true;

  constructor(
    private readonly onDue: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** An age text counting from `startMs` was drawn now. */
  shown(startMs: number): void {
    const next = nextAgeChange(startMs, this.clock.now());
    if (next === undefined || !Number.isFinite(next)) return;
    const current = this.due.get(startMs);
    if (current === undefined || next < current) this.due.set(startMs, next);
    this.schedule();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.schedule();
  }

  /** The instant the timer is due at (undefined: none). */
  get dueAt(): number | undefined {
    return this.timer?.at;
  }

  private schedule(): void {
    const at = this.due.size > 0 && this.visible ? Math.min(...this.due.values()) : undefined;
    if (this.timer && this.timer.at === at) return;
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = undefined;
    if (at === undefined) return;
    const delay = Math.min(Math.max(at - this.clock.now(), 0), MAX_DELAY_MS);
    const handle = this.clock.setTimer(() => {
      this.timer = undefined;
      // The redraw records the ages it draws again; an age no longer drawn (a collapsed pipeline) stops counting.
      this.due.clear();
      this.onDue();
    }, delay);
    this.timer = { handle, at };
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimer(this.timer.handle);
    this.timer = undefined;
    this.due.clear();
  }
}
