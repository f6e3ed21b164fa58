import { parseReference, type PathSegment } from "../../../core/src";

/** What expressions read while an execution runs. */
export interface EvaluationScope {
  parameters: Record<string, string | number | boolean>;
  execution: Record<string, string>;
  experiment?: { ExperimentName?: string; TrialName?: string };
  /** Properties of the steps that have finished (or were reused), by step name. */
  steps: Map<string, Record<string, unknown>>;
  /** Reads a property file: the JSON of `FilePath` in the named output of a Processing step. */
  readPropertyFile(stepName: string, propertyFileName: string): unknown;
}

export class EvaluationError extends Error {}

const KEY_FIELDS = ["OutputName", "InputName", "ChannelName", "MetricName", "VariantName", "Name", "Key"];

/** Replaces every expression (Get, Std:Join, Std:JsonGet) in a JSON value by its value. */
export function evaluate(value: unknown, scope: EvaluationScope): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (typeof object.Get === "string" && Object.keys(object).length === 1) return get(object.Get, scope);
  if ("Std:Join" in object) return join(object["Std:Join"], scope);
  if ("Std:JsonGet" in object) return jsonGet(object["Std:JsonGet"], scope);
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, evaluate(v, scope)]));
}

function get(reference: string, scope: EvaluationScope): unknown {
  const parsed = parseReference(reference);
  switch (parsed.root) {
    case "Parameters":
      if (!Object.hasOwn(scope.parameters, parsed.name)) throw new EvaluationError(`Parameter '${parsed.name}' is not defined.`);
      return scope.parameters[parsed.name];
    case "Execution":
      if (!Object.hasOwn(scope.execution, parsed.name)) throw new EvaluationError(`Execution variable '${parsed.name}' is not available.`);
      return scope.execution[parsed.name];
    case "PipelineExperimentConfig":
      return (scope.experiment as Record<string, unknown> | undefined)?.[parsed.name];
    case "Steps": {
      const properties = scope.steps.get(parsed.stepName);
      if (!properties) throw new EvaluationError(`Step '${parsed.stepName}' has no properties yet: it has not run in this execution.`);
      return walkPath(properties, parsed.path, reference);
    }
    default:
      throw new EvaluationError(`'${reference}' is not a reference.`);
  }
}

/** Follows `.Member`, `[n]` and `['key']` segments through a step's properties. */
export function walkPath(root: unknown, path: PathSegment[], reference: string): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (segment.kind === "member") {
      current = isObject(current) && Object.hasOwn(current, segment.name) ? current[segment.name] : undefined;
    } else if (segment.kind === "index") {
      current = Array.isArray(current) ? current[segment.index] : undefined;
    } else if (segment.kind === "key") {
      if (Array.isArray(current)) current = current.find((item) => isObject(item) && KEY_FIELDS.some((field) => item[field] === segment.key));
      else current = isObject(current) && Object.hasOwn(current, segment.key) ? current[segment.key] : undefined;
    } else {
      throw new EvaluationError(`'${reference}' has a malformed segment '${segment.text}'.`);
    }
    if (current === undefined) throw new EvaluationError(`'${reference}' does not resolve: the step has no such property.`);
  }
  return current;
}

function join(body: unknown, scope: EvaluationScope): string {
  if (!isObject(body) || !Array.isArray(body.Values)) throw new EvaluationError("Std:Join needs Values (an array).");
  const separator = typeof body.On === "string" ? body.On : "";
  return body.Values.map((v) => stringify(evaluate(v, scope))).join(separator);
}

function jsonGet(body: unknown, scope: EvaluationScope): unknown {
  if (!isObject(body) || typeof body.Path !== "string") throw new EvaluationError("Std:JsonGet needs a Path.");
  const file = body.PropertyFile;
  let document: unknown;
  if (isObject(file) && typeof file.Get === "string") {
    const parsed = parseReference(file.Get);
    const fileName = parsed.root === "Steps" && parsed.path[0]?.kind === "member" && parsed.path[1]?.kind === "member" ? parsed.path[1].name : undefined;
    if (parsed.root !== "Steps" || !fileName) throw new EvaluationError(`'${file.Get}' is not a property file reference.`);
    document = scope.readPropertyFile(parsed.stepName, fileName);
  } else {
    throw new EvaluationError('Std:JsonGet in local mode reads property files (PropertyFile: {"Get": "Steps.X.PropertyFiles.Name"}).');
  }
  return walkJsonPath(document, body.Path);
}

/** `a.b[0]['c']`, the path grammar of property files. */
export function walkJsonPath(document: unknown, path: string): unknown {
  const parsed = parseReference(path.startsWith("[") ? `Steps.x${path}` : `Steps.x.${path}`);
  const segments = parsed.root === "Steps" ? parsed.path : [];
  return walkPath(document, segments, path);
}

/** How values become strings when joined or passed as parameters: JSON for objects, plain for primitives. */
export function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
