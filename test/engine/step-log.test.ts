import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreatePipelineCommand, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { readLogRange } from "../../engine/src/log-range";
import { localConnection, openStepLog, type Connection } from "../../sagemaker/src";
import { splitLines } from "../../sagemaker/src/logs";
import { signedFetch } from "../helpers/sign";
import { tempDir } from "../helpers/temp";
import { abaloneLikeDefinition, startEngine, StepGate, waitForExecution, type TestEngine } from "./helpers";

let t: TestEngine;
let connection: Connection;
before(async () => {
  t = await startEngine();
  connection = localConnection(t.endpoint, t.engine.credentials);
});
after(async () => {
  connection.client.destroy();
  await t.engine.close();
});

async function startAbalone(name: string): Promise<string> {
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: `${name}-`.padEnd(32, "0"),
    }),
  );
  const started = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: name, ClientRequestToken: `${name}-run-`.padEnd(32, "0") }));
  return started.PipelineExecutionArn!;
}

test("local step log: read from the engine a part at a time (tail, Load Earlier), followed while the step runs, signed", async () => {
  const gate = new StepGate();
  t.runner.behaviour.set("Process", async (job) => {
    for (let i = 0; i < 6000; i++) job.log(`première ligne ${i}`);
    await gate.hold(job);
    job.log("after the gate");
    return { properties: {}, runner: "test" };
  });
  const arn = await startAbalone("logs-local");
  await gate.whenHeld(1);
  const opened = await openStepLog(connection, arn, () => ({ StepName: "Process", StepStatus: "Executing" }), {
    limits: { pageLines: 1000, maxLines: 20_000 },
  });
  const feed = opened.feed;
  await feed.refresh();
  let lines = feed.view().sections[0].lines;
  // 64 KiB from the end: whole lines only (the first, cut, is left out), multibyte text intact.
  assert.ok(lines.length > 500 && lines.length < 6000, `${lines.length} lines in the first part`);
  assert.equal(lines.at(-1), "première ligne 5999");
  assert.match(lines[0], /^première ligne \d+$/);
  assert.equal(feed.view().earlier, true);
  while (await feed.loadEarlier());
  lines = feed.view().sections[0].lines;
  assert.equal(lines[0], "première ligne 0");
  assert.deepEqual(
    lines.filter((l) => l.startsWith("première")),
    Array.from({ length: 6000 }, (_, i) => `première ligne ${i}`),
    "every line once, in order, across the parts",
  );
  assert.equal(feed.view().earlier, false);
  gate.open();
  await waitForExecution(t.client, arn);
  assert.equal(await feed.refresh(), true);
  assert.ok(feed.view().sections[0].lines.includes("after the gate"), "the new line is read by following");
  assert.equal(feed.view().error, undefined);
  t.runner.behaviour.delete("Process");
});

test("local step log: a step without a log yet is 'no log yet', not an error; the engine refuses unsigned reads", async () => {
  const opened = await openStepLog(connection, "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/nosuch", () => ({ StepName: "Nope" }));
  await opened.feed.refresh();
  const view = opened.feed.view();
  assert.equal(view.error, undefined);
  assert.equal(view.sections[0].empty, true);
  assert.equal((await fetch(`${t.endpoint}/logs/nosuch/Nope`, { headers: { range: "bytes=-10" } })).status, 403);
  assert.equal((await signedFetch(`${t.endpoint}/logs/nosuch/Nope`, t.engine.credentials, { headers: { range: "bytes=-10" } })).status, 404);
});

test("log ranges: bytes=A-B, A- and -N within the file; past its end 416; at most 1 MiB per answer", (c) => {
  const path = join(tempDir(c, "smp-range-"), "log.txt");
  writeFileSync(path, "");
  assert.deepEqual(readLogRange(path, "bytes=-10"), { status: 416, size: 0 });
  writeFileSync(path, "0123456789");
  const text = (range: string) => {
    const part = readLogRange(path, range);
    return part.status === 206 ? [part.bytes.toString(), part.start, part.end] : part.status;
  };
  assert.deepEqual(text("bytes=-4"), ["6789", 6, 9]);
  assert.deepEqual(text("bytes=-40"), ["0123456789", 0, 9]);
  assert.deepEqual(text("bytes=2-4"), ["234", 2, 4]);
  assert.deepEqual(text("bytes=7-"), ["789", 7, 9]);
  assert.deepEqual(text("bytes=10-"), 416);
  appendFileSync(path, "x".repeat(2 * 1024 * 1024));
  const big = readLogRange(path, "bytes=0-");
  assert.equal(big.status === 206 && big.bytes.length, 1024 * 1024);
});

test("split lines: offsets in bytes, a cut first line left out, an unfinished last line marked", () => {
  const bytes = Buffer.from("ut\nélan\nlast");
  const { lines, start } = splitLines(bytes, 100, true);
  assert.equal(start, 103);
  assert.deepEqual(lines, [
    { text: "élan", at: 103 },
    { text: "last", at: 109, open: true },
  ]);
  assert.deepEqual(splitLines(Buffer.from("no newline at all"), 5, true).lines, [{ text: "no newline at all", at: 5, open: true }]);
});
