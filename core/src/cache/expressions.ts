import { parseReference } from "../references";
import { isPlainObject } from "./paths";
import { isExpression } from "./policy";

export type ParameterValue = string | number | boolean;

/** What a definition's expressions can be resolved against before a run. */
export interface ResolutionScope {
  parameters: Record<string, ParameterValue>;
  /** The definition's PipelineExperimentConfig: what `PipelineExperimentConfig.X` reads. */
  experimentConfig?: Record<string, unknown>;
}

/**
 * Replaces what is known before a run by its value: parameters (typed), PipelineExperimentConfig members the
 * definition sets, and Std:Join over known values. Everything else stays as the expression, so two sides compare
 * symbolically: step outputs and constant execution variables (PipelineName, PipelineArn) are equal when written
 * the same; per-run execution variables are recognised by the caller.
 */
export function resolveExpressions(value: unknown, scope: ResolutionScope): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveExpressions(v, scope));
  if (!isPlainObject(value)) return value;
  if (typeof value.Get === "string" && Object.keys(value).length === 1) return resolveGet(value, value.Get, scope);
  if ("Std:Join" in value) return resolveJoin(value, scope);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveExpressions(v, scope)]));
}

function resolveGet(expression: Record<string, unknown>, reference: string, scope: ResolutionScope): unknown {
  const parsed = parseReference(reference);
  if (parsed.root === "Parameters" && Object.hasOwn(scope.parameters, parsed.name)) return scope.parameters[parsed.name];
  if (parsed.root === "PipelineExperimentConfig" && scope.experimentConfig && Object.hasOwn(scope.experimentConfig, parsed.name)) {
    // Without the config in scope, so that a member reading the config itself cannot loop.
    return resolveExpressions(scope.experimentConfig[parsed.name], { parameters: scope.parameters });
  }
  return expression;
}

function resolveJoin(expression: Record<string, unknown>, scope: ResolutionScope): unknown {
  const body = expression["Std:Join"];
  if (!isPlainObject(body) || !Array.isArray(body.Values)) return resolveMembers(expression, scope);
  const values = body.Values.map((v) => resolveExpressions(v, scope));
  if (values.some(isExpression)) return { ...expression, "Std:Join": { ...body, Values: values } };
  return values.map(joinedText).join(typeof body.On === "string" ? body.On : "");
}

function resolveMembers(value: Record<string, unknown>, scope: ResolutionScope): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveExpressions(v, scope)]));
}

/** As the engine joins values: plain primitives, JSON for objects, nothing for null. */
function joinedText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
