import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { OUTPUT_PREFIX, spawnLogged } from "../../../engine/src/runners/spawn-process";
import { tempDir } from "../../helpers/temp";

/** Ends a process left in a session of its own (outside the job's group, so the job's clean-up cannot reach it). */
function endProcess(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

test("a job whose main process ended is over even if a process of another session still holds its output", { timeout: 30_000 }, async (t) => {
  if (spawnSync("setsid", ["--version"]).status !== 0) return t.skip("no setsid(1) on this machine");
  const log: string[] = [];
  // The background sleep starts a session of its own and keeps the job's stdout and stderr open for 60 s.
  const job = spawnLogged({
    command: "sh",
    args: ["-c", 'setsid sleep 60 & echo "left $!"; echo done'],
    cwd: tempDir(t, "smp-spawn-"),
    env: { PATH: process.env.PATH },
    signal: new AbortController().signal,
    log: (line) => log.push(line),
    killGraceMs: 100,
  });
  let settled = false;
  t.after(() => {
    const left = log.map((line) => /^\| left (\d+)$/.exec(line)?.[1]).find(Boolean);
    if (left) endProcess(Number(left));
  });
  await job.finally(() => (settled = true));
  assert.ok(settled);
  assert.deepEqual(
    log.filter((line) => line === `${OUTPUT_PREFIX}done`),
    [`${OUTPUT_PREFIX}done`],
    "the output written before the end is in the log",
  );
});

test("a stopped job ends even if a process outside its group holds its output", { timeout: 30_000 }, async (t) => {
  if (spawnSync("setsid", ["--version"]).status !== 0) return t.skip("no setsid(1) on this machine");
  const log: string[] = [];
  const abort = new AbortController();
  const job = spawnLogged({
    command: "sh",
    args: ["-c", 'setsid sleep 60 & echo "left $!"; sleep 60'],
    cwd: tempDir(t, "smp-spawn-"),
    env: { PATH: process.env.PATH },
    signal: abort.signal,
    log: (line) => {
      log.push(line);
      if (line.startsWith(`${OUTPUT_PREFIX}left `)) abort.abort();
    },
    killGraceMs: 100,
  });
  t.after(() => {
    const left = log.map((line) => /^\| left (\d+)$/.exec(line)?.[1]).find(Boolean);
    if (left) endProcess(Number(left));
  });
  await assert.rejects(job, (error: Error) => error.name === "StepStoppedError" || /stopped/.test(error.message));
});
