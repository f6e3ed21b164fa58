import { validation } from "./errors";

/** Reads a required string member, with the service's kind of message when it is missing. */
export function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== "string" || value.length === 0) {
    throw validation(`1 validation error detected: Value at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw validation(`1 validation error detected: Value at '${lowerFirst(member)}' failed to satisfy constraint: Member must be a string`);
  return value;
}

export function optionalNumber(input: Record<string, unknown>, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw validation(
      `1 validation error detected: Value '${JSON.stringify(value)}' at '${lowerFirst(member)}' failed to satisfy constraint: Member must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

export function checkPattern(value: string, member: string, pattern: RegExp, description: string): void {
  if (!pattern.test(value)) {
    throw validation(
      `1 validation error detected: Value '${value}' at '${lowerFirst(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${description}`,
    );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
