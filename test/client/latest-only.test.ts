import { test } from "node:test";
import assert from "node:assert/strict";
import { LatestOnly } from "../../client/src/python/latest-only";

/** A job that runs until released or aborted, recording how it ended. */
function controllable(log: string[], name: string) {
  let release!: (value: string) => void;
  const job = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      release = (value) => {
        log.push(`end ${name}`);
        resolve(value);
      };
      signal.addEventListener("abort", () => {
        log.push(`abort ${name}`);
        reject(new Error(`${name} aborted`));
      });
    });
  return { job, release: (value: string) => release(value) };
}

test("LatestOnly: a newer request aborts the running job and starts only after it ended; one job per key at a time", async () => {
  const queue = new LatestOnly<string>();
  const log: string[] = [];
  const first = controllable(log, "first");
  const second = controllable(log, "second");
  const firstResult = queue.run("a.py", first.job);
  assert.equal(queue.busy("a.py"), true);
  const secondResult = queue.run("a.py", second.job);
  await assert.rejects(firstResult, /first aborted/);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log, ["start first", "abort first", "start second"]);
  second.release("two");
  assert.equal(await secondResult, "two");
  assert.equal(queue.busy("a.py"), false);
});

test("LatestOnly: a request superseded while it waits never runs (undefined); other keys run side by side", async () => {
  const queue = new LatestOnly<string>();
  const log: string[] = [];
  const first = controllable(log, "first");
  const middle = controllable(log, "middle");
  const last = controllable(log, "last");
  const other = controllable(log, "other");
  const firstResult = queue.run("a.py", first.job).catch(() => "rejected");
  const middleResult = queue.run("a.py", middle.job);
  const lastResult = queue.run("a.py", last.job);
  const otherResult = queue.run("b.py", other.job);
  assert.equal(await firstResult, "rejected");
  assert.equal(await middleResult, undefined);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log.filter((l) => l.startsWith("start")).sort(), ["start first", "start last", "start other"]);
  last.release("3");
  other.release("b");
  assert.deepEqual(await Promise.all([lastResult, otherResult]), ["3", "b"]);
});

test("LatestOnly: cancel and dispose abort the running job", async () => {
  const queue = new LatestOnly<string>();
  const log: string[] = [];
  const one = controllable(log, "one");
  const two = controllable(log, "two");
  const oneResult = queue.run("a.py", one.job);
  queue.cancel("a.py");
  await assert.rejects(oneResult, /one aborted/);
  const twoResult = queue.run("b.py", two.job);
  queue.dispose();
  await assert.rejects(twoResult, /two aborted/);
  assert.equal(queue.busy("a.py") || queue.busy("b.py"), false);
});
