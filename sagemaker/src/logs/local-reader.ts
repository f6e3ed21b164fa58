import { request } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Connection } from "../connection";
import type { LogLine, StreamReader } from "./stream-reader";

/** Bytes per read: a long log is read a part at a time, from its end. */
export const LOCAL_CHUNK_BYTES = 64 * 1024;

/** The engine's answer to a read that found no log for the step (yet). */
export class NoLocalLog extends Error {
  constructor() {
    super("no log yet");
    this.name = "NoLocalLog";
  }
}

/**
 * A local step's log from the engine, `GET /logs/<execution id>/<step>` signed with the engine's key (the SageMaker
 * client's own credentials), a byte range at a time (`Range: bytes=…`). Lines are cut on newlines in the bytes, so a
 * read never splits a character; an unfinished last line is read again, whole, once it ends.
 */
export class LocalStreamReader implements StreamReader {
  /** The offset of the first line read. */
  private first = 0;
  /** Where the next read forwards starts: the end of the last whole line. */
  private next = 0;
  private unfinished = false;

  constructor(
    private readonly connection: Connection,
    private readonly executionId: string,
    private readonly step: string,
    private readonly chunkBytes = LOCAL_CHUNK_BYTES,
  ) {}

  async tail(): Promise<LogLine[]> {
    const part = await this.read(`bytes=-${this.chunkBytes}`);
    if (!part) return [];
    const { lines, start } = splitLines(part.bytes, part.start, part.start > 0);
    this.first = start;
    return this.ending(lines, part.start + part.bytes.length);
  }

  async earlier(): Promise<LogLine[]> {
    if (this.first === 0) return [];
    const from = Math.max(0, this.first - this.chunkBytes);
    const part = await this.read(`bytes=${from}-${this.first - 1}`);
    if (!part) return [];
    const { lines, start } = splitLines(part.bytes, part.start, part.start > 0);
    this.first = lines.length > 0 ? start : from;
    return lines;
  }

  hasEarlier(): boolean {
    return this.first > 0;
  }

  async newer(): Promise<{ lines: LogLine[]; replacesLast?: boolean }> {
    const replacesLast = this.unfinished;
    const part = await this.read(`bytes=${this.next}-`);
    if (!part) return { lines: [] };
    const { lines } = splitLines(part.bytes, part.start, false);
    return { lines: this.ending(lines, part.start + part.bytes.length), replacesLast };
  }

  forgetBefore(first: LogLine): void {
    if (first.at !== undefined) this.first = first.at;
  }

  /** Marks where reading forwards goes on: after the last whole line (an unfinished one is read again). */
  private ending(lines: Cut[], end: number): LogLine[] {
    const last: Cut | undefined = lines.at(-1);
    this.unfinished = last?.open === true;
    this.next = last?.open ? last.at! : end;
    return lines.map(({ text, at }) => ({ text, at }));
  }

  /** A byte range of the log; undefined when nothing is in that range (416). */
  private async read(range: string): Promise<{ bytes: Buffer; start: number } | undefined> {
    const url = new URL(`/logs/${encodeURIComponent(this.executionId)}/${encodeURIComponent(this.step)}`, this.connection.endpoint);
    const config = this.connection.client.config;
    const signer = new SignatureV4({ credentials: config.credentials, region: await config.region(), service: "sagemaker", sha256: config.sha256 });
    const signed = await signer.sign({
      method: "GET",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, range },
    });
    const answer = await get(url, signed.headers as Record<string, string>);
    if (answer.status === 416) return undefined;
    if (answer.status === 404) throw new NoLocalLog();
    if (answer.status !== 200 && answer.status !== 206)
      throw Object.assign(new Error(`the local engine answered ${answer.status}: ${answer.body.subarray(0, 200).toString("utf8")}`), {
        $metadata: { httpStatusCode: answer.status },
      });
    const start = Number(/bytes (\d+)-/.exec(answer.contentRange ?? "")?.[1] ?? 0);
    return { bytes: answer.body, start };
  }
}

interface Cut extends LogLine {
  /** The line has no newline after it (yet). */
  open?: boolean;
}

/**
 * `bytes` (read from `offset`) as lines with their offsets; `dropFirst` leaves out the first line, which may have
 * begun before the range (unless the range holds no newline at all: then it is all one line).
 */
export function splitLines(bytes: Buffer, offset: number, dropFirst: boolean): { lines: Cut[]; start: number } {
  const lines: Cut[] = [];
  let from = 0;
  if (dropFirst) {
    const newline = bytes.indexOf(0x0a);
    if (newline >= 0) from = newline + 1;
  }
  const start = offset + from;
  while (from < bytes.length) {
    const newline = bytes.indexOf(0x0a, from);
    const end = newline < 0 ? bytes.length : newline;
    const text = bytes.subarray(from, end).toString("utf8").replace(/\r$/, "");
    lines.push({ text, at: offset + from, ...(newline < 0 ? { open: true } : {}) });
    from = end + 1;
  }
  return { lines, start };
}

/**
 * A GET with node:http, not `fetch`: the editor's extension host wraps `fetch` (proxy support), which a read from the
 * loopback interface needs no part of.
 */
function get(url: URL, headers: Record<string, string>): Promise<{ status: number; contentRange?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: "GET", headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, contentRange: response.headers["content-range"], body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    call.on("timeout", () => call.destroy(Object.assign(new Error("the local engine did not answer in time"), { name: "TimeoutError" })));
    call.on("error", reject);
    call.end();
  });
}
