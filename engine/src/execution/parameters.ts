import { validation } from "../errors";

export interface DeclaredParameter {
  Name: string;
  Type?: string;
  DefaultValue?: unknown;
  EnumValues?: unknown[];
}

export type ParameterValue = string | number | boolean;

/**
 * The values an execution runs with: defaults, then the request's overrides (always strings on the
 * wire), checked against each parameter's type as the service does.
 */
export function resolveParameters(declared: DeclaredParameter[], overrides: Array<{ Name?: unknown; Value?: unknown }> = []): Record<string, ParameterValue> {
  const byName = new Map(declared.map((p) => [p.Name, p]));
  // A Map, not an object: `__proto__`, `constructor`... are ordinary parameter names.
  const values = new Map<string, ParameterValue>();
  for (const p of declared) if (p.DefaultValue !== undefined && p.DefaultValue !== null) values.set(p.Name, p.DefaultValue as ParameterValue);
  for (const override of overrides) {
    const name = String(override.Name ?? "");
    const parameter = byName.get(name);
    if (!parameter)
      throw validation(`Parameter '${name}' is not defined in the pipeline definition. Defined parameters: ${[...byName.keys()].join(", ") || "none"}.`);
    values.set(name, convert(parameter, String(override.Value ?? "")));
  }
  for (const p of declared) {
    if (!values.has(p.Name)) throw validation(`Parameter '${p.Name}' has no default value and was not given a value.`);
    if (Array.isArray(p.EnumValues) && p.EnumValues.length > 0 && !p.EnumValues.some((v) => String(v) === String(values.get(p.Name)))) {
      throw validation(`Value '${values.get(p.Name)}' of parameter '${p.Name}' is not one of its EnumValues: ${p.EnumValues.join(", ")}.`);
    }
  }
  // Object.fromEntries defines own properties, so a `__proto__` entry is data, not the prototype.
  return Object.fromEntries(values);
}

function convert(parameter: DeclaredParameter, text: string): ParameterValue {
  switch (parameter.Type ?? "String") {
    case "Integer":
      if (!/^[-+]?\d+$/.test(text.trim())) throw validation(`Value '${text}' of parameter '${parameter.Name}' is not an Integer.`);
      return Number(text);
    case "Float":
      if (text.trim() === "" || Number.isNaN(Number(text))) throw validation(`Value '${text}' of parameter '${parameter.Name}' is not a Float.`);
      return Number(text);
    case "Boolean":
      if (!/^(true|false)$/i.test(text.trim())) throw validation(`Value '${text}' of parameter '${parameter.Name}' is not a Boolean (true or false).`);
      return text.trim().toLowerCase() === "true";
    default:
      return text;
  }
}

/** As ListPipelineParametersForExecution shows them: strings. */
export function parameterList(values: Record<string, ParameterValue>): Array<{ Name: string; Value: string }> {
  return Object.entries(values).map(([Name, value]) => ({ Name, Value: String(value) }));
}
