import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The process groups of running job steps, recorded in `<store>/processes/` while they run, so that an engine that
 * starts after a crash (kill -9) ends what the previous one left running before it marks the steps Failed.
 * A record names the group leader's pid and its start time: a pid the system has reused since is left alone.
 */
export interface ProcessRecord {
  pid: number;
  /** The leader's start time as the system reports it (Linux: /proc/<pid>/stat field 22; else `ps -o lstart=`). */
  started: string;
  executionId: string;
  stepName: string;
}

export function processesDir(root: string): string {
  return join(root, "processes");
}

/** Records a running group; the returned function removes the record (when the group is gone). */
export function recordProcess(root: string, executionId: string, stepName: string, pid: number): () => void {
  const started = startTime(pid);
  if (started === undefined) return () => undefined;
  const dir = processesDir(root);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${executionId}-${stepName}-${pid}.json`);
  const record: ProcessRecord = { pid, started, executionId, stepName };
  writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/**
 * Ends the groups a previous engine recorded and that still run: SIGTERM, then SIGKILL to what is left after
 * `graceMs`. Synchronous (the engine does it before anything else); returns the records of the groups it ended.
 */
export function endOrphanProcesses(root: string, graceMs = 2000): ProcessRecord[] {
  const dir = processesDir(root);
  if (!existsSync(dir)) return [];
  const alive: ProcessRecord[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const record = readRecord(file);
    if (record && startTime(record.pid) === record.started && signalGroup(record.pid, "SIGTERM")) alive.push(record);
    rmSync(file, { force: true });
  }
  const deadline = Date.now() + graceMs;
  let left = alive;
  while (left.length > 0 && Date.now() < deadline) {
    pause(20);
    left = left.filter((record) => running(record.pid));
  }
  // What is left of every group (including what a leader that ended left behind) is killed.
  for (const record of alive) signalGroup(record.pid, "SIGKILL");
  return alive;
}

/** The leader still runs (a zombie whose parent is gone does not count). */
function running(pid: number): boolean {
  if (process.platform === "linux") {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return false;
    }
  }
  return signalGroup(pid, 0);
}

function readRecord(file: string): ProcessRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as ProcessRecord;
    return Number.isInteger(record.pid) && record.pid > 1 && typeof record.started === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a signal to the group; false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** When the process started, in the system's terms; undefined when there is no such process. */
export function startTime(pid: number): string | undefined {
  if (process.platform === "win32") return undefined;
  if (process.platform === "linux") {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    } catch {
      return undefined;
    }
  }
  const ps = spawnSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8" });
  const text = ps.status === 0 ? ps.stdout.trim() : "";
  return text.length > 0 ? text : undefined;
}

/** Blocks this thread (engine start-up only, while orphans end). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
