import { getNodeValue } from "jsonc-parser";
import type { PipelineModel } from "../model";

export interface DeclaredParameter {
  name: string;
  type: string;
  defaultValue?: unknown;
  enumValues?: unknown[];
}

export type ParameterSource = "default" | "reference" | "override";

export interface PlannedParameter {
  name: string;
  value: string;
  source: ParameterSource;
}

export interface ParameterPlan {
  /** What StartPipelineExecution sends: the reference's values and the overrides (defaults are the service's to apply). */
  send: Array<{ Name: string; Value: string }>;
  /** Every declared parameter with the value the run will use and where it comes from, for the confirmation. */
  values: PlannedParameter[];
  errors: string[];
  /** The errors with the parameter each is about, for the Run Plan's fields. */
  issues: Array<{ parameter: string; message: string }>;
}

export function declaredParameters(model: PipelineModel): DeclaredParameter[] {
  return model.parameters
    .filter((p) => p.name !== undefined)
    .map((p) => ({
      name: p.name!,
      type: p.type,
      defaultValue: p.defaultNode ? getNodeValue(p.defaultNode) : undefined,
      enumValues: p.enumValuesNode ? (getNodeValue(p.enumValuesNode) as unknown[]) : undefined,
    }));
}

/** Why `text` is not a value of the parameter, as the service would refuse it; undefined when it is fine. */
export function parameterValueProblem(parameter: DeclaredParameter, text: string): string | undefined {
  const trimmed = text.trim();
  if (parameter.type === "Integer" && !/^[-+]?\d+$/.test(trimmed)) return `'${text}' is not an Integer (parameter ${parameter.name}).`;
  if (parameter.type === "Float" && (trimmed === "" || Number.isNaN(Number(trimmed)))) return `'${text}' is not a Float (parameter ${parameter.name}).`;
  if (parameter.type === "Boolean" && !/^(true|false)$/i.test(trimmed)) return `'${text}' is not a Boolean, true or false (parameter ${parameter.name}).`;
  if (Array.isArray(parameter.enumValues) && parameter.enumValues.length > 0 && !parameter.enumValues.some((v) => String(v) === text)) {
    return `'${text}' is not one of ${parameter.name}'s EnumValues: ${parameter.enumValues.join(", ")}.`;
  }
  return undefined;
}

/**
 * The parameters of a run: with a reference, its values (the service does not inherit them) then the overrides, and an
 * override the reference lacks is an error (as the SDK's build_parameters_from_execution); without one, the defaults
 * and the overrides. Overrides are checked against the definition's parameter types.
 */
export function planParameters(
  declared: DeclaredParameter[],
  reference: Array<{ Name?: string; Value?: string }> | undefined,
  overrides: Record<string, string>,
): ParameterPlan {
  const issues: Array<{ parameter: string; message: string }> = [];
  const byName = new Map(declared.map((p) => [p.name, p]));
  const referenceValues = reference ? new Map(reference.filter((p) => p.Name !== undefined).map((p) => [p.Name!, p.Value ?? ""])) : undefined;
  for (const name of Object.keys(overrides)) {
    if (!byName.has(name))
      issues.push({ parameter: name, message: `'${name}' is not a parameter of this pipeline (it has: ${[...byName.keys()].join(", ") || "none"}).` });
    else if (referenceValues && !referenceValues.has(name))
      issues.push({
        parameter: name,
        message: `'${name}' is not a parameter of the reference execution, so it cannot be overridden against it (the reference has: ${[...referenceValues.keys()].join(", ") || "none"}).`,
      });
  }
  const send = new Map<string, string>(referenceValues ? [...referenceValues].filter(([name]) => byName.has(name)) : []);
  const values: PlannedParameter[] = [];
  for (const parameter of declared) {
    let value: string | undefined;
    let source: ParameterSource = "default";
    if (Object.hasOwn(overrides, parameter.name)) {
      value = overrides[parameter.name];
      source = "override";
      const problem = parameterValueProblem(parameter, value);
      if (problem) issues.push({ parameter: parameter.name, message: problem });
      send.set(parameter.name, value);
    } else if (referenceValues?.has(parameter.name)) {
      value = referenceValues.get(parameter.name)!;
      source = "reference";
    } else if (parameter.defaultValue !== undefined && parameter.defaultValue !== null) {
      value = String(parameter.defaultValue);
    } else {
      issues.push({ parameter: parameter.name, message: `Parameter ${parameter.name} has no default value: give it one.` });
      continue;
    }
    values.push({ name: parameter.name, value, source });
  }
  return { send: [...send].map(([Name, Value]) => ({ Name, Value })), values, errors: issues.map((i) => i.message), issues };
}
