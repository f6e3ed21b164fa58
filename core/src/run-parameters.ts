/**
 * The parameters of a run against a reference execution: the reference's values (the service does
 * not inherit them), then the user's overrides. Naming a parameter the reference does not have is an
 * error, as in the SDK's build_parameters_from_execution.
 */
export function mergeRunParameters(
  reference: Array<{ Name?: string; Value?: string }> | undefined,
  overrides: Record<string, string>,
): { parameters: Array<{ Name: string; Value: string }>; error?: string } {
  if (!reference) return { parameters: Object.entries(overrides).map(([Name, Value]) => ({ Name, Value })) };
  const values = new Map(reference.filter((p) => p.Name !== undefined).map((p) => [p.Name!, p.Value ?? ""]));
  const unknown = Object.keys(overrides).filter((name) => !values.has(name));
  if (unknown.length > 0) {
    return { parameters: [], error: `The parameter override(s) ${unknown.map((n) => `'${n}'`).join(", ")} are not parameters of the reference execution (it has: ${[...values.keys()].join(", ") || "none"}).` };
  }
  for (const [name, value] of Object.entries(overrides)) values.set(name, value);
  return { parameters: [...values].map(([Name, Value]) => ({ Name, Value })) };
}

/** `K=V` pairs from the command line or a form. */
export function parseParameterAssignments(assignments: string[]): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf("=");
    if (at <= 0) return { values, error: `Expected NAME=VALUE, got '${assignment}'.` };
    values[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return { values };
}

/** A pipeline name the API accepts, from a file name: `abalone.pipeline.json` → `abalone`. */
export function pipelineNameFromFile(fileName: string): string {
  const base = fileName.replace(/\\/g, "/").split("/").pop()!.replace(/(\.pipeline)?\.json$/i, "");
  const name = base.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 256);
  return name || "pipeline";
}
