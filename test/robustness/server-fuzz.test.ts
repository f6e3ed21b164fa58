/**
 * The language server over stdio survives thousands of random incremental edits interleaved with every
 * kind of request, without dying, answering with internal errors, losing track of the text, or leaking:
 * it runs with a small heap limit, so a leak of per-version state ends it, and its memory is read
 * before and after. Fixed seed; more edits with FUZZ_SCALE, another seed with FUZZ_SEED.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ErrorCodes, type Diagnostic, type Position } from "vscode-languageserver-protocol";
import { analyze, LineIndex } from "../../core/src";
import { LintRequest, StepsInRangesRequest } from "../../protocol/src";
import { LspClient } from "../helpers/lsp";
import { FUZZ_SCALE, seeded } from "./exercise";

const SEED = Number(process.env.FUZZ_SEED ?? 20240901);
const HEAP_LIMIT_MB = 96;
const largest = readFileSync(join(import.meta.dirname, "../fixtures/corpus/aws-examples_model-monitor-clarify-check-steps.json"), "utf8");

/** Resident memory of a process in MiB (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function stopOrKill(client: LspClient): Promise<void> {
  if (client.alive) await Promise.race([client.stop(), new Promise((r) => setTimeout(r, 2_000))]).catch(() => undefined);
  if (client.alive && client.pid) process.kill(client.pid);
}

const SNIPPETS = [
  "{",
  "}",
  "[",
  "]",
  '"',
  ",",
  ":",
  " ",
  "\n",
  "\r\n",
  "\\",
  "x",
  "0",
  '"Name": "X"',
  '{"Get": "Steps.',
  "Parameters.",
  "'",
  "ü",
  "😀",
  "null",
  '"DependsOn": ["',
  "true",
  "/*",
];

test("server: thousands of random edits and requests; it stays up, answers everything, keeps the text in sync and does not leak", async (t) => {
  const client = await LspClient.start([`--max-old-space-size=${HEAP_LIMIT_MB}`]);
  t.after(() => stopOrKill(client));
  const random = seeded(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let text = largest;
  const uri = await client.open(text);
  let version = 1;
  await client.diagnostics(uri, (p) => p.version === 1);
  const pid = client.pid!;
  const afterOpen = rssMiB(pid);

  const failures: string[] = [];
  const pending: Array<Promise<unknown>> = [];
  const request = (method: string, params: unknown) => {
    pending.push(
      client.request(method, params).catch((error: { code?: number; message?: string }) => {
        // prepareRename/rename refuse invalid names with InvalidRequest: an answer, not a failure.
        if (error.code !== ErrorCodes.InvalidRequest) failures.push(`${method}: ${error.code} ${error.message}`);
      }),
    );
  };
  const position = (): Position => {
    const lines = new LineIndex(text);
    const p = lines.positionAt(Math.floor(random() * (text.length + 1)));
    // Now and then a position a client should not send: past the line's end, or past the last line.
    if (random() < 0.05) return { line: p.line, character: p.character + 50 };
    if (random() < 0.02) return { line: p.line + 10_000, character: 0 };
    return p;
  };

  const edit = async () => {
    const lines = new LineIndex(text);
    const start = Math.floor(random() * (text.length + 1));
    const removed = random() < 0.4 ? Math.floor(random() * 20) : 0;
    const end = Math.min(text.length, start + removed);
    const inserted = random() < 0.8 ? pick(SNIPPETS) : "";
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    // Never split a CRLF or a surrogate pair: an editor cannot place a cursor there.
    if (text.slice(start - 1, start + 1) === "\r\n" || text.slice(end - 1, end + 1) === "\r\n") return;
    if (/[\ud800-\udbff]/.test(text[start - 1] ?? "") || /[\ud800-\udbff]/.test(text[end - 1] ?? "")) return;
    text = text.slice(0, start) + inserted + text.slice(end);
    version++;
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: inserted }] });
  };

  const requests = [
    () => request("textDocument/hover", { textDocument: { uri }, position: position() }),
    () => request("textDocument/completion", { textDocument: { uri }, position: position() }),
    () => request("textDocument/codeLens", { textDocument: { uri } }),
    () => request("textDocument/documentSymbol", { textDocument: { uri } }),
    () => request("textDocument/definition", { textDocument: { uri }, position: position() }),
    () => request("textDocument/references", { textDocument: { uri }, position: position(), context: { includeDeclaration: true } }),
    () => request("textDocument/documentHighlight", { textDocument: { uri }, position: position() }),
    () => request("textDocument/prepareRename", { textDocument: { uri }, position: position() }),
    () => request("textDocument/rename", { textDocument: { uri }, position: position(), newName: pick(["Renamed", "bad name", ""]) }),
    () => {
      const diagnostics: Diagnostic[] = analyze(text)
        .diagnostics.slice(0, 5)
        .map((d) => {
          const lines = new LineIndex(text);
          return { range: lines.rangeOf(d.start, d.end), message: d.message, code: d.code, source: "sagemaker-pipelines", data: d.data };
        });
      request("textDocument/codeAction", { textDocument: { uri }, range: { start: position(), end: position() }, context: { diagnostics } });
    },
    () => request(StepsInRangesRequest.method, { uri, ranges: [{ start: position(), end: position() }] }),
    () => request(LintRequest.method, { uri, text }),
  ];

  const edits = 5_000 * FUZZ_SCALE;
  let done = 0;
  let middle = 0;
  // A second document opened and closed over and over: nothing of it may stay behind.
  const churn = async (n: number) => {
    const other = `file:///tmp/churn-${n}.pipeline.json`;
    await client.open(largest, other);
    request("textDocument/hover", { textDocument: { uri: other }, position: { line: 3, character: 5 } });
    await client.close(other);
  };
  while (done < edits) {
    const burst = 1 + Math.floor(random() * 8);
    for (let i = 0; i < burst && done < edits; i++, done++) await edit();
    for (let i = Math.floor(random() * 3); i >= 0; i--) pick(requests)();
    if (done % 50 < burst) await churn(done);
    if (done % 200 < burst) {
      // Let the server catch up now and then, as an editor's pauses do; drop what it published.
      await Promise.all(pending.splice(0));
      client.discardPublished();
    }
    if (middle === 0 && done >= edits / 2) middle = rssMiB(pid);
  }
  await Promise.all(pending.splice(0));
  assert.ok(client.alive, "the server died");
  assert.deepEqual(failures.slice(0, 10), []);
  client.assertNoInternalErrors();

  // The server's text is ours: its diagnostics for the last version are the core's for our text.
  // (An empty edit makes a version whose diagnostics nothing has discarded yet.)
  client.discardPublished();
  await client.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: ++version },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "" }],
  });
  const final = await client.diagnostics(uri, (p) => p.version === version, 20_000);
  const expected = analyze(text).diagnostics.map((d) => `${d.code} ${JSON.stringify(new LineIndex(text).rangeOf(d.start, d.end))}`);
  assert.deepEqual(
    final.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)}`),
    expected,
  );

  // Back to the original text: same answers as a fresh server would give, and memory back near where it was.
  const lines = new LineIndex(text);
  await client.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: ++version },
    contentChanges: [{ range: lines.rangeOf(0, text.length), text: largest }],
  });
  text = largest;
  const restored = await client.diagnostics(uri, (p) => p.version === version, 20_000);
  assert.equal(restored.diagnostics.length, analyze(largest).diagnostics.length);
  const end = rssMiB(pid);
  t.diagnostic(
    `${done} edits, ${edits / 50} documents opened and closed; server RSS after open ${afterOpen.toFixed(0)} MiB, half way ${middle.toFixed(0)} MiB, end ${end.toFixed(0)} MiB (heap limit ${HEAP_LIMIT_MB} MiB)`,
  );
  assert.ok(end < middle + 48, `memory grew from ${middle.toFixed(0)} to ${end.toFixed(0)} MiB over the second half`);
  assert.ok(client.alive, "the server died");
  client.assertNoInternalErrors();
});

test("server: a document nested 10,000 levels deep, a 5 MB string and a 200,000-element array get diagnostics, not a crash", async (t) => {
  const client = await LspClient.start([`--max-old-space-size=${HEAP_LIMIT_MB * 2}`]);
  t.after(() => stopOrKill(client));
  const texts = [
    "[".repeat(10_000) + "]".repeat(10_000),
    JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: "Fail", Arguments: { ErrorMessage: "x".repeat(5_000_000) } }] }),
    `{"Steps": [${'"x",'.repeat(200_000)}1]}`,
  ];
  for (const text of texts) {
    const uri = await client.open(text);
    const published = await client.diagnostics(uri, (p) => p.version === 1, 20_000);
    assert.ok(published.diagnostics.length > 0);
    await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 3 } });
    await client.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 3 } });
    await client.close(uri);
  }
  assert.ok(client.alive);
  client.assertNoInternalErrors();
});
