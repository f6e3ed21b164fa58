/**
 * The language server over stdio (dist/server.js, as the extension runs it), driven by a real protocol
 * client: edit → published diagnostics, hover, completion and code lens latencies, and the server's memory.
 */
import { readFileSync } from "node:fs";
import { LineIndex } from "../../core/src";
import { LspClient } from "../../test/helpers/lsp";
import { median, percentile } from "./stats";

export interface LatencyRow {
  what: string;
  n: number;
  p50: number;
  p95: number;
}

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

/** A position inside the first occurrence of `needle` (plus `delta` characters). */
function positionOf(text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`'${needle}' not in the document`);
  return new LineIndex(text).positionAt(offset + delta);
}

/** `delta` characters after the first `{"Get": "Steps.` (indented or on one line): 0 is where a step name is typed. */
function afterStepsGet(text: string, delta = 0) {
  const match = /"Get":\s*"Steps\./.exec(text);
  if (!match) throw new Error("no Get of a step in the document");
  return new LineIndex(text).positionAt(match.index + match[0].length + delta);
}

export interface LspBench {
  rows: LatencyRow[];
  rssAfterInit: number;
  rssAfterOpen: number;
  /** After the document was closed (and 2 s later, for the collector). */
  rssAfterClose: number;
  openMs: number;
}

export async function benchLsp(label: string, text: string, edits = 300): Promise<LspBench> {
  // The completion capabilities of VS Code's client (vscode-languageclient), which change what the server answers.
  const client = await LspClient.start([], { itemDefaults: true });
  try {
    const rssAfterInit = rssMiB(client.pid!);
    const opened = performance.now();
    const uri = await client.open(text);
    await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    const openMs = performance.now() - opened;
    const rssAfterOpen = rssMiB(client.pid!);

    // Edit → diagnostics: one character of an S3 URI changes back and forth (the text stays valid, as
    // while typing inside a string), sent as an incremental change like an editor does.
    const target = text.indexOf("s3://") + 5;
    const lines = new LineIndex(text);
    const range = lines.rangeOf(target, target + 1);
    const original = text[target];
    let version = 1;
    const editTimes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const replacement = i % 2 === 0 ? (original === "x" ? "y" : "x") : original;
      version++;
      const waiting = client.diagnostics(uri, (p) => p.version === version, 60_000);
      const t0 = performance.now();
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: replacement }] });
      await waiting;
      editTimes.push(performance.now() - t0);
    }
    const current = text; // an even number of edits restores it
    // A 20 MB document answers a completion with 14,000 items and 14,000 lenses: fewer samples keep its run to minutes.
    const samples = (n: number) => (text.length > 5_000_000 ? Math.ceil(n / 10) : n);
    const time = async (method: string, params: unknown, n = 200) => {
      n = samples(n);
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await client.request(method, params);
        times.push(performance.now() - t0);
      }
      return times;
    };
    const stepName = /"Name":\s*"([^"]+)"/.exec(current.slice(current.indexOf('"Steps"')))![1];
    const hover = await time("textDocument/hover", { textDocument: { uri }, position: positionOf(current, `"${stepName}"`, 2) });
    const completion = await time("textDocument/completion", { textDocument: { uri }, position: afterStepsGet(current) });
    const lens = await time("textDocument/codeLens", { textDocument: { uri } }, 100);
    // The first request after an edit analyses the new version itself when diagnostics have not yet.
    const hoverAfterEdit: number[] = [];
    for (let i = 0; i < samples(100); i++) {
      version++;
      await client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range, text: i % 2 === 0 ? "x" : original }],
      });
      const t0 = performance.now();
      await client.request("textDocument/hover", { textDocument: { uri }, position: positionOf(current, `"${stepName}"`, 2) });
      hoverAfterEdit.push(performance.now() - t0);
    }
    // The same inside a step near the middle (the edit above is in a parameter's default).
    const inStep = text.indexOf("s3://", Math.floor(text.length / 2)) + 5;
    const stepRange = lines.rangeOf(inStep, inStep + 1);
    const stepOriginal = text[inStep];
    const stepEditTimes: number[] = [];
    for (let i = 0; i < Math.min(edits, 100); i++) {
      version++;
      const waiting = client.diagnostics(uri, (p) => p.version === version, 60_000);
      const t0 = performance.now();
      await client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: stepRange, text: i % 2 === 0 ? (stepOriginal === "x" ? "y" : "x") : stepOriginal }],
      });
      await waiting;
      stepEditTimes.push(performance.now() - t0);
    }
    // The requests that answer from the latest parse and index, each right after an edit inside a step.
    const definitionAt = afterStepsGet(current, 2);
    const afterEdit = async (method: string, params: unknown) => {
      const times: number[] = [];
      for (let i = 0; i < samples(100); i++) {
        version++;
        await client.connection.sendNotification("textDocument/didChange", {
          textDocument: { uri, version },
          contentChanges: [{ range: stepRange, text: i % 2 === 0 ? "x" : stepOriginal }],
        });
        const t0 = performance.now();
        await client.request(method, params);
        times.push(performance.now() - t0);
      }
      return times;
    };
    const completionAfterEdit = await afterEdit("textDocument/completion", { textDocument: { uri }, position: afterStepsGet(current) });
    const definitionAfterEdit = await afterEdit("textDocument/definition", { textDocument: { uri }, position: definitionAt });
    const lensAfterEdit = await afterEdit("textDocument/codeLens", { textDocument: { uri } });
    const symbolsAfterEdit = await afterEdit("textDocument/documentSymbol", { textDocument: { uri } });
    await client.close(uri);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssAfterClose = rssMiB(client.pid!);
    const row = (what: string, times: number[]): LatencyRow => ({ what: `${label}: ${what}`, n: times.length, p50: median(times), p95: percentile(times, 95) });
    return {
      rows: [
        row("edit → diagnostics", editTimes),
        row("hover", hover),
        row("completion (Get: Steps.)", completion),
        row("code lens", lens),
        row("hover right after an edit", hoverAfterEdit),
        row("edit inside a step → diagnostics", stepEditTimes),
        row("completion right after an edit", completionAfterEdit),
        row("definition right after an edit", definitionAfterEdit),
        row("code lens right after an edit", lensAfterEdit),
        row("document symbols right after an edit", symbolsAfterEdit),
      ],
      rssAfterInit,
      rssAfterOpen,
      rssAfterClose,
      openMs,
    };
  } finally {
    await client.stop().catch(() => undefined);
  }
}
