/**
 * `npm run bench [-- PART...] [-- --json FILE] [-- --quick]`: prints the performance figures (never a pass/fail
 * test). Parts: diagnostics, incremental, adversarial, lsp, activation, startup, engine, graph (default: all). Needs `npm run build` first (the
 * npm script does it): the LSP figures are of dist/server.js, as the extension runs it.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem, type as osType, release } from "node:os";
import { benchActivation, gitCommit } from "./activation";
import { benchAdversarial } from "./adversarial";
import { benchDiagnostics, largestCorpusFile, printDiagnostics } from "./diagnostics";
import { benchEngine } from "./engine";
import { benchCorpusCrossings, benchGraph } from "./graph";
import { benchIncremental } from "./incremental";
import { benchLsp, type LatencyRow } from "./lsp";
import { PREVIOUS_LATENCY, PREVIOUS_RSS, previousFull } from "./previous";
import { LIGHT_MODE_CHARACTERS } from "../../core/src";
import { benchStartup, TARGETS } from "./startup";
import { generatePipeline, generatePipelineText } from "../../test/helpers/generate-pipeline";
import { ms, ratio, table } from "./stats";

const PARTS = ["diagnostics", "incremental", "adversarial", "lsp", "activation", "startup", "engine", "graph"] as const;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf("--json");
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const chosen = args.filter((a, i) => !a.startsWith("--") && !(jsonAt >= 0 && i === jsonAt + 1));
  const unknown = chosen.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(", ")}; choose from ${PARTS.join(", ")}`);
  const run = (part: (typeof PARTS)[number]) => chosen.length === 0 || chosen.includes(part);

  const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${osType()} ${release()}, Node ${process.versions.node}`;
  console.log(`Machine: ${machine}\nCommit: ${gitCommit()} (plus uncommitted changes, if any)\n`);
  const results: Record<string, unknown> = { machine, commit: gitCommit(), date: new Date().toISOString() };

  if (run("diagnostics")) {
    console.log(
      "== Full diagnostics (parse + schema + every rule) vs JSON.parse and vscode-json-languageservice (parse + validate against our schema), medians",
    );
    const rows = await benchDiagnostics();
    console.log(`${printDiagnostics(rows)}\n`);
    results.diagnostics = rows;
  }

  if (run("incremental")) {
    console.log(
      "== Incremental analysis in process, every rule on: one character replaced inside a step near the middle, then the new version's diagnostics (60 edits); then one typed and deleted (60 edits); then one typed and deleted in a step's name (60 edits: the rules across steps that read names run again); document sync: what the server does per version before answering (the change applied to its text document, the version parsed and modelled, no rule)",
    );
    const rows = await benchIncremental();
    console.log(
      `${table(
        [
          "document",
          "size",
          "edit → diagnostics p50 ms",
          "p95 ms",
          "target p95",
          "typed / deleted p50 ms",
          "p95 ms",
          "steps re-validated per edit",
          "name typed / deleted p50 ms",
          "p95 ms",
          "models rebuilt per rename",
          "document sync p50 ms",
          "p95 ms",
          "from scratch ms",
          "previous (every edit from scratch)",
        ],
        rows.map((r) => [
          `generated, ${r.steps.toLocaleString("en-US")} steps`,
          `${r.kib.toFixed(0)} KiB`,
          ms(r.p50),
          ms(r.p95),
          r.steps <= 1_000 ? "≤ 50 ms" : "≤ 150 ms",
          ms(r.insertP50),
          ms(r.insertP95),
          r.validatedPerEdit.toFixed(0),
          ms(r.renameP50),
          ms(r.renameP95),
          r.assembledPerRename.toFixed(0),
          ms(r.syncP50),
          ms(r.syncP95),
          ms(r.fullMs),
          previousFull(r.steps),
        ]),
      )}\n`,
    );
    results.incremental = rows;
  }

  if (run("adversarial")) {
    console.log("== Full diagnostics on adversarial input (n unknown names, duplicates, a cycle, unknown outputs), medians");
    const rows = await benchAdversarial();
    console.log(
      `${table(
        ["input", "n", "size", "diagnostics", "distance computations", "ms"],
        rows.map((r) => [r.kind, r.n.toLocaleString("en-US"), `${r.kib.toFixed(0)} KiB`, String(r.diagnostics), String(r.distances), ms(r.ms)]),
      )}\n`,
    );
    results.adversarial = rows;
  }

  if (run("lsp")) {
    console.log("== Language server over stdio (dist/server.js, validationDelay 0: the 250 ms debounce is not included)");
    const largest = largestCorpusFile();
    const runs = [
      { label: `corpus ${largest.name}`, text: largest.text, edits: 300 },
      { label: "generated 100 steps", text: generatePipelineText(100), edits: 100 },
      { label: "generated 1,000 steps (light mode)", text: generatePipelineText(1_000), edits: 40 },
      // The same steps on one line, as the SDK's pipeline.definition() writes them: 758 KiB, under the limit, every rule.
      { label: "generated 1,000 steps on one line (every rule)", text: JSON.stringify(generatePipeline(1_000)), edits: 100 },
      // Long runs (minutes on a shared 2-core machine): left out with --quick.
      ...(args.includes("--quick")
        ? []
        : [
            { label: "generated 5,000 steps (light mode)", text: generatePipelineText(5_000), edits: 40 },
            { label: "generated 14,000 steps, 20 MB (light mode)", text: generatePipelineText(14_000), edits: 20 },
          ]),
    ];
    const rows: LatencyRow[] = [];
    const memory: string[][] = [];
    for (const { label, text, edits } of runs) {
      const result = await benchLsp(label, text, edits);
      rows.push(...result.rows);
      const before = PREVIOUS_RSS[label];
      memory.push([
        label,
        `${(text.length / 1024).toFixed(0)} KiB`,
        ms(result.openMs),
        result.rssAfterInit.toFixed(0),
        result.rssAfterOpen.toFixed(0),
        result.rssAfterClose.toFixed(0),
        before ? `${before.open} / ${before.close}` : "not measured",
      ]);
    }
    console.log(
      table(
        ["request", "n", "p50 ms", "p95 ms", "previous p50 / p95 ms"],
        rows.map((r) => {
          const before = PREVIOUS_LATENCY[r.what];
          return [r.what, String(r.n), ms(r.p50), ms(r.p95), before ? `${ms(before.p50)} / ${ms(before.p95)}` : "not measured"];
        }),
      ),
    );
    console.log(
      `\nServer memory (resident set, MiB); light mode over ${LIGHT_MODE_CHARACTERS.toLocaleString("en-US")} characters (syntax and references only):\n${table(
        ["document", "size", "open → diagnostics ms", "after initialize", "after opening it", "after closing it", "previous: open / closed"],
        memory,
      )}\n`,
    );
    results.lsp = { rows, memory };
  }

  if (run("activation")) {
    console.log("== Activation and bundles");
    const activation = await benchActivation();
    console.log(`Loading the minified client bundle (vscode stubbed), fresh process: ${ms(activation.requireClient)} ms (median of 7)`);
    console.log(`Starting the server process up to its initialize answer: ${ms(activation.serverInitialize)} ms (median of 7)`);
    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(
      `${table(
        ["bundle", "unminified", "minified", "minified+gzip"],
        activation.bundles.map((b) => [b.file, kib(b.built), kib(b.minified), kib(b.gzip)]),
      )}\n`,
    );
    results.activation = activation;
  }

  if (run("startup")) {
    const s = await benchStartup();
    console.log(
      `== Start-up: whole processes spawned from here, beside a bare \`node -e 0\` spawned the same way (wall time: median and minimum of ${s.node.runs} interleaved runs; peak RSS: the process's own VmHWM, median of 3)`,
    );
    const row = (f: typeof s.node, target: string) => [
      f.what,
      ms(f.medianMs),
      ms(f.minMs),
      ratio(f.medianMs / s.node.medianMs),
      f.maxRssMiB.toFixed(0),
      target,
    ];
    console.log(
      table(
        ["process", "median ms", "min ms", "× node -e 0", "peak RSS MiB", "target"],
        [row(s.node, ""), row(s.lintOne, `≤ ${TARGETS.lintRatio}× (${s.smallFile})`), row(s.lintCorpus, "")],
      ),
    );
    console.log(
      `\nLanguage server (dist/server.js over stdio, medians of ${s.server.runs} fresh processes):\n${table(
        ["phase", "median ms", "max ms", "RSS after, MiB", "target"],
        [
          ["spawn → initialize answer", ms(s.server.initializeMs), "", s.server.rssAfterInitializeMiB.toFixed(0), ""],
          [
            `initialize → first diagnostics (${s.server.file})`,
            ms(s.server.firstDiagnosticsMs),
            ms(s.server.firstDiagnosticsMaxMs),
            s.server.rssAfterDiagnosticsMiB.toFixed(0),
            `≤ ${TARGETS.firstDiagnosticsMs} ms`,
          ],
        ],
      )}\n`,
    );
    results.startup = s;
  }

  if (run("engine")) {
    console.log("== Local engine: 500-step fan-out/fan-in (1 → 498 → 1), in-memory runner, over the HTTP API");
    const rows = [...(await benchEngine(500, 0)), ...(await benchEngine(500, 20))];
    console.log(
      `${table(
        ["mode", "steps", "wall ms", "ms per step"],
        rows.map((r) => [r.mode, String(r.steps), ms(r.wallMs), ms(r.perStepMs)]),
      )}\n`,
    );
    results.engine = rows;
  }

  if (run("graph")) {
    console.log(
      "== Graph view: graph model and layout of a generated definition (Node; the extension's layout worker runs the same code), medians of 5 after a warm-up; before: the dagre layout it replaced, once",
    );
    const rows = benchGraph();
    console.log(
      `${table(
        ["steps", "edges", "model ms", "layout ms", "layout CPU ms", "after an edit ms", "crossings", "before: dagre ms", "dagre crossings"],
        rows.map((r) => [
          String(r.steps),
          String(r.edges),
          ms(r.modelMs),
          ms(r.layoutMs),
          ms(r.layoutCpuMs),
          ms(r.seededMs),
          String(r.crossings),
          ms(r.dagreMs),
          String(r.dagreCrossings),
        ]),
      )}`,
    );
    const corpus = benchCorpusCrossings();
    console.log(
      `corpus (${corpus.files} definitions): ${corpus.layered} edge crossings drawn (dagre: ${corpus.dagre}); fewer than dagre in ${corpus.better}, more in ${corpus.worse}\n`,
    );
    results.graph = { rows, corpus };
  }

  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
