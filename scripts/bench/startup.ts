/**
 * Start-up costs, each beside a bare Node process started the same way (`node -e 0`, spawned from here):
 * `sagemaker-pipelines lint` of one small corpus file and of the whole corpus (dist/cli.js, whole-process
 * wall time and peak RSS), and the language server (dist/server.js) from spawn to its `initialize` answer
 * and from `initialize` to the first published diagnostics of the largest corpus file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { LspClient } from "../../test/helpers/lsp";
import { largestCorpusFile } from "./diagnostics";
import { median } from "./stats";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli.js");
const CORPUS = join(ROOT, "test/fixtures/corpus");

/** Targets of the start-up work: lint of one file within 3× a bare Node start, first diagnostics within 300 ms. */
export const TARGETS = { lintRatio: 3, firstDiagnosticsMs: 300 };

export interface ProcessFigures {
  what: string;
  runs: number;
  medianMs: number;
  minMs: number;
  /** Peak resident set of the process itself (max-rss.cjs), MiB, median. */
  maxRssMiB: number;
}

export interface StartupFigures {
  smallFile: string;
  node: ProcessFigures;
  lintOne: ProcessFigures;
  lintCorpus: ProcessFigures & { files: number };
  server: {
    runs: number;
    file: string;
    initializeMs: number;
    firstDiagnosticsMs: number;
    firstDiagnosticsMaxMs: number;
    rssAfterInitializeMiB: number;
    rssAfterDiagnosticsMiB: number;
  };
}

/** Wall time of one `node ARGS` run, from spawn to exit, in ms. */
function once(args: string[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - t0;
  if (result.error || (result.status !== 0 && result.status !== 1)) throw new Error(`node ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return elapsed;
}

/**
 * Runs each command `runs` times, interleaved (so that load on the machine affects all alike), and
 * returns median and minimum wall times, plus the median peak RSS of a few extra runs.
 */
function compare(commands: Array<{ what: string; args: string[] }>, runs: number): ProcessFigures[] {
  const times = commands.map(() => [] as number[]);
  for (const c of commands) once(c.args); // warm the file cache
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => times[j].push(once(c.args)));
  return commands.map((c, j) => {
    const rss: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = spawnSync(process.execPath, ["--require", join(import.meta.dirname, "max-rss.cjs"), ...c.args], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "ignore", "pipe"],
      });
      rss.push(Number(String(result.output[3])) / 1024);
    }
    return { what: c.what, runs, medianMs: median(times[j]), minMs: Math.min(...times[j]), maxRssMiB: median(rss) };
  });
}

/** The smallest top-level corpus file (a typical short definition). */
function smallCorpusFile(): string {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".json"));
  return files.map((f) => ({ f, size: statSync(join(CORPUS, f)).size })).sort((a, b) => a.size - b.size)[0].f;
}

/** The resident set of a running process in MiB (Linux; NaN elsewhere). */
function rssMiB(pid: number | undefined): number {
  const status = `/proc/${pid}/status`;
  return pid && existsSync(status) ? Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(status, "utf8"))?.[1]) / 1024 : NaN;
}

async function serverOnce(
  text: string,
): Promise<{ initializeMs: number; firstDiagnosticsMs: number; rssAfterInitializeMiB: number; rssAfterDiagnosticsMiB: number }> {
  const t0 = performance.now();
  const client = await LspClient.start();
  const initialized = performance.now();
  try {
    const rssAfterInitializeMiB = rssMiB(client.pid); // well under a millisecond, inside the next figure
    const uri = await client.open(text);
    await client.diagnostics(uri, (p) => p.version === 1, 60_000);
    const firstDiagnosticsMs = performance.now() - initialized;
    return { initializeMs: initialized - t0, firstDiagnosticsMs, rssAfterInitializeMiB, rssAfterDiagnosticsMiB: rssMiB(client.pid) };
  } finally {
    await client.stop();
  }
}

export async function benchStartup(runs = 15, serverRuns = 7): Promise<StartupFigures> {
  const small = smallCorpusFile();
  const corpusFiles = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join("test/fixtures/corpus", f));
  const [node, lintOne, lintCorpus] = compare(
    [
      { what: "node -e 0", args: ["-e", "0"] },
      { what: "lint (1 file)", args: [CLI, "lint", join("test/fixtures/corpus", small)] },
      { what: `lint (${corpusFiles.length} files)`, args: [CLI, "lint", ...corpusFiles] },
    ],
    runs,
  );
  const largest = largestCorpusFile();
  await serverOnce(largest.text); // warm the file cache
  const server = [];
  for (let i = 0; i < serverRuns; i++) server.push(await serverOnce(largest.text));
  const firstDiagnostics = server.map((s) => s.firstDiagnosticsMs);
  return {
    smallFile: small,
    node,
    lintOne,
    lintCorpus: { ...lintCorpus, files: corpusFiles.length },
    server: {
      runs: serverRuns,
      file: largest.name,
      initializeMs: median(server.map((s) => s.initializeMs)),
      firstDiagnosticsMs: median(firstDiagnostics),
      firstDiagnosticsMaxMs: Math.max(...firstDiagnostics),
      rssAfterInitializeMiB: median(server.map((s) => s.rssAfterInitializeMiB)),
      rssAfterDiagnosticsMiB: median(server.map((s) => s.rssAfterDiagnosticsMiB)),
    },
  };
}
