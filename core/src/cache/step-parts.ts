import { isPlainObject } from "./paths";
import { cacheKeyEntries } from "./policy";

/**
 * Step members that are neither in the cache key nor compared as "changes outside the key": the step's identity
 * and documentation (Name, Type, DisplayName, Description), how caching and retries behave (CacheConfig,
 * RetryPolicies), and ordering (DependsOn). Arguments is split member by member instead.
 */
const NOT_COMPARED = new Set(["Name", "Type", "Arguments", "DisplayName", "Description", "CacheConfig", "DependsOn", "RetryPolicies"]);

export interface StepParts {
  /** `Type` and the type's key attributes that are set, as the engine reads them. */
  key: Record<string, unknown>;
  /** Everything else that is compared: the other Arguments members and the other step members. */
  nonKey: Record<string, unknown>;
}

/**
 * Splits a (resolved) step into its cache key and the rest. A key attribute comes from Arguments, or from the
 * step itself when Arguments lacks it (the check steps keep theirs there), as in the engine's cacheKey.
 * `keyType` picks the key attributes, so that both sides of a comparison use the same list.
 */
export function splitStep(step: Record<string, unknown>, keyType: string): StepParts {
  const args = isPlainObject(step.Arguments) ? step.Arguments : {};
  const key: Record<string, unknown> = { Type: step.Type };
  const fromArguments = new Set<string>();
  const fromStep = new Set<string>();
  for (const { attribute, value, from } of cacheKeyEntries(keyType, args, step) ?? []) {
    key[attribute] = value;
    (from === "Arguments" ? fromArguments : fromStep).add(attribute);
  }
  const nonKey: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(args)) if (!fromArguments.has(member)) nonKey[member] = value;
  for (const [member, value] of Object.entries(step)) {
    if (!NOT_COMPARED.has(member) && !fromStep.has(member) && !Object.hasOwn(nonKey, member)) nonKey[member] = value;
  }
  return { key, nonKey };
}
