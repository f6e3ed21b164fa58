import { allRules, LineIndex, PYTHON_EXPORT_CODE, PYTHON_EXPORT_DESCRIPTION, type PipelineDiagnostic, type Range } from "../../core/src";

export interface FileResult {
  path: string;
  text: string;
  diagnostics: PipelineDiagnostic[];
}

interface LocatedDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
}

function locate(result: FileResult): LocatedDiagnostic[] {
  const lines = new LineIndex(result.text);
  return result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: lines.rangeOf(d.start, d.end) }));
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `skipped`: the other `.json` files under the named directories (counted in the summary, listed when `verbose`). */
export function formatText(results: FileResult[], skipped: string[] = [], verbose = false): string {
  const out: string[] = [];
  if (verbose) for (const path of skipped) out.push(`${path}: skipped (not a pipeline definition)`);
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of results) {
    for (const d of locate(result)) {
      counts[d.severity as keyof typeof counts]++;
      out.push(`${result.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`);
    }
  }
  const checked = `${plural(results.length, "file")} checked${skipped.length > 0 ? `, ${plural(skipped.length, "other JSON file")} skipped` : ""}`;
  out.push(
    `${checked}: ${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.information} information, ${plural(counts.hint, "hint")}.`,
  );
  return out.join("\n") + "\n";
}

export function formatJson(results: FileResult[], skipped: string[] = []): string {
  return JSON.stringify({ files: results.map((r) => ({ path: r.path, diagnostics: locate(r) })), skipped }, null, 2) + "\n";
}

const SARIF_LEVEL: Record<string, string> = { error: "error", warning: "warning", information: "note", hint: "note" };

/** SARIF 2.1.0: lines and columns are 1-based there. */
export function formatSarif(results: FileResult[], version: string): string {
  // The rules over definitions, and the failed export of a Python pipeline file.
  const described = [...allRules, { code: PYTHON_EXPORT_CODE, description: PYTHON_EXPORT_DESCRIPTION, defaultSeverity: "error" }];
  const rules = described.map((r) => ({
    id: r.code,
    shortDescription: { text: r.description },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const sarifResults = results.flatMap((r) =>
    locate(r).map((d) => ({
      ruleId: d.code,
      ruleIndex: rules.findIndex((rule) => rule.id === d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: r.path.split("\\").join("/") },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        // No informationUri (optional in SARIF 2.1.0): the tool has no public page to point at.
        tool: { driver: { name: "sagemaker-pipelines", version, rules } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
