/**
 * At most one job per key at a time, the newest one winning: a new request cancels the running job (its signal aborts),
 * waits until it has ended, then runs. A request superseded before it started resolves to undefined without running.
 * No VS Code: the Python exports use it per file (a newer save cancels the export of the older one).
 */
export class LatestOnly<T> {
  private readonly jobs = new Map<string, { controller: AbortController; settled: Promise<unknown> }>();

  async run(key: string, job: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const previous = this.jobs.get(key);
    previous?.controller.abort();
    const controller = new AbortController();
    // With nothing running the job starts at once; else after the previous one ended.
    const result = previous ? previous.settled.then(() => (controller.signal.aborted ? undefined : job(controller.signal))) : job(controller.signal);
    const entry = { controller, settled: result.catch(() => undefined) };
    this.jobs.set(key, entry);
    try {
      return await result;
    } finally {
      if (this.jobs.get(key) === entry) this.jobs.delete(key);
    }
  }

  /** Whether a job of this key is running or waiting. */
  busy(key: string): boolean {
    return this.jobs.has(key);
  }

  cancel(key: string): void {
    this.jobs.get(key)?.controller.abort();
  }

  dispose(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }
}
