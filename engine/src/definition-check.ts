import { analyze, LineIndex } from "../../core/src";

/**
 * Errors the service only meets when a step runs (or that are about uploading), not when it parses
 * a definition: CreatePipeline accepts them, and so does the local engine.
 */
const NOT_CHECKED_AT_CREATE = new Set(["processing-inputs-limit", "definition-too-large", "reference-invalid-property"]);

/**
 * The service refuses a definition it cannot parse; our linter's errors stand in for its parser. The refusal's message,
 * or undefined when the definition is accepted.
 */
export function definitionRefusal(definition: string): string | undefined {
  const errors = analyze(definition).diagnostics.filter((d) => d.severity === "error" && !NOT_CHECKED_AT_CREATE.has(d.code));
  if (errors.length === 0) return undefined;
  const first = errors[0];
  const at = new LineIndex(definition).positionAt(first.start);
  return `Unable to parse pipeline definition. ${first.message} (${first.code} at line ${at.line + 1}, column ${at.character + 1}${errors.length > 1 ? `; ${errors.length - 1} more error(s)` : ""})`;
}
