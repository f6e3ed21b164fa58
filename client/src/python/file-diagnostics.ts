import { LineIndex, mapDiagnosticsToPython, pythonFailureDiagnostic, type PipelineDiagnostic, type Range } from "../../../core/src";
import type { Lint, PythonExportResult } from "../../../sagemaker/src";

export type PlacedDiagnostic = PipelineDiagnostic & { range: Range };

/**
 * The diagnostics of a `.py` pipeline file after an export: the definition's (the language server's analysis, through
 * `lint`), each placed on the literal of the Python source it is about; or the one `python-export` error of a failed
 * export. `python`: the source the export ran (its saved text). No VS Code.
 */
export async function pythonFileDiagnostics(result: PythonExportResult, python: string, lint: Lint, definitionUri: string): Promise<PlacedDiagnostic[]> {
  const found = result.ok
    ? mapDiagnosticsToPython(result.definition, await lint(definitionUri, result.definition), python)
    : [pythonFailureDiagnostic(result, python)];
  const lines = new LineIndex(python);
  return found.map((d) => ({ ...d, range: lines.rangeOf(d.start, d.end) }));
}
