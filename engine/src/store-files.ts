import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** Where the store reports what it could not read (the engine's log: stderr unless the host gives one). */
export type StoreLog = (message: string) => void;

/**
 * A name as a file or folder name that every file system accepts: names longer than `keep` characters,
 * or with characters outside `[A-Za-z0-9_-]`, become a readable prefix and a hash (after `~`, which no
 * name the API allows contains, so a hashed name never equals a plain one). The real name stays in the record.
 */
export function safeFileName(name: string, keep = 128): string {
  if (name.length > 0 && name.length <= keep && /^[A-Za-z0-9_-]+$/.test(name)) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 16);
  return `${name.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64)}~${hash}`;
}

/**
 * Writes JSON durably: to a temporary file, flushed, then renamed into place, so a crash leaves either the
 * old or the new record. Throws (leaving the old record) when anything fails; the caller updates memory after.
 */
export function writeAtomically(path: string, value: unknown): void {
  const text = JSON.stringify(value, null, 1);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w", 0o600); // records are private to the user, like the store
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the write's own error is the one to report
    }
    throw error;
  }
}

export type ReadResult<T> = { kind: "record"; value: T } | { kind: "missing" } | { kind: "damaged"; movedTo?: string };

/**
 * Reads one record. A file that is missing is `missing`; one that is not JSON, or not of the record's shape
 * (`problem` says why), is moved aside to `<file>.corrupt-<time>` — never deleted, never overwritten — and
 * logged with both paths; the caller then goes on without it.
 */
export function readRecord<T>(path: string, problem: (value: unknown) => string | undefined, log: StoreLog): ReadResult<T> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    log(`store: ${path} could not be read (${(error as Error).message}); the record it holds is not loaded.`);
    return { kind: "damaged" };
  }
  let value: unknown;
  let reason: string | undefined;
  try {
    value = JSON.parse(text);
    reason = problem(value);
  } catch (error) {
    reason = `not valid JSON: ${(error as Error).message}`;
  }
  if (reason === undefined) return { kind: "record", value: value as T };
  const movedTo = moveAside(path, "corrupt", log, `is damaged (${reason})`);
  return { kind: "damaged", movedTo };
}

/** Renames a file to `<file>.<label>-<time>` (a new name, never an existing one) and logs it; returns the new path. */
export function moveAside(path: string, label: string, log: StoreLog, why: string): string | undefined {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  let target = `${path}.${label}-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${path}.${label}-${stamp}-${n}`;
  try {
    renameSync(path, target);
  } catch (error) {
    log(`store: ${path} ${why}; it could not be moved aside (${(error as Error).message}) and is not loaded.`);
    return undefined;
  }
  log(`store: ${path} ${why}; moved aside to ${target}; the record it held is not loaded.`);
  return target;
}
