import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { LineIndex, type SeveritySetting } from "../../../core/src";
import { prepareStoreFolder } from "../../../engine/src";
import { exportPythonPipeline, parsePythonTarget, pythonDiagnostics, type PythonExportAws, type PythonExportResult } from "../../../sagemaker/src";
import type { FileResult } from "../format";
import { UsageError } from "../files";

/** What `export`, and `lint`, `plan` and `run` of a `.py`, take: the function's arguments and the interpreter. */
export interface PythonOptions {
  arg?: string[];
  python?: string;
}

export interface ExportOptions extends PythonOptions {
  output?: string;
  store?: string;
  aws?: boolean;
  profile?: string;
  region?: string;
  role?: string;
}

export interface ExportedPython {
  file: string;
  text: string;
  result: PythonExportResult;
}

/** Runs the export of `target` (`FILE.py[:FUNCTION]`): offline, its uploads in `store` when given; or for AWS. */
export async function exportPython(target: string, options: PythonOptions, store?: string, aws?: PythonExportAws): Promise<ExportedPython> {
  const parsed = parsePythonTarget(target);
  if (!parsed) throw new UsageError(`Not a Python file: ${target} (expected FILE.py or FILE.py:FUNCTION)`);
  let text: string;
  try {
    text = readFileSync(parsed.file, "utf8");
  } catch {
    throw new UsageError(`No such file: ${parsed.file}`);
  }
  for (const arg of options.arg ?? []) if (!/^[A-Za-z_]\w*=/.test(arg)) throw new UsageError(`--arg expects NAME=VALUE, got '${arg}'`);
  if (store && !aws) prepareStoreFolder(resolve(store));
  const result = await exportPythonPipeline({ file: parsed.file, function: parsed.function, args: options.arg, python: options.python, store, aws });
  return { file: parsed.file, text, result };
}

/** `path:line:column: error python-export: message`, then the shortened traceback or the install command. */
export function describeFailure(exported: ExportedPython): string[] {
  const { result, text, file } = exported;
  if (result.ok) return [];
  const [diagnostic] = pythonDiagnostics(result, text);
  const at = new LineIndex(text).positionAt(diagnostic.start);
  const lines = [`${file}:${at.line + 1}:${at.character + 1}: error ${diagnostic.code}: ${diagnostic.message}`];
  if (result.kind === "raised" && result.traceback) lines.push(...result.traceback.split("\n").map((l) => `  ${l}`));
  if (result.kind === "crashed" && result.stderr)
    lines.push(
      ...result.stderr
        .trim()
        .split("\n")
        .slice(-10)
        .map((l) => `  ${l}`),
    );
  return lines;
}

/** `sagemaker-pipelines export FILE.py[:FUNCTION]`: the definition JSON on stdout or in `-o FILE`. */
export async function exportCommand(target: string, options: ExportOptions, out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const aws = options.aws || options.profile || options.region ? { profile: options.profile, region: options.region, role: options.role } : undefined;
  const exported = await exportPython(target, options, options.store, aws);
  const { result } = exported;
  if (!result.ok) {
    describeFailure(exported).forEach(err);
    return 1;
  }
  if (options.output) writeFileSync(options.output, result.definition);
  else out(result.definition);
  const kept = aws ? "made to S3" : `kept in ${options.store ?? "memory"}`;
  const uploads = result.uploads.length ? `; ${result.uploads.length} upload(s) ${kept}` : "";
  err(`Exported ${result.name ? `pipeline '${result.name}' ` : ""}from ${result.found} in ${exported.file} (sagemaker ${result.sdk})${uploads}.`);
  return 0;
}

/** `lint` of `.py` files: each exported, its definition's diagnostics placed in the Python source. */
export async function lintPython(targets: string[], options: PythonOptions & { rule: Record<string, SeveritySetting> }): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const target of targets) {
    const exported = await exportPython(target, options);
    results.push({ path: exported.file, text: exported.text, diagnostics: pythonDiagnostics(exported.result, exported.text, options.rule) });
  }
  return results;
}
