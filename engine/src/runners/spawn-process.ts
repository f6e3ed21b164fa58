import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { StepJobError, StepStoppedError } from "./runner";

/** Spawns a process (no shell), streams its output to the step's log, and stops it on abort or timeout. */

export interface SpawnRequest {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  log(line: string): void;
  onLine?(line: string): void;
  maxRuntimeSeconds?: number;
  /** Milliseconds between SIGTERM and SIGKILL when the process is stopped. */
  killGraceMs: number;
  /** Extra clean-up when the process is stopped (e.g. `docker kill`). */
  onStop?(): void;
  /** Called with the pid of the process (it leads its own group); the returned function is called when the group is gone. */
  trackProcess?(pid: number): () => void;
  /** The command line for messages, when it is not `command` + `args` (e.g. inside a sandbox). */
  display?: string[];
  /** Maps an exit code to an exception type (e.g. docker's 125); undefined = a user error. */
  exitExceptionType?(code: number): string | undefined;
}

const STDERR_TAIL = 20;

/**
 * Every line of a job's output is written to the step's log behind this prefix, so no output can pass for one of the
 * engine's own lines (which never start with it, and never span lines).
 */
export const OUTPUT_PREFIX = "| ";

/** A command line for the log: plain words as they are, anything else (spaces, quotes, newlines) as a JSON string. */
export function commandLine(argv: string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(" ");
}
const REASON_LIMIT = 1024;
/** How long a job's output may still arrive after its main process has ended. */
export const OUTPUT_DRAIN_MS = 3000;

export function spawnLogged(request: SpawnRequest): Promise<void> {
  if (request.signal.aborted) return Promise.reject(new StepStoppedError("The execution was stopped before the job started."));
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      // detached: the child leads a new process group, so stopping it also stops what it started.
      child = spawn(request.command, request.args, { cwd: request.cwd, env: request.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      reject(startFailure(request.command, error));
      return;
    }
    const untrack = child.pid !== undefined ? request.trackProcess?.(child.pid) : undefined;
    const tail: string[] = [];
    let stopReason: "stopped" | "timeout" | undefined;
    let startError: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const lines = (stream: Readable, keep: boolean) =>
      new Promise<void>((done) => {
        const reader = createInterface({ input: stream, crlfDelay: Infinity });
        reader.on("line", (line) => {
          request.log(`${OUTPUT_PREFIX}${line}`);
          request.onLine?.(line);
          if (keep) {
            tail.push(line);
            if (tail.length > STDERR_TAIL) tail.shift();
          }
        });
        reader.on("close", done);
        stream.once("close", done);
      });
    const streams = Promise.all([lines(child.stdout!, false), lines(child.stderr!, true)]);

    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (reason: "stopped" | "timeout") => {
      if (stopReason) return;
      stopReason = reason;
      request.onStop?.();
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => signalGroup("SIGKILL"), request.killGraceMs);
    };
    const onAbort = () => stop("stopped");
    request.signal.addEventListener("abort", onAbort, { once: true });
    const runtimeTimer = request.maxRuntimeSeconds !== undefined ? setTimeout(() => stop("timeout"), request.maxRuntimeSeconds * 1000) : undefined;

    child.on("error", (error) => {
      startError = error;
    });
    let drainTimer: NodeJS.Timeout | undefined;
    child.on("exit", () => {
      // The job ends with its main process: whatever it left running in its group goes too (as with a container).
      signalGroup("SIGKILL");
      // A process outside the group (one that started a session of its own, or a sandbox's child stopped before it was
      // tied to its parent) can keep the output pipes open for ever: after a grace period they are closed from this end,
      // which ends the job ('close').
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, OUTPUT_DRAIN_MS);
    });
    child.on("close", (code, signal) => {
      if (drainTimer) clearTimeout(drainTimer);
      untrack?.();
      request.signal.removeEventListener("abort", onAbort);
      if (runtimeTimer) clearTimeout(runtimeTimer);
      if (killTimer) clearTimeout(killTimer);
      void streams.then(() => {
        if (startError && child.pid === undefined) return reject(startFailure(request.command, startError));
        if (stopReason === "stopped") return reject(new StepStoppedError("The execution was stopped: the job's process was killed."));
        if (stopReason === "timeout") {
          return reject(
            new StepJobError(
              `The job exceeded StoppingCondition.MaxRuntimeInSeconds (${request.maxRuntimeSeconds} s) and was stopped: its process was killed.`,
            ),
          );
        }
        if (code === 0) return resolve();
        const how = code !== null ? `exited with code ${code}` : `was killed by ${signal}`;
        const exceptionType = code !== null ? request.exitExceptionType?.(code) : undefined;
        reject(new StepJobError(failureReason(`AlgorithmError: '${display(request)}' ${how}.`, tail), exceptionType));
      });
    });
  });
}

function startFailure(command: string, error: unknown): StepJobError {
  const message = error instanceof Error ? error.message : String(error);
  return new StepJobError(`Could not start '${command}': ${message}.`, "SageMaker.JOB_INTERNAL_ERROR");
}

function display(request: SpawnRequest): string {
  const text = commandLine(request.display ?? [request.command, ...request.args]);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The failure reason: the exit and the last stderr lines, within the service's 1024-character limit. */
export function failureReason(head: string, tail: string[]): string {
  if (tail.length === 0) return head;
  let lines = [...tail];
  let text = `${head} Last lines of stderr:\n${lines.join("\n")}`;
  while (text.length > REASON_LIMIT && lines.length > 1) {
    lines = lines.slice(1);
    text = `${head} Last lines of stderr:\n${lines.join("\n")}`;
  }
  return text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 3)}...` : text;
}
