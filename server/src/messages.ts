/**
 * What the server checks in the messages it is sent, before any feature reads them: the custom notifications and
 * requests of protocol/src field by field (for executions, every field the cache code reads), and the fields of
 * standard requests the handlers trust (document, position, range, context). A check answers the first problem as
 * text ("executions[2].steps.Train.status: expected a string, found a number"), or undefined when the message is
 * well formed; the server logs the problem as a warning and ignores the message.
 */
import type { CacheContextParams, LintParams, SetReferenceParams, StepsInRangesParams } from "../../protocol/src";

type Problem = string | undefined;
type Check = (value: unknown, path: string) => Problem;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : type === "undefined" ? "nothing" : `a ${type}`;
}

const expected = (what: string, value: unknown, path: string) => `${path || "params"}: expected ${what}, found ${describe(value)}`;

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const string: Check = (value, path) => (typeof value === "string" ? undefined : expected("a string", value, path));
const count: Check = (value, path) =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? undefined : expected("a whole number ≥ 0", value, path);
const boolean: Check = (value, path) => (typeof value === "boolean" ? undefined : expected("a boolean", value, path));
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined ? undefined : check(value, path);
const nullable =
  (check: Check): Check =>
  (value, path) =>
    value === undefined || value === null ? undefined : check(value, path);

function object(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isObject(value)) return expected("an object", value, path);
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(value[name], path ? `${path}.${name}` : name);
      if (problem) return problem;
    }
    return undefined;
  };
}

function array(item: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return expected("an array", value, path);
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object used as a map: every value passes `item`. */
function record(item: Check): Check {
  return (value, path) => {
    if (!isObject(value)) return expected("an object", value, path);
    for (const [key, member] of Object.entries(value)) {
      const problem = item(member, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const position = object({ line: count, character: count });
const range = object({ start: position, end: position });
const textDocument = object({ uri: string });

const referenceExecution = object({ id: string, displayName: optional(string), status: string, startTime: optional(string) });
const pastStepRun = object({
  status: string,
  startTime: optional(string),
  endTime: optional(string),
  cacheHitFrom: optional(string),
  reusedFrom: optional(string),
});
const pastExecution = object({
  executionArn: string,
  displayName: optional(string),
  status: string,
  startTime: optional(string),
  definition: string,
  parameters: record(string),
  steps: record(pastStepRun),
});

/** sagemakerPipelines/setReference (a null reference means none, as undefined does). */
export const checkSetReference = (params: unknown): params is SetReferenceParams => !setReferenceProblem(params);
export const setReferenceProblem = (params: unknown): Problem => object({ uri: string, reference: nullable(referenceExecution) })(params, "");

/** sagemakerPipelines/setCacheContext: every field the cache verdicts read. */
export const cacheContextProblem = (params: unknown): Problem =>
  object({ uri: string, executions: array(pastExecution), parameters: record(string) })(params, "");
export const checkCacheContext = (params: unknown): params is CacheContextParams => !cacheContextProblem(params);

/** sagemakerPipelines/stepsInRanges. */
export const stepsInRangesProblem = (params: unknown): Problem => object({ uri: string, ranges: array(range) })(params, "");
export const checkStepsInRanges = (params: unknown): params is StepsInRangesParams => !stepsInRangesProblem(params);

/** sagemakerPipelines/lint. */
export const lintProblem = (params: unknown): Problem => object({ uri: string, text: string })(params, "");
export const checkLint = (params: unknown): params is LintParams => !lintProblem(params);

/** A request about a document: textDocument.uri. */
export const documentProblem = (params: unknown): Problem => object({ textDocument })(params, "");
/** A request at a position: textDocument.uri and position. */
export const positionProblem = (params: unknown): Problem => object({ textDocument, position })(params, "");
/** textDocument/references: a position, and context.includeDeclaration if there is a context. */
export const referencesProblem = (params: unknown): Problem =>
  object({ textDocument, position, context: optional(object({ includeDeclaration: optional(boolean) })) })(params, "");
/** textDocument/rename: a position and the new name. */
export const renameProblem = (params: unknown): Problem => object({ textDocument, position, newName: string })(params, "");
/** codeLens/resolve: a lens has a range; its `data` is read by the language service, which leaves a lens it does not know as it is. */
export const codeLensResolveProblem = (params: unknown): Problem => object({ range })(params, "");
/** textDocument/codeAction: the document and range; the context is read leniently (`codeActionContext`). */
export const codeActionProblem = (params: unknown): Problem => object({ textDocument, range })(params, "");

/**
 * The well-formed diagnostics of a code action's context (a range and a message each) and its `only` kinds; anything
 * else in it (`diagnostics: null`, a diagnostic without a range) is left out, with the problems found.
 */
export function codeActionContext(context: unknown): { diagnostics: DiagnosticLike[]; only?: string[]; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(context)) return { diagnostics: [], problems: [expected("an object", context, "context")] };
  const diagnostics: DiagnosticLike[] = [];
  if (Array.isArray(context.diagnostics)) {
    context.diagnostics.forEach((diagnostic, i) => {
      const problem = object({ range, message: string })(diagnostic, `context.diagnostics[${i}]`);
      if (problem) problems.push(problem);
      else diagnostics.push(diagnostic as DiagnosticLike);
    });
  } else problems.push(expected("an array", context.diagnostics, "context.diagnostics"));
  let only: string[] | undefined;
  if (context.only !== undefined && context.only !== null) {
    const problem = array(string)(context.only, "context.only");
    if (problem) problems.push(problem);
    else only = context.only as string[];
  }
  return { diagnostics, only, problems };
}

/** What a diagnostic sent back in a code action's context must have. */
export interface DiagnosticLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: number | string;
  source?: string;
  data?: unknown;
}
