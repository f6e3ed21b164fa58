import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `<store>/engine.lock`: who holds the store (one engine per store). Created atomically, complete or not at all. */
export const LOCK_FILE = "engine.lock";
/** `<store>/engine-endpoint.json`: where the lock holder listens, written once it does. */
export const ENDPOINT_FILE = "engine-endpoint.json";

export interface LockInfo {
  pid: number;
  /** Epoch milliseconds when the lock was taken. */
  startedAt: number;
  /** Unique per lock: the endpoint file names the lock it belongs to, and a takeover names the lock it replaces. */
  nonce: string;
}

export interface EndpointInfo {
  endpoint: string;
  port: number;
  pid: number;
  nonce: string;
}

/** Another live engine holds the store. */
export class EngineRunningError extends Error {
  constructor(
    readonly store: string,
    readonly holder: LockInfo,
    readonly endpoint: string | undefined,
  ) {
    super(`Another local engine (pid ${holder.pid}${endpoint ? `, ${endpoint}` : ", starting"}) already runs on the store ${store}.`);
    this.name = "EngineRunningError";
  }
}

const held = new Set<StoreLock>();
let exitHook = false;

/** The exclusive right to run an engine on a store, until `release()` or the process exits. */
export class StoreLock {
  private released = false;

  private constructor(
    readonly store: string,
    readonly info: LockInfo,
  ) {}

  /**
   * Takes the store's lock. A lock whose process is gone (or whose pid now belongs to a process younger than the lock)
   * is stale and taken over; a live holder makes this throw EngineRunningError.
   */
  static acquire(store: string): StoreLock {
    mkdirSync(store, { recursive: true });
    const info: LockInfo = { pid: process.pid, startedAt: Date.now(), nonce: randomUUID() };
    const path = join(store, LOCK_FILE);
    for (let attempt = 0; attempt < 400; attempt++) {
      if (createExclusively(path, info)) {
        const lock = new StoreLock(store, info);
        held.add(lock);
        if (!exitHook) {
          exitHook = true;
          process.once("exit", () => {
            for (const l of held) l.release();
          });
        }
        return lock;
      }
      const holder = readLock(store);
      if (holder === "missing") continue; // released between the two calls: try again
      if (holder !== "invalid" && isLive(holder)) throw new EngineRunningError(store, holder, readEndpoint(store, holder)?.endpoint);
      if (!takeOver(store, holder === "invalid" ? "invalid" : holder.nonce, info)) pause(5); // another process is taking it over
    }
    throw new Error(`The local engine's lock ${path} could not be taken.`);
  }

  /** Publishes where this engine listens (no key in it: the credentials have their own 0600 file). */
  writeEndpoint(endpoint: string): void {
    const port = Number(new URL(endpoint).port);
    writeAtomically(join(this.store, ENDPOINT_FILE), { endpoint, port, pid: this.info.pid, nonce: this.info.nonce } satisfies EndpointInfo);
  }

  /** Removes the endpoint file and the lock, if they are still this lock's. */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    const current = readLock(this.store);
    if (typeof current !== "object" || current.nonce !== this.info.nonce) return;
    rmSync(join(this.store, ENDPOINT_FILE), { force: true });
    rmSync(join(this.store, LOCK_FILE), { force: true });
  }
}

/** The store's lock holder when it is alive, with its endpoint once it listens. */
export function liveHolder(store: string): { holder: LockInfo; endpoint?: EndpointInfo } | undefined {
  const holder = readLock(store);
  if (typeof holder !== "object" || !isLive(holder)) return undefined;
  return { holder, endpoint: readEndpoint(store, holder) };
}

function readEndpoint(store: string, holder: LockInfo): EndpointInfo | undefined {
  try {
    const endpoint = JSON.parse(readFileSync(join(store, ENDPOINT_FILE), "utf8")) as EndpointInfo;
    return endpoint.nonce === holder.nonce && typeof endpoint.endpoint === "string" ? endpoint : undefined;
  } catch {
    return undefined;
  }
}

function readLock(store: string): LockInfo | "missing" | "invalid" {
  let text: string;
  try {
    text = readFileSync(join(store, LOCK_FILE), "utf8");
  } catch {
    return "missing";
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return Number.isInteger(info.pid) && typeof info.nonce === "string" && typeof info.startedAt === "number" ? info : "invalid";
  } catch {
    return "invalid";
  }
}

/**
 * Removes the stale lock `nonce`, once: the remover is whoever creates `engine.lock.takeover-<nonce>` first, and it
 * removes the lock only if it is still that one (a new lock cannot appear while the stale one exists). False when
 * another process holds the takeover.
 */
function takeOver(store: string, nonce: string, info: LockInfo): boolean {
  const marker = join(store, `${LOCK_FILE}.takeover-${nonce}`);
  if (!createExclusively(marker, info)) {
    const other = readLockFile(marker);
    if (other && !isAlive(other.pid)) rmSync(marker, { force: true }); // its taker died halfway
    return false;
  }
  try {
    const current = readLock(store);
    const same = current === "invalid" ? nonce === "invalid" : typeof current === "object" && current.nonce === nonce;
    if (same) rmSync(join(store, LOCK_FILE), { force: true });
  } finally {
    rmSync(marker, { force: true });
  }
  return true;
}

function readLockFile(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Creates `path` with the whole content or fails: written beside it, then hard-linked into place (EEXIST: taken). */
function createExclusively(path: string, info: LockInfo): boolean {
  const temporary = `${path}.${info.nonce}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(info));
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function isLive(holder: LockInfo): boolean {
  if (!isAlive(holder.pid)) return false;
  const started = processStartMs(holder.pid);
  // A pid whose process started after the lock was taken is a reused pid: the lock's process is gone.
  return started === undefined || started <= holder.startedAt + 2_000;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** When the process started (epoch ms), where the system says (Linux's /proc); undefined elsewhere. */
function processStartMs(pid: number): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : undefined; // USER_HZ is 100
  } catch {
    return undefined;
  }
}

function writeAtomically(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, path);
}

/** A short synchronous wait between lock attempts while another process finishes a takeover. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
