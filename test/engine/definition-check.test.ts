/**
 * CreatePipeline and UpdatePipeline check the definition in a worker thread (dist/definition-check.js): the engine's
 * event loop answers other requests meanwhile, the verdicts are the analysis's, and requests that overlap the wait
 * still see one pipeline per name and every version.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { CreatePipelineCommand, ListPipelinesCommand, ListPipelineVersionsCommand, UpdatePipelineCommand } from "@aws-sdk/client-sagemaker";
import { startEngine, type TestEngine } from "./helpers";
import { twoStepDefinition } from "./store-fixtures";
import { generatePipelineText } from "../helpers/generate-pipeline";

const ROLE = "arn:aws:iam::123456789012:role/Role";
let t: TestEngine;
before(async () => {
  t = await startEngine();
});
after(async () => t.engine.close());

/** Resolves when the engine has begun checking a definition (the request's body is read by then). */
function checkStarted(): Promise<void> {
  const checker = t.engine.context.definitions;
  const original = checker.refusal.bind(checker);
  return new Promise((resolve) => {
    checker.refusal = (definition: string) => {
      checker.refusal = original;
      const pending = original(definition);
      resolve();
      return pending;
    };
  });
}

test("definition check: a large definition is checked off the event loop: a ListPipelines sent meanwhile is answered first", async () => {
  assert.ok(t.engine.context.definitions.inWorker, "the worker's bundle is built (npm test builds before the tests)");
  const definition = generatePipelineText(600);
  assert.ok(definition.length > 500_000 && definition.length <= 1_048_576, `${definition.length} characters`);
  const answered: string[] = [];
  const started = checkStarted();
  const create = t.client
    .send(new CreatePipelineCommand({ PipelineName: "large", PipelineDefinition: definition, RoleArn: ROLE }))
    .then(() => answered.push("create"));
  await started;
  const list = t.client.send(new ListPipelinesCommand({})).then(() => answered.push("list"));
  await Promise.all([create, list]);
  assert.deepEqual(answered, ["list", "create"]);
});

test("definition check: the worker's verdict is the analysis's, as a ValidationException with the first error's place", async () => {
  const parsed = JSON.parse(twoStepDefinition());
  parsed.Steps[0].Type = "Processin";
  const broken = JSON.stringify(parsed);
  await assert.rejects(t.client.send(new CreatePipelineCommand({ PipelineName: "broken", PipelineDefinition: broken, RoleArn: ROLE })), (error: Error) => {
    assert.equal(error.name, "ValidationException");
    assert.match(error.message, /^Unable to parse pipeline definition\. .* at line \d+, column \d+/);
    return true;
  });
  const names = ((await t.client.send(new ListPipelinesCommand({}))).PipelineSummaries ?? []).map((p) => p.PipelineName);
  assert.ok(!names.includes("broken"), "nothing created");
});

test("definition check: two creates of one name that overlap the check make one pipeline; overlapping updates keep every version", async () => {
  const create = (token: string) =>
    t.client.send(new CreatePipelineCommand({ PipelineName: "twice", PipelineDefinition: twoStepDefinition(), RoleArn: ROLE, ClientRequestToken: token }));
  const results = await Promise.allSettled([create("token-a-0000000000000000000000"), create("token-b-0000000000000000000000")]);
  assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
  const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  assert.match(refused.reason.message, /Pipeline with name \(twice\) already exists/);

  const update = (first: string) => t.client.send(new UpdatePipelineCommand({ PipelineName: "twice", PipelineDefinition: twoStepDefinition({ first }) }));
  const versions = (await Promise.all([update("A"), update("B")])).map((r) => r.PipelineVersionId).sort();
  assert.deepEqual(versions, [2, 3]);
  const listed = (await t.client.send(new ListPipelineVersionsCommand({ PipelineName: "twice" }))).PipelineVersionSummaries ?? [];
  assert.deepEqual(listed.map((v) => v.PipelineVersionId).sort(), [1, 2, 3]);
});
