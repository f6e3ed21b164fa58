import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { loadOrCreateCredentials, type LocalCredentials } from "./auth/credentials";
import type { EngineContext } from "./context";
import { DefinitionChecker } from "./definition-checker";
import { executionOperations } from "./operations/executions";
import { executionChangeOperations } from "./operations/execution-changes";
import { jobOperations } from "./operations/jobs";
import { pipelineVersionOperations } from "./operations/pipeline-versions";
import { pipelineOperations } from "./operations/pipelines";
import { tagOperations } from "./operations/tags";
import { StoreLock } from "./lock";
import { isNewStore, markStoreIgnored } from "./store-gitignore";
import { endOrphanProcesses } from "./processes";
import { createProtocolServer, isLoopback, type Operation } from "./protocol";
import type { StepRunner } from "./runners/runner";
import { Store } from "./store";
import type { StoreLog } from "./store-files";
import { validateRequest } from "./validate-request";
import { readLogRange } from "./log-range";

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
  /** Where the engine reports what it could not read from its store (damaged records); stderr unless given. */
  log?: StoreLog;
  /** How many bytes of request bodies the engine buffers at once, all requests together (default 32 MiB). */
  maxBufferedBodyBytes?: number;
}

export const INTERRUPTED_REASON = "The local engine stopped while this execution was running; it was marked Failed when the engine started again.";

/**
 * The local SageMaker Pipelines engine: the API over HTTP, the store, and the executions it runs. One engine per store:
 * the constructor takes the store's lock (`<store>/engine.lock`; EngineRunningError when a live engine holds it), and
 * only the lock holder recovers interrupted executions; `listen()` publishes the endpoint, `close()` releases both.
 */
export class LocalEngine {
  readonly context: EngineContext;
  /** The engine's own key pair (kept in the store folder): clients sign every request with it, as with AWS. */
  readonly credentials: LocalCredentials;
  private server?: Server;
  private readonly lock: StoreLock;

  constructor(private readonly options: EngineOptions) {
    const host = options.host ?? "127.0.0.1";
    if (!isLoopback(host)) throw new Error(`The local engine only listens on the loopback interface (127.0.0.1, ::1, localhost), not on '${host}'.`);
    const root = resolve(options.root);
    const newStore = isNewStore(root);
    // The store holds logs and records of the user's jobs: private to the user.
    mkdirSync(root, { recursive: true, mode: 0o700 });
    chmodSync(root, 0o700);
    if (newStore) markStoreIgnored(root);
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
    this.lock = StoreLock.acquire(root);
    let store: Store;
    try {
      this.credentials = loadOrCreateCredentials(root);
      store = new Store(root, log);
    } catch (error) {
      this.lock.release();
      throw error;
    }
    this.context = {
      store,
      runner: options.runner,
      runs: new Map(),
      region: options.region ?? "local",
      account: options.account ?? "000000000000",
      baseDir: resolve(options.baseDir ?? process.cwd()),
      now: options.now ?? Date.now,
      log,
      definitions: new DefinitionChecker(),
    };
    // Processes a crashed engine left running end before their steps are marked Failed.
    endOrphanProcesses(root);
    this.recoverInterruptedExecutions();
  }

  /** Each operation checks the request's nesting and structured members (validate-request.ts) before it reads them. */
  get operations(): Record<string, Operation> {
    const operations = {
      ...pipelineOperations(this.context),
      ...pipelineVersionOperations(this.context),
      ...tagOperations(this.context),
      ...executionOperations(this.context),
      ...executionChangeOperations(this.context),
      ...jobOperations(this.context),
    } as Record<string, Operation>;
    return Object.fromEntries(
      Object.entries(operations).map(([name, operation]): [string, Operation] => [
        name,
        (input) => {
          validateRequest(name, input);
          return operation(input);
        },
      ]),
    );
  }

  /** Starts listening; resolves with the endpoint URL (http://127.0.0.1:PORT). */
  async listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    const server = createProtocolServer({
      operations: this.operations,
      credentials: this.credentials,
      host,
      publicRoute: (request, response) => this.ping(request.method, request.url, response),
      signedRoute: (request, response) => this.logs(request.method, request.url, response, request.headers.range),
      maxBufferedBodyBytes: this.options.maxBufferedBodyBytes,
    });
    this.server = server;
    try {
      await new Promise<void>((done, fail) => {
        server.once("error", fail);
        server.listen(this.options.port ?? 0, host, () => done());
      });
    } catch (error) {
      this.lock.release();
      throw error;
    }
    const { port } = server.address() as AddressInfo;
    const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    this.lock.writeEndpoint(endpoint);
    return endpoint;
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
    await this.context.definitions.close();
    this.lock.release();
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

  /** `GET /ping`: liveness, the one answer that needs no signature (requests to the engine's own address only). */
  private ping(method: string | undefined, url: string | undefined, response: ServerResponse): boolean {
    if (method !== "GET" || url !== "/ping") return false;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ engine: "sagemaker-pipelines-local", root: this.context.store.root }));
    return true;
  }

  /** `GET /logs/<execution id>/<step name>` (signed): the step's log as text, or a part of it (`Range: bytes=…`). */
  private logs(method: string | undefined, url: string | undefined, response: ServerResponse, range?: string): boolean {
    if (method !== "GET" || !url) return false;
    const match = /^\/logs\/([a-z0-9]+)\/([A-Za-z0-9_-]{1,64})$/.exec(url);
    if (!match) return false;
    const step = this.context.store.steps.get(match[1])?.get(match[2]);
    if (!step?.LogPath || !existsSync(step.LogPath)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("No log for this step.\n");
      return true;
    }
    if (range === undefined) {
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "accept-ranges": "bytes" }).end(readFileSync(step.LogPath));
      return true;
    }
    const part = readLogRange(step.LogPath, range);
    if (part.status === 416) response.writeHead(416, { "content-range": `bytes */${part.size}` }).end();
    else
      response.writeHead(206, { "content-type": "text/plain; charset=utf-8", "content-range": `bytes ${part.start}-${part.end}/${part.size}` }).end(part.bytes);
    return true;
  }
}
