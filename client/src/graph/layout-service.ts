import { Worker } from "node:worker_threads";
import type { GraphLayout, LayoutReply } from "../../../core/src/graph-view/layout";
import type { PipelineGraph } from "../../../core/src";

/** The layout worker's bundle (scripts/build.mjs). */
export const LAYOUT_WORKER = "dist/graph-layout.js";

/**
 * Lays graphs out in one worker thread shared by the graph panels, started on the first request. A worker that fails
 * or exits rejects what it had pending and is started again on the next request.
 */
export class LayoutService {
  private worker?: Worker;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (layout: GraphLayout) => void; reject: (error: Error) => void }>();

  constructor(private readonly script: string) {}

  layout(graph: PipelineGraph, previous?: GraphLayout): Promise<GraphLayout> {
    const worker = this.started();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, graph, previous });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on("message", (reply: LayoutReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.layout);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the layout worker exited (code ${code})`)));
    return (this.worker = worker);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
