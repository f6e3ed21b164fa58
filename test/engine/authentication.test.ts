/**
 * The local engine authenticates like AWS: only requests addressed to its own address, without an Origin header,
 * signed (AWS Signature Version 4) with its own key pair are answered; the SDK surfaces each refusal by its AWS name.
 */
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { ListPipelinesCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { signedCall, signedFetch, signedHeaders, type KeyPair } from "../helpers/sign";
import { startEngine, type TestEngine } from "./helpers";

let t: TestEngine;
let port: number;
before(async () => {
  t = await startEngine();
  port = Number(new URL(t.endpoint).port);
});
after(async () => t.engine.close());

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (Host included), over a plain socket to the engine. */
function raw(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path ?? "/", headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const LIST = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "SageMaker.ListPipelines" };

/** A correctly signed ListPipelines, as sent to `host`. */
async function signedList(host: string, extra: Record<string, string> = {}) {
  const headers = await signedHeaders(`http://${host}/`, t.engine.credentials, { method: "POST", headers: { ...LIST, ...extra }, body: "{}" });
  return raw({ headers: { ...headers, host }, body: "{}" });
}

const errorType = (response: RawResponse) => ({ status: response.status, type: response.headers["x-amzn-errortype"], body: JSON.parse(response.body).__type });

const sdk = (credentials: KeyPair, extra: Partial<ConstructorParameters<typeof SageMakerClient>[0]> = {}) =>
  new SageMakerClient({ endpoint: t.endpoint, region: "eu-west-3", credentials, maxAttempts: 1, ...extra });

async function sdkError(client: SageMakerClient): Promise<{ name: string; status?: number; message: string }> {
  try {
    await client.send(new ListPipelinesCommand({}));
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  } finally {
    client.destroy();
  }
  assert.fail("the request was answered");
}

test("auth: a client signed with the engine's key pair is answered, in any region", async () => {
  const client = sdk(t.engine.credentials);
  const answer = await client.send(new ListPipelinesCommand({}));
  client.destroy();
  assert.deepEqual(answer.PipelineSummaries, []);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) assert.equal((await signedList(host)).status, 200, host);
});

test("auth: another Host (DNS rebinding) or any Origin header is refused before anything else", async () => {
  for (const host of [`attacker.example:${port}`, `127.0.0.1:${port + 1}`, "127.0.0.1", `localhost.attacker.example:${port}`]) {
    assert.deepEqual(errorType(await signedList(host)), { status: 403, type: "AccessDeniedException", body: "AccessDeniedException" }, host);
  }
  for (const origin of [`http://attacker.example:${port}`, `http://127.0.0.1:${port}`, "null"]) {
    assert.deepEqual(errorType(await signedList(`127.0.0.1:${port}`, { origin })), {
      status: 403,
      type: "AccessDeniedException",
      body: "AccessDeniedException",
    });
  }
  // The liveness answer and the logs too.
  assert.equal((await raw({ method: "GET", path: "/ping", headers: { host: `attacker.example:${port}` } })).status, 403);
  assert.equal((await raw({ method: "GET", path: "/ping", headers: { host: `127.0.0.1:${port}`, origin: "http://attacker.example" } })).status, 403);
  const logs = await signedHeaders(`http://attacker.example:${port}/logs/nosuch/Step`, t.engine.credentials);
  assert.equal((await raw({ method: "GET", path: "/logs/nosuch/Step", headers: { ...logs, host: `attacker.example:${port}` } })).status, 403);
  assert.equal((await raw({ method: "GET", path: "/ping", headers: { host: `127.0.0.1:${port}` } })).status, 200, "the engine's own address still answers");
});

test("auth: an unsigned request or log read is refused with UnrecognizedClientException", async () => {
  const unsigned = await raw({ headers: { ...LIST, host: `127.0.0.1:${port}` }, body: "{}" });
  assert.deepEqual(errorType(unsigned), { status: 403, type: "UnrecognizedClientException", body: "UnrecognizedClientException" });
  const logs = await fetch(`${t.endpoint}/logs/nosuch/Step`);
  assert.equal(logs.status, 403);
  assert.equal(logs.headers.get("x-amzn-errortype"), "UnrecognizedClientException");
  assert.equal((await signedFetch(`${t.endpoint}/logs/nosuch/Step`, t.engine.credentials)).status, 404, "signed, it is answered");
});

test("auth: the SDK surfaces a wrong secret, an unknown key id and a stale or future date by their AWS names", async () => {
  const { accessKeyId, secretAccessKey } = t.engine.credentials;
  const wrongSecret = await sdkError(sdk({ accessKeyId, secretAccessKey: `${secretAccessKey.slice(1)}x` }));
  assert.equal(wrongSecret.name, "InvalidSignatureException");
  assert.equal(wrongSecret.status, 403);
  assert.match(wrongSecret.message, /signature we calculated does not match/);
  const unknownKey = await sdkError(sdk({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey }));
  assert.deepEqual([unknownKey.name, unknownKey.status], ["UnrecognizedClientException", 403]);
  const stale = await sdkError(sdk(t.engine.credentials, { systemClockOffset: -16 * 60 * 1000 }));
  assert.deepEqual([stale.name, stale.status], ["InvalidSignatureException", 403]);
  assert.match(stale.message, /Signature expired/);
  const future = await sdkError(sdk(t.engine.credentials, { systemClockOffset: 16 * 60 * 1000 }));
  assert.match(`${future.name}: ${future.message}`, /InvalidSignatureException: Signature not yet current/);
  // Within the allowed skew, it is answered.
  const skewed = sdk(t.engine.credentials, { systemClockOffset: -14 * 60 * 1000 });
  assert.ok((await skewed.send(new ListPipelinesCommand({}))).PipelineSummaries);
  skewed.destroy();
});

test("auth: another service's scope, a malformed Authorization header and a body other than the signed one are refused", async () => {
  const key = t.engine.credentials;
  const otherService = await signedFetch(t.endpoint, key, { method: "POST", headers: LIST, body: "{}", service: "s3" });
  assert.deepEqual([otherService.status, otherService.headers.get("x-amzn-errortype")], [403, "InvalidSignatureException"]);
  const malformed = await fetch(t.endpoint, {
    method: "POST",
    headers: { ...LIST, authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}` },
    body: "{}",
  });
  assert.deepEqual([malformed.status, malformed.headers.get("x-amzn-errortype")], [403, "IncompleteSignatureException"]);
  const headers = await signedHeaders(t.endpoint, key, { method: "POST", headers: LIST, body: `{"MaxResults": 1}` });
  const tampered = await raw({ headers: { ...headers, host: `127.0.0.1:${port}` }, body: `{"MaxResults": 9}` });
  assert.deepEqual(errorType(tampered), { status: 403, type: "InvalidSignatureException", body: "InvalidSignatureException" });
  const replayedTarget = await raw({
    headers: { ...headers, host: `127.0.0.1:${port}`, "x-amz-target": "SageMaker.DeletePipeline" },
    body: `{"MaxResults": 1}`,
  });
  assert.equal(errorType(replayedTarget).type, "InvalidSignatureException", "a signed header cannot be changed");
  assert.equal((await signedCall(t.endpoint, key, "SageMaker.ListPipelines", "{}")).status, 200);
});
