/** The step's RetryPolicies entry that covers an exception type, if any. */
export interface RetryPolicy {
  ExceptionType?: string[] | string;
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
  ExpireAfterMin?: number;
}

export function retryPolicyFor(policies: unknown, exceptionType: string | undefined): RetryPolicy | undefined {
  if (!exceptionType || !Array.isArray(policies)) return undefined;
  return policies.find((p: RetryPolicy) => {
    const types = Array.isArray(p?.ExceptionType) ? p.ExceptionType : [p?.ExceptionType];
    return types.includes(exceptionType);
  });
}

/**
 * Milliseconds to wait before the next attempt, or undefined when the policy is used up.
 * `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function nextRetryDelay(policy: RetryPolicy, attempt: number, elapsedMs: number): number | undefined {
  const interval = (policy.IntervalSeconds ?? 1) * 1000 * Math.pow(policy.BackoffRate ?? 2, attempt - 1);
  if (policy.ExpireAfterMin !== undefined) return elapsedMs + interval <= policy.ExpireAfterMin * 60_000 ? interval : undefined;
  const maxAttempts = policy.MaxAttempts ?? 5;
  // MaxAttempts counts retries (0 = never retry), so the work runs at most MaxAttempts + 1 times.
  return attempt <= maxAttempts ? interval : undefined;
}
