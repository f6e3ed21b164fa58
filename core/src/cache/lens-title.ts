import { shortDuration } from "./time-text";
import type { CacheVerdict } from "./types";

/**
 * `Cache: hit (from <execution>, expires in 3 h)` / `Cache: miss (2 key changes)` / `Cache: expired (2 d ago)` /
 * `Cache: no runs yet` / `Cache: off` / `Cache: n/a` / `Cache: not selected`; a step that reads a per-run value:
 * `Cache: miss (reads Execution.PipelineExecutionId)`.
 */
export function cacheVerdictLensTitle(verdict: CacheVerdict): string {
  switch (verdict.kind) {
    case "n/a":
    case "off":
      return `Cache: ${verdict.kind}`;
    case "not-selected":
      return "Cache: not selected";
    case "no-runs":
      return "Cache: no runs yet";
    case "hit": {
      const expiry = verdict.expiresInMs === undefined ? "no expiry" : `expires in ${shortDuration(verdict.expiresInMs)}`;
      return `Cache: hit (from ${verdict.run.label}, ${expiry})`;
    }
    case "expired":
      return `Cache: expired (${shortDuration(verdict.expiredAgoMs)} ago)`;
    case "miss": {
      if (verdict.perRunReads.length > 0) return `Cache: miss (reads ${verdict.perRunReads[0].reference})`;
      const count = verdict.keyChanges.length;
      return `Cache: miss (${count} key change${count === 1 ? "" : "s"})`;
    }
  }
}
