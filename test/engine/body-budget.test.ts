/**
 * The engine buffers at most MAX_BUFFERED_BODY_BYTES of request bodies at once, across all requests: a request that
 * would go over is answered `ThrottlingException` (503) without being buffered, and what a request held is given
 * back when it is answered or aborted. `Expect: 100-continue` tells the test when the engine has admitted a body.
 */
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest, type ClientRequest } from "node:http";
import { ListPipelinesCommand } from "@aws-sdk/client-sagemaker";
import { MAX_BODY_BYTES, MAX_BUFFERED_BODY_BYTES } from "../../engine/src";
import { signedHeaders } from "../helpers/sign";
import { startEngine, type TestEngine } from "./helpers";

let t: TestEngine;
let port: number;
before(async () => {
  t = await startEngine();
  port = Number(new URL(t.endpoint).port);
});
after(async () => t.engine.close());

const LIST = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "SageMaker.ListPipelines" };
/** Whitespace is an empty JSON request: ListPipelines answers it. */
const FULL_BODY = Buffer.alloc(MAX_BODY_BYTES, " ");

interface Held {
  request: ClientRequest;
  /** "continue" once the engine has admitted the body, else the status it answered. */
  admitted: Promise<"continue" | number>;
  /** The status of the answer (after the body is sent). */
  answered: Promise<number>;
}

async function hold(length = FULL_BODY.length, body = FULL_BODY): Promise<Held> {
  const headers = await signedHeaders(t.endpoint, t.engine.credentials, { method: "POST", headers: LIST, body });
  const request = httpRequest({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/",
    headers: { ...headers, "content-length": String(length), expect: "100-continue" },
  });
  let answer: (status: number) => void = () => undefined;
  const answered = new Promise<number>((resolve) => (answer = resolve));
  const admitted = new Promise<"continue" | number>((resolve, reject) => {
    request.once("continue", () => resolve("continue"));
    request.once("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      answer(response.statusCode ?? 0);
    });
    request.once("error", reject);
  });
  request.flushHeaders();
  return { request, admitted, answered };
}

async function listPipelines(): Promise<string> {
  try {
    await t.client.send(new ListPipelinesCommand({}));
    return "ok";
  } catch (error) {
    return `${(error as Error).name} ${(error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode}`;
  }
}

test("body budget: bodies held at once are capped across requests; answered and aborted requests give their share back", async (c) => {
  const held: Held[] = [];
  c.after(() => held.forEach((h) => h.request.destroy()));
  const count = MAX_BUFFERED_BODY_BYTES / MAX_BODY_BYTES;
  assert.ok(Number.isInteger(count) && count >= 2);
  for (let i = 0; i < count; i++) held.push(await hold());
  for (const h of held) assert.equal(await h.admitted, "continue");

  // The budget is spent: a small request, a chunked one and another large one are refused, by their AWS name.
  assert.equal(await listPipelines(), "ThrottlingException 503");
  const chunked = await signedHeaders(t.endpoint, t.engine.credentials, { method: "POST", headers: LIST, body: "{}" });
  const chunkedStatus = await new Promise<number>((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/", headers: { ...chunked, "transfer-encoding": "chunked" } }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    request.on("error", reject);
    request.write("{");
    request.end("}");
  });
  assert.equal(chunkedStatus, 503);
  const refused = await hold();
  assert.equal(await refused.admitted, 503);

  // One held request sends its body and is answered: its share is back before its answer.
  held[0].request.end(FULL_BODY);
  assert.equal(await held[0].answered, 200);
  assert.equal(await listPipelines(), "ok");

  // An aborted request gives its share back too: two more full bodies fit once it is gone.
  held[1].request.destroy();
  held.push(await hold());
  assert.equal(await held.at(-1)!.admitted, "continue");
  let last: "continue" | number = 0;
  for (let attempt = 0; attempt < 50 && last !== "continue"; attempt++) {
    const next = await hold(); // the engine may see the new connection before the aborted one's end
    held.push(next);
    last = await next.admitted;
  }
  assert.equal(last, "continue", "the aborted request's share was never released");
  assert.equal(await listPipelines(), "ThrottlingException 503");
});

test("body budget: one body over the per-request limit is refused (413) before it is read", async () => {
  const tooLarge = await hold(MAX_BODY_BYTES + 1);
  assert.equal(await tooLarge.admitted, 413);
  tooLarge.request.destroy();
  assert.equal(await listPipelines(), "ok");
});
