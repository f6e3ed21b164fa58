/** `K=V` pairs from the command line or a form. */
export function parseParameterAssignments(assignments: string[]): { values: Record<string, string>; error?: string } {
  // Entries, then Object.fromEntries: `__proto__=x` is a parameter like any other, not the object's prototype.
  const entries: Array<[string, string]> = [];
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at <= 0) return { values: Object.fromEntries(entries), error: `Expected NAME=VALUE, got '${assignment}'.` };
    entries.push([assignment.slice(0, at), assignment.slice(at + 1)]);
  }
  return { values: Object.fromEntries(entries) };
}

/** A pipeline name the API accepts, from a file name: `abalone.pipeline.json` → `abalone`. */
export function pipelineNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/\\/g, "/")
    .split("/")
    .pop()!
    .replace(/(\.pipeline)?\.json$/i, "");
  const name = base
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 256);
  return name || "pipeline";
}

/** The tag a client puts on CreatePipeline to say where the definition file lives (the local engine resolves relative paths against it). */
export const DEFINITION_DIRECTORY_TAG = "sagemaker-pipelines:local:definition-directory";
