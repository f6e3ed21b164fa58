import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { definitionRefusal } from "./definition-check";
import type { DefinitionCheckAnswer, DefinitionCheckRequest } from "./definition-check-worker";

/** The worker's bundle: next to the engine's bundle (dist/), or, from the sources, in dist/ once built. */
export function definitionCheckScript(): string | undefined {
  return [join(__dirname, "definition-check.js"), join(__dirname, "..", "..", "dist", "definition-check.js")].find((path) => existsSync(path));
}

/**
 * Checks definitions off the engine's event loop: one worker thread, started on the first check, answering in order.
 * Without the worker's bundle (the sources run before a build) the check runs in this thread.
 */
export class DefinitionChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(refusal: string | undefined): void; reject(error: Error): void }>();

  /** `null`: checks run in this thread. */
  constructor(private readonly script: string | null = definitionCheckScript() ?? null) {}

  /** Whether checks leave this thread. */
  get inWorker(): boolean {
    return this.script !== null;
  }

  /** The refusal's message, or undefined when the definition is accepted. */
  refusal(definition: string): Promise<string | undefined> {
    if (!this.script) return Promise.resolve().then(() => definitionRefusal(definition));
    const worker = this.started(this.script);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, definition } satisfies DefinitionCheckRequest);
    });
  }

  private started(script: string): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(script);
    // An idle worker never keeps the process alive; a waiting check does (ref while anything is pending).
    worker.unref();
    worker.on("message", (answer: DefinitionCheckAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (answer.error !== undefined) waiting.reject(new Error(`the definition check failed: ${answer.error}`));
      else waiting.resolve(answer.refusal);
    });
    const failed = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the definition check's worker ended: ${error.message}`));
      this.pending.clear();
    };
    worker.on("error", failed);
    worker.on("exit", (code) => failed(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
