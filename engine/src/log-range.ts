import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** One answer reads this much of a log at most: a part of a long log, never all of it in memory. */
export const MAX_RANGE_BYTES = 1024 * 1024;

export type LogRange = { status: 206; start: number; end: number; size: number; bytes: Buffer } | { status: 416; size: number };

/**
 * The part of the file that `Range: bytes=A-B`, `bytes=A-` or `bytes=-N` (RFC 9110, one range) names, at most
 * MAX_RANGE_BYTES from its start; 416 when it starts at or past the end (an empty log included). A header of another
 * form reads from the start.
 */
export function readLogRange(path: string, range: string): LogRange {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    let start = 0;
    let end = size - 1;
    if (match && match[1] === "" && match[2] !== "") start = Math.max(0, size - Number(match[2]));
    else if (match && match[1] !== "") {
      start = Number(match[1]);
      if (match[2] !== "") end = Math.min(end, Number(match[2]));
    }
    if (start >= size || end < start) return { status: 416, size };
    end = Math.min(end, start + MAX_RANGE_BYTES - 1);
    const bytes = Buffer.alloc(end - start + 1);
    const read = readSync(fd, bytes, 0, bytes.length, start);
    return { status: 206, start, end: start + read - 1, size, bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}
