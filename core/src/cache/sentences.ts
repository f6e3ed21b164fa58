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
      return `${reads}; ${note.step} hits the cache too (from ${note.state.executionId}), so its output stays the same.`;
    case "runs-again":
      return `${reads}; ${note.step} will run again (its cache: ${note.state.verdict === "no-runs" ? "no runs yet" : note.state.verdict}), so its output may change and this step may miss.`;
  }
}

/** Undefined when ExpireAfter is fine. */
export function expiryProblemText(expiry: ExpirySetting): string | undefined {
  if (expiry.problem === "no-expiry") return "ExpireAfter is missing: treated as no expiry.";
  if (expiry.problem === "invalid-expiry") return `ExpireAfter '${expiry.text}' is not a duration: treated as no expiry.`;
  return undefined;
}
