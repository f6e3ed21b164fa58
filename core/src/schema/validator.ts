import type { ErrorObject } from "ajv";
import { getNodeValue } from "jsonc-parser";
import type { Node } from "../json";
import schema from "../../../schemas/pipeline-definition.schema.json";
// ajv's standalone code, compiled from the schema by scripts/generate-validator.mjs (run by `npm run build`
// and scripts/run-tests.mjs): nothing is compiled at run time, and only ajv's runtime helpers are loaded.
import { root, step } from "./validators.generated";

/**
 * Steps are validated one at a time rather than as items of the root schema, so that the work stops
 * after MAX_SCHEMA_ERRORS errors (200,000 broken steps would otherwise make millions of error objects).
 * The root and step validators are compiled from a copy of the schema whose references to `Step`
 * (top-level `Steps` and Condition branches) are replaced by `{}`; `schemaErrors` walks the steps
 * itself, with the same instance paths ajv would give. The generator also makes ajv append a callee's
 * errors in place (ajv's `vErrors.concat` is quadratic in the number of errors).
 */

/**
 * Enough for any real document. Past it the remaining steps are not schema-checked, which bounds time
 * and memory (a step that is not an object gets about 50 errors, one per step type's branch), and one
 * `truncated` error says where checking stopped.
 */
export const MAX_SCHEMA_ERRORS = 50_000;

/**
 * The JSON value the schema checks, of a node of `text`'s tree: `JSON.parse` of its text when it is strict JSON (its
 * objects have fast properties, which the validators read several times faster than the null-prototype objects of
 * jsonc-parser's `getNodeValue`), else `getNodeValue`. The schema names no member of `Object.prototype`, so the two
 * validate alike.
 */
export function schemaValue(text: string, node: Node): unknown {
  try {
    return JSON.parse(text.slice(node.offset, node.offset + node.length));
  } catch {
    return getNodeValue(node);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export function schemaErrors(value: unknown): ErrorObject[] {
  const errors = rootSchemaErrors(value);
  if (!isObject(value) || !Array.isArray(value.Steps)) return errors;
  const pending: PendingStep[] = [];
  pushSteps(pending, value.Steps, "/Steps");
  return checkSteps(pending, value, errors, MAX_SCHEMA_ERRORS);
}

/** The root's own errors: its steps are checked one by one (`stepTreeErrors`). */
export function rootSchemaErrors(value: unknown): ErrorObject[] {
  return root(value) ? [] : [...(root.errors ?? [])];
}

/**
 * The errors of the top-level step `Steps[index]` and of the steps nested in it, in the order `schemaErrors` gives
 * them. None of them depends on anything outside the step but the index in their paths, so they can be kept while
 * the step's text is unchanged. Stops at `limit` errors (the caller then checks the whole document again).
 */
export function stepTreeErrors(
  stepValue: unknown,
  index: number,
  steps: unknown[],
  rootValue: Record<string, unknown>,
  limit = MAX_SCHEMA_ERRORS,
): ErrorObject[] {
  const pending: PendingStep[] = [{ value: stepValue, path: `/Steps/${index}`, parent: steps, index }];
  return checkSteps(pending, rootValue, [], limit);
}

interface PendingStep {
  value: unknown;
  path: string;
  parent: unknown[];
  index: number;
}

function pushSteps(pending: PendingStep[], steps: unknown[], path: string): void {
  for (let i = steps.length - 1; i >= 0; i--) pending.push({ value: steps[i], path: `${path}/${i}`, parent: steps, index: i });
}

/** Depth-first in document order, as the root schema's own recursion would report them. */
function checkSteps(pending: PendingStep[], rootValue: Record<string, unknown> | unknown[], errors: ErrorObject[], limit: number): ErrorObject[] {
  while (pending.length > 0 && errors.length < limit) {
    const item = pending.pop()!;
    if (!step(item.value, { instancePath: item.path, parentData: item.parent, parentDataProperty: item.index, rootData: rootValue, dynamicAnchors: {} })) {
      for (const error of step.errors ?? []) errors.push(error);
    }
    // The branches (Condition) and body (ForEach) the schema would have checked through its `Step` references.
    const type = isObject(item.value) ? item.value.Type : undefined;
    const arguments_ = type === "Condition" || type === "ForEach" ? (item.value as Record<string, unknown>).Arguments : undefined;
    if (isObject(arguments_)) {
      if (Array.isArray(arguments_.ForEachBody)) pushSteps(pending, arguments_.ForEachBody, `${item.path}/Arguments/ForEachBody`);
      if (Array.isArray(arguments_.ElseSteps)) pushSteps(pending, arguments_.ElseSteps, `${item.path}/Arguments/ElseSteps`);
      if (Array.isArray(arguments_.IfSteps)) pushSteps(pending, arguments_.IfSteps, `${item.path}/Arguments/IfSteps`);
    }
  }
  const unchecked = pending.pop();
  if (unchecked) {
    const message = `Schema checking stopped after ${MAX_SCHEMA_ERRORS.toLocaleString("en-US")} problems: this step and the ones after it were not checked. Fix the problems above first.`;
    errors.push({ keyword: "truncated", instancePath: unchecked.path, schemaPath: "#", params: {}, message });
  }
  return errors;
}

export { schema as pipelineSchema };
