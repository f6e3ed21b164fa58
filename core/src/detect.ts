import { parse, type ParseError } from "jsonc-parser";

export const PIPELINE_VERSION = "2020-12-01";

/**
 * Whether a JSON text is a SageMaker pipeline definition: `"Version": "2020-12-01"`, or a `Steps`
 * array of objects with `Name` and `Type`. Tolerant of syntax errors (a file being edited).
 * A Step Functions state machine (`States`, `StartAt`) is never claimed.
 */
export function isPipelineDefinition(text: string): boolean {
  let value: unknown;
  try {
    value = parse(text, [], { disallowComments: false, allowTrailingComma: true });
  } catch {
    return false;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  if ("States" in object && "StartAt" in object) return false;
  if (object.Version === PIPELINE_VERSION && ("Steps" in object || "Parameters" in object)) return true;
  const steps = object.Steps;
  if (!Array.isArray(steps) || steps.length === 0) return false;
  return steps.every(
    (s) => s && typeof s === "object" && typeof (s as Record<string, unknown>).Name === "string" && typeof (s as Record<string, unknown>).Type === "string",
  );
}

/**
 * Whether a text that is not a definition looks like a failed attempt at one, which a linter should check rather
 * than pass over: a JSON string whose content is a definition (encoded twice), or a text that is not JSON at all
 * (a Python dict repr, a half-edited file) but mentions `"Steps"` or `'Steps'`.
 */
export function looksLikeBrokenDefinition(text: string): boolean {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: false, allowTrailingComma: true });
  if (errors.length === 0) return typeof value === "string" && isPipelineDefinition(value);
  return /["']Steps["']/.test(text);
}
