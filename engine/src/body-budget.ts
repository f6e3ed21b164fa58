/**
 * How many bytes of request bodies the engine holds at once, across all requests: each request reserves what it
 * declares (or receives) before it is buffered and gives it back when its response is sent or it is aborted.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.used;
  }

  /** Reserves `bytes` when they fit in what is left; false (nothing reserved) when they do not. */
  tryReserve(bytes: number): boolean {
    if (!Number.isSafeInteger(bytes) || bytes < 0 || this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  /** A reservation for one request, released once however the request ends. */
  open(): BodyReservation {
    let held = 0;
    let released = false;
    return {
      grow: (bytes) => {
        if (released || !this.tryReserve(bytes)) return false;
        held += bytes;
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface BodyReservation {
  /** Adds `bytes` to what the request holds; false when the engine's budget is spent. */
  grow(bytes: number): boolean;
  release(): void;
}
