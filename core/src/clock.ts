/** The time and the timers of what refreshes time-dependent text (the server's lenses, the client's views), so tests can drive them with a fake clock. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** setTimeout's largest delay; a later instant is reached through an early refresh, which schedules again. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The real clock; its timers never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    timer.unref?.();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
