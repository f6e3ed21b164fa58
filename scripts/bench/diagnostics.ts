/**
 * Full diagnostics (parse + schema + every rule: `analyze`) side by side with JSON.parse of the same
 * text and with vscode-json-languageservice parsing and validating the same text against our schema.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { getLanguageService, TextDocument } from "vscode-json-languageservice";
import { analyze } from "../../core/src";
import { pipelineSchema } from "../../core/src/schema/validator";
import { generatePipelineText } from "../../test/helpers/generate-pipeline";
import { measure, median, ms, ratio, table } from "./stats";

export const CORPUS = join(import.meta.dirname, "../../test/fixtures/corpus");

export function largestCorpusFile(): { name: string; text: string } {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".json"));
  const name = files.sort((a, b) => statSync(join(CORPUS, b)).size - statSync(join(CORPUS, a)).size)[0];
  return { name, text: readFileSync(join(CORPUS, name), "utf8") };
}

export interface DiagnosticsRow {
  document: string;
  steps: number;
  kib: number;
  diagnostics: number;
  ours: number;
  /** CPU time of the process per analysis (user + system, GC threads included): steadier than wall time on a shared machine. */
  oursCpu: number;
  jsonParse: number;
  jsonLs: number;
  jsonLsDiagnostics: number;
}

export async function benchDiagnostics(sizes = [10, 100, 1_000, 5_000]): Promise<DiagnosticsRow[]> {
  const schemaUri = String((pipelineSchema as { $id: string }).$id);
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: schemaUri, fileMatch: ["*.json"], schema: pipelineSchema as never }] });
  const documents = [
    ...sizes.map((steps) => ({ document: `generated, ${steps.toLocaleString("en-US")} steps`, steps, text: generatePipelineText(steps) })),
    (() => {
      const { name, text } = largestCorpusFile();
      return { document: `corpus: ${name}`, steps: analyze(text).model?.steps.length ?? 0, text };
    })(),
  ];
  analyze(documents[0].text); // compiles the schema validator once, as the server does on its first document
  const rows: DiagnosticsRow[] = [];
  for (const { document, steps, text } of documents) {
    const budgetMs = text.length > 2_000_000 ? 6_000 : 2_000;
    const jsonLsValidate = async () => {
      const textDocument = TextDocument.create("file:///bench.json", "json", 1, text);
      return service.doValidation(textDocument, service.parseJSONDocument(textDocument));
    };
    // Interleaved, so that both see the same machine state.
    const ours: number[] = [];
    const theirs: number[] = [];
    const parse: number[] = [];
    for (let round = 0; round < 3; round++) {
      ours.push(...(await measure(() => analyze(text), { budgetMs: budgetMs / 3, min: 2, warmup: round === 0 ? 2 : 0 })));
      theirs.push(...(await measure(jsonLsValidate, { budgetMs: budgetMs / 3, min: 2, warmup: round === 0 ? 2 : 0 })));
      parse.push(...(await measure(() => JSON.parse(text), { budgetMs: 200, min: 3, warmup: 1 })));
    }
    const cpuRuns = 3;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < cpuRuns; i++) analyze(text);
    const cpu = process.cpuUsage(cpuBefore);
    rows.push({
      document,
      steps,
      kib: text.length / 1024,
      diagnostics: analyze(text).diagnostics.length,
      ours: median(ours),
      oursCpu: (cpu.user + cpu.system) / 1000 / cpuRuns,
      jsonParse: median(parse),
      jsonLs: median(theirs),
      jsonLsDiagnostics: (await jsonLsValidate()).length,
    });
  }
  return rows;
}

export function printDiagnostics(rows: DiagnosticsRow[]): string {
  return table(
    [
      "document",
      "KiB",
      "ours ms",
      "÷ JSON.parse",
      "÷ json-languageservice",
      "JSON.parse ms",
      "json-ls ms",
      "ours µs/step",
      "CPU µs/step",
      "diags ours/json-ls",
    ],
    rows.map((r) => [
      r.document,
      r.kib.toFixed(0),
      ms(r.ours),
      ratio(r.ours / r.jsonParse),
      ratio(r.ours / r.jsonLs),
      ms(r.jsonParse),
      ms(r.jsonLs),
      r.steps ? ((1000 * r.ours) / r.steps).toFixed(0) : "-",
      r.steps ? ((1000 * r.oursCpu) / r.steps).toFixed(0) : "-",
      `${r.diagnostics}/${r.jsonLsDiagnostics}`,
    ]),
  );
}
