import { evaluate, EvaluationError, type EvaluationScope } from "./expressions";

/** Evaluates a Condition step's `Conditions` (all must hold). */
export function evaluateConditions(conditions: unknown, scope: EvaluationScope): boolean {
  if (!Array.isArray(conditions)) throw new EvaluationError("Conditions must be an array.");
  return conditions.every((c) => evaluateCondition(c, scope));
}

const COMPARISONS: Record<string, (order: number) => boolean> = {
  Equals: (o) => o === 0,
  GreaterThan: (o) => o > 0,
  GreaterThanOrEqualTo: (o) => o >= 0,
  LessThan: (o) => o < 0,
  LessThanOrEqualTo: (o) => o <= 0,
};

function evaluateCondition(condition: unknown, scope: EvaluationScope): boolean {
  if (!condition || typeof condition !== "object") throw new EvaluationError("A condition must be an object.");
  const c = condition as Record<string, unknown>;
  const type = String(c.Type);
  if (Object.hasOwn(COMPARISONS, type)) {
    return COMPARISONS[type](compare(evaluate(c.LeftValue, scope), evaluate(c.RightValue, scope), type));
  }
  switch (type) {
    case "In": {
      const query = evaluate(c.QueryValue, scope);
      const values = evaluate(c.Values, scope);
      if (!Array.isArray(values)) throw new EvaluationError("An In condition needs Values (an array).");
      return values.some((v) => equal(query, v));
    }
    case "Not":
      return !evaluateCondition(c.Condition, scope);
    case "Or":
      if (!Array.isArray(c.Conditions)) throw new EvaluationError("An Or condition needs Conditions (an array).");
      return c.Conditions.some((inner) => evaluateCondition(inner, scope));
    default:
      throw new EvaluationError(`Unknown condition type '${type}'.`);
  }
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function equal(a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  return String(a) === String(b);
}

/** Numbers compare as numbers (a numeric string counts, as property files often hold them); otherwise strings. */
function compare(a: unknown, b: unknown, type: string): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y ? 0 : x < y ? -1 : 1;
  if (type !== "Equals" && (typeof a !== "string" || typeof b !== "string")) {
    throw new EvaluationError(`${type} compares numbers (or strings): got ${JSON.stringify(a)} and ${JSON.stringify(b)}.`);
  }
  const s = String(a);
  const t = String(b);
  return s === t ? 0 : s < t ? -1 : 1;
}
