import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CreatePipelineCommand, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { readStoreHistory } from "../../engine/src";
import { ExecutionHistory } from "../../sagemaker/src";
import { tempDir } from "../helpers/temp";
import { abaloneLikeDefinition, startEngine, waitForExecution } from "./helpers";

const listing = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listing(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [`${e.name} ${statSync(join(dir, e.name)).mtimeMs}`],
  );

test("readStoreHistory: without an engine, the store's records give what the history reads over the API; nothing is written", async (t) => {
  const root = join(tempDir(t, "smp-history-"), "store");
  const running = await startEngine(root);
  running.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 1 } } }) } });
  let overApi;
  try {
    await running.client.send(
      new CreatePipelineCommand({
        PipelineName: "p",
        PipelineDefinition: abaloneLikeDefinition({ processCache: "P30D" }),
        RoleArn: "arn:aws:iam::000000000000:role/R",
      }),
    );
    for (let i = 0; i < 2; i++) {
      running.clock.now += 1000;
      const arn = (await running.client.send(new StartPipelineExecutionCommand({ PipelineName: "p" }))).PipelineExecutionArn!;
      await waitForExecution(running.client, arn);
    }
    overApi = await new ExecutionHistory().recent(running.client, "p", 20);
  } finally {
    running.client.destroy();
    await running.engine.close();
  }
  assert.deepEqual(
    overApi.map((e) => e.status),
    ["Succeeded", "Succeeded"],
  );
  assert.ok(
    Object.values(overApi[0].steps).some((s) => s.cacheHitFrom),
    "the second execution has a cache hit",
  );
  const before = listing(root);
  assert.deepEqual(readStoreHistory(root, "p", 20), overApi);
  assert.deepEqual(readStoreHistory(root, "p", 1), overApi.slice(0, 1));
  assert.deepEqual(readStoreHistory(root, "other", 20), []);
  assert.deepEqual(listing(root), before, "reading writes nothing");
  assert.ok(!existsSync(join(root, "engine.lock")));
});

test("readStoreHistory: a store that does not exist reads as no executions and is not created", (t) => {
  const missing = join(tempDir(t, "smp-history-"), "nothing-here");
  assert.deepEqual(readStoreHistory(missing, "p", 20), []);
  assert.equal(existsSync(missing), false);
});
