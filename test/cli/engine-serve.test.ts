// dist/engine-serve.js, the extension's engine process, is `local serve` alone: the same options, the same line that
// gives the endpoint, the same refusal (exit 1, "already running") when another engine holds the store, whichever of
// the two started first, and the same stop on SIGTERM.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

const dist = join(import.meta.dirname, "../../dist");
const ENGINE_SERVE = [join(dist, "engine-serve.js")];
const LOCAL_SERVE = [join(dist, "cli.js"), "local", "serve"];

type Outcome = { endpoint: string; stop: () => Promise<{ code: number | null; output: string }> } | { code: number | null; output: string };

function start(t: TestContext, command: string[], args: string[]): Promise<Outcome> {
  const child = spawn(process.execPath, [...command, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<{ code: number | null; output: string }>((r) => child.once("close", (code) => r({ code, output })));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  return new Promise((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ endpoint: match[1], stop: () => (child.kill("SIGTERM"), exited) });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then(resolve);
  });
}

const serveArgs = (store: string) => ["--store", store, "--port", "0", "--runner", "host", "--no-network"];

for (const [first, second] of [
  [ENGINE_SERVE, LOCAL_SERVE],
  [LOCAL_SERVE, ENGINE_SERVE],
]) {
  const name = (command: string[]) => (command === ENGINE_SERVE ? "engine-serve.js" : "local serve");
  test(`engine-serve: ${name(first)} holds the store, ${name(second)} on it exits 1 naming the running one; SIGTERM stops it`, async (t) => {
    const store = join(tempDir(t, "smp-engine-serve-"), "store");
    const running = await start(t, first, serveArgs(store));
    assert.ok("endpoint" in running, `the first engine did not start: ${"output" in running ? running.output : ""}`);
    const refused = await start(t, second, serveArgs(store));
    assert.ok("code" in refused, "the second engine must not start");
    assert.equal(refused.code, 1);
    assert.match(refused.output, /already running/i);
    assert.ok(refused.output.includes(running.endpoint), refused.output);
    const stopped = await running.stop();
    assert.equal(stopped.code, 0);
    assert.match(stopped.output, /Stopping the local engine/);
  });
}

test("engine-serve: an unknown option is a usage error (exit 2)", async (t) => {
  const outcome = await start(t, ENGINE_SERVE, ["--port", "0", "--bogus"]);
  assert.ok("code" in outcome);
  assert.equal(outcome.code, 2);
  assert.match(outcome.output, /unknown option '--bogus'/);
});
