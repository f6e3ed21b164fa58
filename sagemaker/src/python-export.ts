/**
 * Exports a Python pipeline file (built with the SageMaker Python SDK) to its definition JSON by running the user's code
 * with their interpreter and sagemaker/python/export_pipeline.py (copied next to the bundles as dist/python/). No VS Code:
 * the CLI uses it, and the editor can.
 */
import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyze, mapDiagnosticsToPython, pythonFailureDiagnostic, type PipelineDiagnostic, type SeveritySetting } from "../../core/src";

export interface PythonExportRequest {
  /** The .py file. */
  file: string;
  /** The module-level function or Pipeline variable to use; else the export finds one. */
  function?: string;
  /** `NAME=VALUE` arguments of the function (the SageMaker Projects template's region, role, default_bucket…). */
  args?: string[];
  /** The interpreter; default `python3`. */
  python?: string;
  /** The local engine's store folder: the SDK's S3 uploads are written to its object store. */
  store?: string;
  /**
   * Export for a run on AWS: nothing is intercepted, the SDK calls AWS with the environment's credentials (this profile
   * and region when given) and uploads what the definition references to S3. Without it the export is offline.
   */
  aws?: PythonExportAws;
  /** More environment variables for the interpreter (e.g. `AWS_ENDPOINT_URL`). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** The export script; default: pythonExportScript(). */
  script?: string;
}

export interface PythonExportAws {
  profile?: string;
  region?: string;
  /** The role the pipeline runs with: `get_pipeline(role=…)` and `get_execution_role()` get it. */
  role?: string;
}

export interface PythonExportSuccess {
  ok: true;
  definition: string;
  /** The Pipeline's `name`. */
  name?: string;
  /** What produced it, e.g. `get_pipeline(region, role, default_bucket)`. */
  found: string;
  uploads: string[];
  sdk: string;
  stderr: string;
}

export type PythonExportFailureKind = "sdk-missing" | "raised" | "not-found" | "arguments" | "no-python" | "crashed" | "cancelled";

export interface PythonExportFailure {
  ok: false;
  kind: PythonExportFailureKind;
  message: string;
  /** The traceback shortened to the user's frames (kind `raised`). */
  traceback?: string;
  /** 1-based lines of the exported file's own frames, outermost first (kind `raised`). */
  frameLines: number[];
  /** The command that installs the SDK in that interpreter (kind `sdk-missing`). */
  install?: string;
  stderr: string;
}

export type PythonExportResult = PythonExportSuccess | PythonExportFailure;

const TARGET = /^(.*\.py)(?::([A-Za-z_][A-Za-z0-9_]*))?$/;

/** `pipeline.py` or `pipeline.py:get_pipeline`: the file and the function; undefined for anything else. */
export function parsePythonTarget(target: string): { file: string; function?: string } | undefined {
  const match = TARGET.exec(target);
  return match ? { file: match[1], function: match[2] } : undefined;
}

/** The export script: next to the bundle (dist/python/), or in the sources (sagemaker/python/). */
export function pythonExportScript(): string {
  const candidates = [join(__dirname, "python", "export_pipeline.py"), join(__dirname, "..", "python", "export_pipeline.py")];
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

interface ScriptError {
  kind?: string;
  message?: string;
  traceback?: string;
  install?: string;
  frames?: Array<{ file: string; line: number }>;
}

export function exportPythonPipeline(request: PythonExportRequest): Promise<PythonExportResult> {
  const python = request.python || "python3";
  const file = resolve(request.file);
  const args = [request.script ?? pythonExportScript(), file];
  if (request.function) args.push("--function", request.function);
  for (const arg of request.args ?? []) args.push("--arg", arg);
  const env: NodeJS.ProcessEnv = { ...process.env, ...request.env, PYTHONDONTWRITEBYTECODE: "1" };
  if (request.aws) {
    args.push("--aws");
    if (request.aws.role) args.push("--role", request.aws.role);
    if (request.aws.profile) env.AWS_PROFILE = request.aws.profile;
    if (request.aws.region) env.AWS_REGION = env.AWS_DEFAULT_REGION = request.aws.region;
  } else if (request.store) args.push("--store", resolve(request.store));
  const failure = (kind: PythonExportFailureKind, message: string, stderr = ""): PythonExportFailure => ({ ok: false, kind, message, frameLines: [], stderr });
  return new Promise((done) => {
    // No bytecode caches: the user's folder stays as it was.
    const child = spawn(python, args, { env, stdio: ["ignore", "pipe", "pipe"], signal: request.signal });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error: NodeJS.ErrnoException) => {
      if (error.name === "AbortError") done(failure("cancelled", "The export was cancelled.", stderr));
      else if (error.code === "ENOENT") done(failure("no-python", `No Python interpreter '${python}' (give one with --python PATH).`));
      else done(failure("crashed", `Could not run ${python}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      let result: { ok?: boolean; error?: ScriptError; definition?: string; name?: string; found?: string; uploads?: string[]; sdk?: string };
      try {
        result = JSON.parse(line);
      } catch {
        const tail = stderr.trim().split("\n").slice(-8).join("\n");
        return done(failure("crashed", `${python} ended (${signal ?? `exit ${code}`}) without exporting the pipeline.${tail ? `\n${tail}` : ""}`, stderr));
      }
      if (result.ok && typeof result.definition === "string") {
        return done({
          ok: true,
          definition: result.definition,
          name: result.name ?? undefined,
          found: result.found ?? "",
          uploads: result.uploads ?? [],
          sdk: result.sdk ?? "",
          stderr,
        });
      }
      const error = result.error ?? {};
      const real = safeRealpath(file);
      done({
        ok: false,
        kind: (error.kind as PythonExportFailureKind) ?? "crashed",
        message: error.message ?? "The export failed.",
        traceback: error.traceback,
        install: error.install,
        frameLines: (error.frames ?? []).filter((f) => safeRealpath(f.file) === real).map((f) => f.line),
        stderr,
      });
    });
  });
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * The diagnostics of a Python pipeline file: the definition's, placed on the literals they are about; or, when the
 * export failed, one `python-export` error: where the code raised (on the literal the SDK's message names, else the line
 * it raised on, else the `Pipeline(` call), or at the top of the file when it did not run (no SDK, no pipeline found).
 */
export function pythonDiagnostics(result: PythonExportResult, python: string, severities: Record<string, SeveritySetting> = {}): PipelineDiagnostic[] {
  if (result.ok) return mapDiagnosticsToPython(result.definition, analyze(result.definition, { severities }).diagnostics, python);
  return [pythonFailureDiagnostic(result, python)];
}
