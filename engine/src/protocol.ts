import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP, type AddressInfo } from "node:net";
import type { LocalCredentials } from "./auth/credentials";
import { isOwnAddressWithoutOrigin } from "./auth/request-origin";
import { checkSignatureClaim, isAuthFailure, verifySignature, type SignatureClaim } from "./auth/signature";
import { BodyBudget, type BodyReservation } from "./body-budget";
import { ServiceError } from "./errors";

export type Operation = (input: Record<string, unknown>) => unknown | Promise<unknown>;
export type ExtraRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

/** One request body at most. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** All request bodies buffered at once, across concurrent requests. */
export const MAX_BUFFERED_BODY_BYTES = 32 * 1024 * 1024;

/** True for 127.0.0.0/8, ::1 and localhost: the engine never listens anywhere else. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

export interface ProtocolServerOptions {
  operations: Record<string, Operation>;
  /** The engine's key pair: every request but `publicRoute`'s must be signed with it (AWS Signature Version 4). */
  credentials: LocalCredentials;
  /** The address the server listens on (also accepted in `Host`). */
  host: string;
  /** Answered without a signature, after the address check (liveness). */
  publicRoute?: ExtraRoute;
  /** Answered for signed requests only, before the API (e.g. `GET /logs/...`). */
  signedRoute?: ExtraRoute;
  maxBufferedBodyBytes?: number;
  now?: () => number;
}

/**
 * An HTTP server speaking the AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: SageMaker.<Operation>`
 * and a JSON body; errors as `{"__type": "...", "message": "..."}` with the type in `x-amzn-ErrorType`.
 * In order: requests not addressed to the engine's own address, or with an `Origin`, are refused; then requests
 * not signed with the engine's key; bodies are buffered within a budget shared by all requests.
 */
export function createProtocolServer(options: ProtocolServerOptions): Server {
  const budget = new BodyBudget(options.maxBufferedBodyBytes ?? MAX_BUFFERED_BODY_BYTES);
  const now = options.now ?? Date.now;
  const handle = (request: IncomingMessage, response: ServerResponse, expectsContinue: boolean) => {
    const port = (server.address() as AddressInfo | null)?.port ?? -1;
    if (!isOwnAddressWithoutOrigin(request.headers, port, options.host))
      return refuse(
        request,
        response,
        403,
        "AccessDeniedException",
        `The local engine answers only requests to 127.0.0.1:${port}, localhost:${port} or [::1]:${port} that carry no Origin header.`,
      );
    if (options.publicRoute?.(request, response)) return;
    const claim = checkSignatureClaim(request.headers, options.credentials, now());
    if (isAuthFailure(claim)) return refuse(request, response, claim.status, claim.type, claim.message);
    const reservation = budget.open();
    response.once("close", reservation.release);
    request.once("close", () => {
      if (!request.complete) reservation.release();
    });
    const declared = request.headers["content-length"] === undefined ? undefined : Number(request.headers["content-length"]);
    if (declared !== undefined && declared > MAX_BODY_BYTES) return refuse(request, response, 413, "ValidationException", "Request body too large.");
    if (declared !== undefined && !reservation.grow(declared)) return refuse(request, response, 503, "ThrottlingException", busyMessage);
    if (expectsContinue) response.writeContinue();
    readBody(request, reservation, declared !== undefined, (body) => {
      if (typeof body === "string") reservation.release();
      if (body === "too-large") return sendError(response, 413, "ValidationException", "Request body too large.");
      if (body === "throttled") return sendError(response, 503, "ThrottlingException", busyMessage);
      void answerSigned(request, response, body, claim, reservation);
    });
  };
  const answerSigned = async (request: IncomingMessage, response: ServerResponse, body: Buffer, claim: SignatureClaim, reservation: BodyReservation) => {
    const failure = await verifySignature(claim, { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body }, options.credentials);
    if (failure) {
      reservation.release();
      return sendError(response, failure.status, failure.type, failure.message);
    }
    if (options.signedRoute?.(request, response)) return reservation.release();
    answerOperation(request, response, body, options.operations, reservation);
  };
  const server = createServer((request, response) => handle(request, response, false));
  server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) => handle(request, response, true));
  return server;
}

const busyMessage = "The local engine is holding too many request bodies at once; retry shortly.";

/** Answers before reading the body; the body is then read and discarded, never buffered. */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, type: string, message: string): void {
  sendError(response, status, type, message);
  request.resume();
}

/** Buffers the body: with a declared length it is already reserved; otherwise each chunk is reserved as it comes. */
function readBody(request: IncomingMessage, reservation: BodyReservation, reserved: boolean, done: (body: Buffer | "too-large" | "throttled") => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failure: "too-large" | "throttled" | undefined;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (failure) return;
    if (size > MAX_BODY_BYTES) failure = "too-large";
    else if (!reserved && !reservation.grow(chunk.length)) failure = "throttled";
    if (failure) {
      chunks.length = 0;
      reservation.release();
    } else chunks.push(chunk);
  });
  request.on("end", () => done(failure ?? Buffer.concat(chunks)));
}

function answerOperation(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  operations: Record<string, Operation>,
  reservation: BodyReservation,
): void {
  if (request.method !== "POST") return sendError(response, 404, "UnknownOperationException", "Use POST with an X-Amz-Target header.");
  const target = String(request.headers["x-amz-target"] ?? "");
  const name = target.startsWith("SageMaker.") ? target.slice("SageMaker.".length) : "";
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (!operation) return sendError(response, 400, "UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`);
  let input: unknown;
  try {
    const text = body.toString("utf8");
    input = text.trim() ? JSON.parse(text) : {};
  } catch {
    return sendError(response, 400, "SerializationException", "The request body is not valid JSON.");
  } finally {
    reservation.release();
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
