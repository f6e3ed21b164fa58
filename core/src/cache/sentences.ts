import type { CacheVerdictKind, ExpirySetting, PerRunRead, UpstreamNote } from "./types";

/** `HyperParameters.seed reads Execution.PipelineExecutionId, which changes every run: this step never hits the cache`. */
export function perRunReadText(read: PerRunRead): string {
  return `${read.path} reads ${read.reference}, which changes every run: this step never hits the cache`;
}

/** What a change outside the cache key means for the verdict it appears in. */
export function nonKeyChangeNote(kind: CacheVerdictKind): string {
  return kind === "hit"
    ? "not a cache-key attribute: the step will NOT re-run; disable caching to force it"
    : "not a cache-key attribute: on its own it would not make the step re-run";
}

export function upstreamNoteText(note: UpstreamNote): string {
  const reads = `${note.paths.join(", ")} read${note.paths.length === 1 ? "s" : ""} an output of ${note.step}`;
  switch (note.state.kind) {
    case "reused-from-reference":
      return `${reads}; ${note.step} is not selected in this run, so its output is reused from the reference execution.`;
    case "hit":
      return `${reads}; ${note.step} hits the cache too (from ${note.state.label}), so its output stays the same.`;
    case "runs-again":
      return `${reads}; ${note.step} will run again (its cache: ${note.state.verdict === "no-runs" ? "no runs yet" : note.state.verdict}), so its output may change and this step may miss.`;
  }
}

/**
 * What a missing or invalid ExpireAfter means for the verdict; undefined when ExpireAfter is fine. The local engine
 * keeps a result without ExpireAfter for ever and refuses a definition whose ExpireAfter is not a duration (as the
 * editor and the CLI do before sending it); what the service does in either case is not documented.
 */
export function expiryProblemText(expiry: ExpirySetting): string | undefined {
  if (expiry.problem === "no-expiry") return `${MISSING_EXPIRY}.`;
  if (expiry.problem === "invalid-expiry") return `${INVALID_EXPIRY}; this verdict leaves the expiry out.`;
  return undefined;
}

/** A missing ExpireAfter, in the words of the verdict and the step's cache setting. */
export const MISSING_EXPIRY =
  "ExpireAfter is missing: the local engine keeps cached results with no expiry; the documentation requires a timeout when caching is on, and what the service does without one is not documented";

/** An invalid ExpireAfter, in the words of the verdict, the step's cache setting and the value's hover. */
export const INVALID_EXPIRY = "ExpireAfter is not a valid duration, so the definition does not run until it is fixed";
