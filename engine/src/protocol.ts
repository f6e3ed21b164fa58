import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { ServiceError } from "./errors";

export type Operation = (input: Record<string, unknown>) => unknown | Promise<unknown>;
export type ExtraRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** True for 127.0.0.0/8, ::1 and localhost: the engine never listens anywhere else. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

/**
 * An HTTP server speaking the AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: SageMaker.<Operation>`
 * and a JSON body; errors as `{"__type": "...", "message": "..."}` with the type in `x-amzn-ErrorType`.
 * Signatures are not checked: the server is bound to the loopback interface.
 */
export function createProtocolServer(operations: Record<string, Operation>, extra?: ExtraRoute): Server {
  return createServer((request, response) => {
    if (extra?.(request, response)) return;
    if (request.method !== "POST") return sendError(response, 404, "UnknownOperationException", "Use POST with an X-Amz-Target header.");
    const target = String(request.headers["x-amz-target"] ?? "");
    const name = target.startsWith("SageMaker.") ? target.slice("SageMaker.".length) : "";
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (!operation) return sendError(response, 400, "UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`);
      if (size > MAX_BODY_BYTES) return sendError(response, 413, "ValidationException", "Request body too large.");
      let input: unknown;
      try {
        const text = Buffer.concat(chunks).toString("utf8");
        input = text.trim() ? JSON.parse(text) : {};
      } catch {
        return sendError(response, 400, "SerializationException", "The request body is not valid JSON.");
      }
      if (!input || typeof input !== "object" || Array.isArray(input))
        return sendError(response, 400, "SerializationException", "The request body must be a JSON object.");
      Promise.resolve()
        .then(() => operation(input as Record<string, unknown>))
        .then((output) => send(response, 200, output ?? {}))
        .catch((error: unknown) => {
          if (error instanceof ServiceError) return sendError(response, error.status, error.type, error.message);
          sendError(response, 500, "InternalFailure", `Internal error in the local engine: ${(error as Error)?.message ?? error}`);
        });
    });
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(text), "x-amzn-requestid": cryptoId() });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.setHeader("x-amzn-ErrorType", type);
  send(response, status, { __type: type, message });
}

function cryptoId(): string {
  return globalThis.crypto.randomUUID();
}
