import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  MessageType,
  type PublishDiagnosticsParams,
  type Position,
  type Range,
} from "vscode-languageserver-protocol/node";
import assert from "node:assert/strict";
// The product's protocol types (protocol/src), as opposed to this test client's newer protocol copy.
import type { NotificationType, RequestType, RequestType0 } from "vscode-languageserver-protocol";
import { LineIndex } from "../../core/src";
import { SERVER_ENV, SERVER_EXEC_ARGV } from "../../protocol/src";

export const CURSOR = "‸";

/** A document with one cursor marker `‸`: the text without it and the marker's position. */
export function cursor(source: string): { text: string; position: Position; offset: number } {
  const offset = source.indexOf(CURSOR);
  if (offset < 0 || source.indexOf(CURSOR, offset + 1) >= 0) throw new Error("exactly one ‸ cursor marker expected");
  const text = source.slice(0, offset) + source.slice(offset + CURSOR.length);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

/**
 * A real LSP client over stdio, talking to the bundled server (dist/server.js): what an editor does.
 * `settings` is what the client answers to workspace/configuration.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  settings: Record<string, unknown> = { rules: {}, validationDelay: 0, codeLens: true };
  private readonly server: ChildProcess;
  private readonly published: PublishDiagnosticsParams[] = [];
  /**
   * What the server wrote to its output channel as errors (the language service's internal errors, failed
   * validations) and every published diagnostic that says a rule crashed. `stop()` fails the test when any is there.
   */
  readonly internalErrors: string[] = [];
  /** What the server wrote to its output channel as warnings (e.g. a malformed message it ignored). */
  readonly warnings: string[] = [];
  private waiters: Array<() => boolean> = [];
  private versions = new Map<string, number>();
  private counter = 0;

  private constructor(execArgv: string[] = []) {
    // Started as the extension starts it (protocol/src/server-process.ts), with the test's node options after.
    this.server = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...execArgv, join(import.meta.dirname, "../../dist/server.js"), "--stdio"], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, ...SERVER_ENV },
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.server.stdout!), new StreamMessageWriter(this.server.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      for (const d of params.diagnostics)
        if (/Internal error/.test(typeof d.message === "string" ? d.message : d.message.value))
          this.internalErrors.push(`${params.uri}: diagnostic ${String(d.code)}: ${d.message}`);
      this.published.push(params);
      this.waiters = this.waiters.filter((waiter) => !waiter());
    });
    this.connection.onNotification("window/logMessage", (params: { type: number; message: string }) => {
      if (params.type === MessageType.Error) this.internalErrors.push(params.message);
      if (params.type === MessageType.Warning) this.warnings.push(params.message);
    });
    this.connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/codeLens/refresh", () => null);
    this.connection.listen();
  }

  /**
   * `execArgv`: node options for the server process (e.g. a heap limit). `itemDefaults`: the client takes a completion
   * list's default edit range, as VS Code's does (the server then answers a CompletionList instead of an array).
   */
  static async start(execArgv: string[] = [], { itemDefaults = false } = {}): Promise<LspClient> {
    const client = new LspClient(execArgv);
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        textDocument: {
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...(itemDefaults
            ? { completion: { completionList: { itemDefaults: ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"] } } }
            : {}),
        },
      },
    });
    await client.connection.sendNotification("initialized", {});
    return client;
  }

  /** Opens a new document (a fresh URI each call unless given) and returns its URI. */
  async open(text: string, uri = `file:///tmp/test-${++this.counter}.pipeline.json`): Promise<string> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sagemaker-pipeline", version: 1, text } });
    return uri;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** A custom request of protocol/src, typed by its object. */
  send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  send<R>(type: RequestType0<R, void>): Promise<R>;
  send(type: { method: string }, params?: unknown): Promise<unknown> {
    return params === undefined ? this.connection.sendRequest(type.method) : this.connection.sendRequest(type.method, params);
  }

  /** A custom notification of protocol/src, typed by its object. */
  notify<P>(type: NotificationType<P>, params: P): Promise<void> {
    return this.connection.sendNotification(type.method, params);
  }

  /** Waits for (and consumes) the next diagnostics published for `uri` that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), timeoutMs);
      const check = () => {
        const found = this.published.find((p) => p.uri === uri && predicate(p));
        if (!found) return false;
        clearTimeout(timer);
        this.published.splice(this.published.indexOf(found), 1);
        resolve(found);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  /** The server's process id (for memory readings) and whether it is still running. */
  get pid(): number | undefined {
    return this.server.pid;
  }

  get alive(): boolean {
    return this.server.exitCode === null && this.server.signalCode === null;
  }

  /** Every diagnostics notification received for `uri` and not consumed yet, in order of arrival. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** Sends incremental changes (ranges), as an editor does; returns the new version. */
  async edit(uri: string, changes: Array<{ range: Range; text: string }>): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /**
   * Sends one version per element of `edits` (each its incremental changes), as one write to the server's stdin: the
   * server reads them in one chunk, as it would a burst of typing, whatever the load. Returns the new versions.
   */
  async editInOneWrite(uri: string, edits: Array<Array<{ range: Range; text: string }>>): Promise<number[]> {
    const versions: number[] = [];
    const frames = edits.map((changes) => {
      const version = (this.versions.get(uri) ?? 0) + 1;
      this.versions.set(uri, version);
      versions.push(version);
      const body = Buffer.from(
        JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: changes } }),
        "utf8",
      );
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
    });
    await new Promise<void>((resolve, reject) => this.server.stdin!.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve())));
    return versions;
  }

  discardPublished(): void {
    this.published.length = 0;
  }

  /** Fails (the test) when the server reported an internal error. */
  assertNoInternalErrors(): void {
    assert.deepEqual(this.internalErrors.slice(0, 5), [], `the server reported ${this.internalErrors.length} internal error(s)`);
  }

  /** Stops the server, then fails when it reported an internal error during the test. */
  async stop(): Promise<void> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    this.connection.dispose();
    this.server.kill();
    this.assertNoInternalErrors();
  }
}
