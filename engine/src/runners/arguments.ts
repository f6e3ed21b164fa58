import { StepJobError } from "./runner";

/** Readers for a step's resolved `Arguments` that fail with a StepJobError naming the member. */

export type Json = Record<string, unknown>;

function invalid(path: string, expected: string): StepJobError {
  return new StepJobError(`Invalid step arguments: ${path} must be ${expected}.`);
}

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): Json {
  if (!isRecord(value)) throw invalid(path, "an object");
  return value;
}

export function optionalRecord(value: unknown, path: string): Json | undefined {
  return value === undefined || value === null ? undefined : record(value, path);
}

/** An array of objects; a missing member is an empty list. */
export function records(value: unknown, path: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(path, "an array");
  return value.map((item, index) => record(item, `${path}[${index}]`));
}

export function text(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0) throw invalid(path, "a non-empty string");
  return value;
}

export function optionalText(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, path);
}

export function texts(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(path, "an array of strings");
  return value.map((item, index) => {
    if (typeof item !== "string") throw invalid(`${path}[${index}]`, "a string");
    return item;
  });
}

/** A string-to-string map (`Environment`, `HyperParameters`); numbers and booleans are rendered as the service would receive them. */
export function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = record(value, path);
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(map)) {
    if (typeof item === "string") result[key] = item;
    else if (typeof item === "number" || typeof item === "boolean") result[key] = String(item);
    else throw invalid(`${path}.${key}`, "a string");
  }
  return result;
}

export function positiveNumber(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number <= 0) throw invalid(path, "a positive number");
  return number;
}

export function flag(value: unknown): boolean {
  return value === true || value === "true";
}
