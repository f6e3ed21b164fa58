import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { LocalEngine } from "../../engine/src/engine";
import { ObjectStore, PathEscapeError } from "../../engine/src/object-store";
import { isLoopback } from "../../engine/src/protocol";
import { signedCall, signedFetch } from "../helpers/sign";
import { tempDir } from "../helpers/temp";
import { RecordingRunner, startEngine, type TestEngine } from "./helpers";

let t: TestEngine;
before(async () => (t = await startEngine()));
after(async () => t.engine.close());

const call = (target: string | undefined, body: string) => signedCall(t.endpoint, t.engine.credentials, target, body);

test("protocol: malformed and odd requests get an error response, never a crash", async () => {
  assert.deepEqual((await call("SageMaker.DescribePipeline", "{not json")).body.__type, "SerializationException");
  assert.deepEqual((await call("SageMaker.DescribePipeline", "[1]")).body.__type, "SerializationException");
  assert.deepEqual((await call("SageMaker.DescribePipeline", "{}")).body.__type, "ValidationException");
  assert.match(
    (await call("SageMaker.DescribePipeline", "{}")).body.message ?? "",
    /Value at 'pipelineName' failed to satisfy constraint: Member must not be null/,
  );
  assert.deepEqual((await call("SageMaker.DescribePipeline", `{"PipelineName": 5}`)).body.__type, "ValidationException");
  assert.deepEqual((await call("SageMaker.NoSuchThing", "{}")).body.__type, "UnknownOperationException");
  assert.deepEqual((await call("SageMaker.constructor", "{}")).body.__type, "UnknownOperationException");
  assert.deepEqual((await call(undefined, "{}")).body.__type, "UnknownOperationException");
  const bad = await call("SageMaker.StartPipelineExecution", `{"PipelineName": "x", "SelectiveExecutionConfig": "nope"}`);
  assert.equal(bad.status, 400);
  const listed = await call("SageMaker.ListPipelines", `{"NextToken": "garbage"}`);
  assert.equal(listed.body.__type, "ValidationException");
  // Still serving.
  assert.equal((await call("SageMaker.ListPipelines", "{}")).status, 200);
});

test("protocol: the engine refuses to listen anywhere but the loopback interface", (c) => {
  const root = tempDir(c, "smp-bind-");
  for (const host of ["0.0.0.0", "192.168.1.10", "::", "example.com"]) {
    assert.throws(() => new LocalEngine({ root, runner: new RecordingRunner(), host }), /only listens on the loopback interface/);
  }
  assert.ok(isLoopback("127.0.0.1") && isLoopback("::1") && isLoopback("localhost") && isLoopback("127.0.0.2"));
});

test("object store: s3 keys map inside the store, and keys that escape it are refused", (c) => {
  const root = tempDir(c, "smp-store-");
  const store = new ObjectStore(root, "/work/defs");
  assert.equal(store.localPath("s3://bucket/a/b.csv"), join(root, "bucket/a/b.csv"));
  assert.equal(store.localPath("data/x.csv"), "/work/defs/data/x.csv");
  assert.equal(store.uriOf(join(root, "bucket/a")), "s3://bucket/a");
  for (const uri of ["s3://bucket/../../etc/passwd", "s3://../x", "s3:///abs", "https://example.com/x"]) {
    assert.throws(() => store.localPath(uri), PathEscapeError, uri);
  }
});

test("logs: a step's log is served at /logs/<execution>/<step>; unknown ones are 404", async () => {
  const response = await signedFetch(`${t.endpoint}/logs/nosuch/Step`, t.engine.credentials);
  assert.equal(response.status, 404);
  const ping = (await (await fetch(`${t.endpoint}/ping`)).json()) as { engine: string };
  assert.equal(ping.engine, "sagemaker-pipelines-local");
});
