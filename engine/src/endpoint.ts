import { resolve } from "node:path";
import { LocalEngine, type EngineOptions } from "./engine";
import { EngineRunningError, liveHolder } from "./lock";

export interface RunningEngineInfo {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  pid: number;
}

/** The engine that holds the store's lock and listens, from `<store>/engine.lock` and `<store>/engine-endpoint.json`. */
export function findRunningEngine(store: string): RunningEngineInfo | undefined {
  const live = liveHolder(resolve(store));
  return live?.endpoint ? { endpoint: live.endpoint.endpoint, pid: live.holder.pid } : undefined;
}

/**
 * The store's running engine; while its holder is alive but not listening yet, polls until it does or the deadline.
 * Undefined when no live engine holds the store.
 */
export async function waitForRunningEngine(store: string, timeoutMs = 10_000): Promise<RunningEngineInfo | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = liveHolder(resolve(store));
    if (!live) return undefined;
    if (live.endpoint) return { endpoint: live.endpoint.endpoint, pid: live.holder.pid };
    if (Date.now() > deadline) throw new Error(`The local engine (pid ${live.holder.pid}) holds the store ${store} but has not published an endpoint.`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * One engine per store: the endpoint of the engine already running on `options.root`, or a new engine started here
 * (then `engine` is set and the caller closes it). Two callers racing on one store end with one engine.
 */
export async function startOrConnect(options: EngineOptions, timeoutMs = 10_000): Promise<RunningEngineInfo & { engine?: LocalEngine }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await waitForRunningEngine(options.root, Math.max(0, deadline - Date.now()));
    if (running) return running;
    try {
      const engine = new LocalEngine(options);
      return { endpoint: await engine.listen(), pid: process.pid, engine };
    } catch (error) {
      if (!(error instanceof EngineRunningError) || Date.now() > deadline) throw error;
    }
  }
}
