import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { resolve } from "node:path";
import type { EngineContext } from "./context";
import { executionOperations } from "./operations/executions";
import { pipelineOperations } from "./operations/pipelines";
import { endOrphanProcesses } from "./processes";
import { createProtocolServer, isLoopback, type Operation } from "./protocol";
import type { StepRunner } from "./runners/runner";
import { Store } from "./store";

export interface EngineOptions {
  /** The folder that holds the engine's store (pipelines, executions, logs, the local object store). */
  root: string;
  /** Runs the work of Processing, Training and Transform steps. */
  runner: StepRunner;
  /** Loopback only: 127.0.0.1 unless given. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  region?: string;
  account?: string;
  /** Relative paths in definitions resolve against this folder unless the pipeline says otherwise. */
  baseDir?: string;
  now?: () => number;
}

export const INTERRUPTED_REASON = "The local engine stopped while this execution was running; it was marked Failed when the engine started again.";

/** The local SageMaker Pipelines engine: the API over HTTP, the store, and the executions it runs. */
export class LocalEngine {
  readonly context: EngineContext;
  private server?: Server;

  constructor(private readonly options: EngineOptions) {
    const host = options.host ?? "127.0.0.1";
    if (!isLoopback(host)) throw new Error(`The local engine only listens on the loopback interface (127.0.0.1, ::1, localhost), not on '${host}'.`);
    const root = resolve(options.root);
    // The store holds logs and records of the user's jobs: private to the user.
    mkdirSync(root, { recursive: true, mode: 0o700 });
    chmodSync(root, 0o700);
    const store = new Store(root);
    this.context = {
      store,
      runner: options.runner,
      runs: new Map(),
      region: options.region ?? "local",
      account: options.account ?? "000000000000",
      baseDir: resolve(options.baseDir ?? process.cwd()),
      now: options.now ?? Date.now,
    };
    // Processes a crashed engine left running end before their steps are marked Failed.
    endOrphanProcesses(root);
    this.recoverInterruptedExecutions();
  }

  get operations(): Record<string, Operation> {
    return { ...pipelineOperations(this.context), ...executionOperations(this.context) } as Record<string, Operation>;
  }

  /** Starts listening; resolves with the endpoint URL (http://127.0.0.1:PORT). */
  async listen(): Promise<string> {
    const server = createProtocolServer(this.operations, (request, response) => this.extraRoutes(request.method, request.url, response));
    this.server = server;
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(this.options.port ?? 0, host, () => done());
    });
    const { port } = server.address() as AddressInfo;
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  }

  /** Stops running executions (they are recorded as Stopped) and closes the server. */
  async close(): Promise<void> {
    const runs = [...this.context.runs.values()];
    for (const run of runs) run.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(runs.map((r) => r.done)), new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    this.server?.closeAllConnections?.();
  }

  /** After a crash or kill, executions that were running are Failed, with their running steps. */
  private recoverInterruptedExecutions(): void {
    const { store } = this.context;
    const now = this.context.now() / 1000;
    for (const execution of store.executions.values()) {
      if (execution.PipelineExecutionStatus !== "Executing" && execution.PipelineExecutionStatus !== "Stopping") continue;
      for (const step of store.stepsOf(execution.ExecutionId)) {
        if (step.StepStatus === "Succeeded" || step.StepStatus === "Failed" || step.StepStatus === "Stopped") continue;
        store.saveStep(execution.ExecutionId, { ...step, StepStatus: "Failed", EndTime: now, FailureReason: INTERRUPTED_REASON });
      }
      store.saveExecution({ ...execution, PipelineExecutionStatus: "Failed", FailureReason: INTERRUPTED_REASON, LastModifiedTime: now });
    }
  }

  /** `GET /logs/<execution id>/<step name>`: the step's log as text. `GET /ping`: liveness. */
  private extraRoutes(method: string | undefined, url: string | undefined, response: import("node:http").ServerResponse): boolean {
    if (method !== "GET" || !url) return false;
    if (url === "/ping") {
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ engine: "sagemaker-pipelines-local", root: this.context.store.root }));
      return true;
    }
    const match = /^\/logs\/([a-z0-9]+)\/([A-Za-z0-9_-]{1,64})$/.exec(url);
    if (!match) return false;
    const step = this.context.store.steps.get(match[1])?.get(match[2]);
    if (!step?.LogPath || !existsSync(step.LogPath)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("No log for this step.\n");
      return true;
    }
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(readFileSync(step.LogPath));
    return true;
  }
}
