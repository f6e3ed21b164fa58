import type { DeclaredParameter } from "../planner/parameters";
import type { ParameterValue } from "./expressions";

/**
 * The values a run's expressions read: the defaults, then the given values (strings, as the API takes and
 * lists them) converted per the parameter's Type as the engine does. A value that does not convert stays a
 * string (the run would be refused; other checks report it). Names the definition does not declare are ignored.
 */
export function runParameterValues(declared: DeclaredParameter[], given: Record<string, string>): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const parameter of declared) {
    if (Object.hasOwn(given, parameter.name)) values[parameter.name] = convert(parameter.type, given[parameter.name]);
    else if (isParameterValue(parameter.defaultValue)) values[parameter.name] = parameter.defaultValue;
  }
  return values;
}

function convert(type: string, text: string): ParameterValue {
  const trimmed = text.trim();
  if (type === "Integer" && /^[-+]?\d+$/.test(trimmed)) return Number(trimmed);
  if (type === "Float" && trimmed !== "" && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  if (type === "Boolean" && /^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === "true";
  return text;
}

function isParameterValue(value: unknown): value is ParameterValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
