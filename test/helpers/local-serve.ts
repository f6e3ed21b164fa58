import type { TestContext } from "node:test";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const cli = join(import.meta.dirname, "../../dist/cli.js");

export interface LocalServe {
  process: ChildProcess;
  endpoint: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

/**
 * `dist/cli.js local serve` on `store` (host runner, a free port) in a process of its own, resolved once it prints its
 * endpoint; SIGKILLed after the test unless it has ended.
 */
export function startLocalServe(t: TestContext, store: string, env: NodeJS.ProcessEnv = process.env, extraArgs: string[] = []): Promise<LocalServe> {
  const child = spawn(process.execPath, [cli, "local", "serve", "--port", "0", "--store", store, "--runner", "host", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local serve did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, endpoint: match[1], output: () => output });
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local serve exited (${code}):\n${output}`));
    });
  });
}

/** Polls state another process owns until `done` holds (no event reaches this process), with a deadline. */
export async function until<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
