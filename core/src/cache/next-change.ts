import type { CacheVerdict } from "./types";

/**
 * When the time-dependent texts of a document change next: the cache verdicts' kinds (hit → expired), their
 * `expires in …`, `expired … ago` and `… ago` texts (`shortDuration`), and the reference lens's age (`age`).
 * Pure: the texts at any instant before the answer are the texts at `now`.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The unit `shortDuration` shows a duration of `ms` (≥ 0) in. */
function shortDurationUnit(ms: number): number {
  if (ms < MINUTE) return SECOND;
  if (ms < HOUR) return MINUTE;
  if (ms < 48 * HOUR) return HOUR;
  return DAY;
}

/**
 * The next instant (epoch ms, after `nowMs`) at which `shortDuration(nowMs - anchorMs)` changes: before the anchor
 * the duration shrinks (`expires in …`), after it the duration grows (`… ago`); `shortDuration` rounds down.
 */
export function nextShortDurationChange(anchorMs: number, nowMs: number): number {
  const elapsed = nowMs - anchorMs;
  if (elapsed >= 0) {
    const unit = shortDurationUnit(elapsed);
    return anchorMs + (Math.floor(elapsed / unit) + 1) * unit;
  }
  const remaining = -elapsed;
  const unit = shortDurationUnit(remaining);
  // The text shows floor(remaining / unit) until remaining drops below that many units; `0 s` lasts until 1 s after.
  const units = Math.floor(remaining / unit);
  return units === 0 ? anchorMs + SECOND : anchorMs - units * unit + 1;
}

/**
 * The next instant at which the reference lens's `age(then, now)` changes: it rounds to whole seconds, says
 * `just now` below a minute, then whole minutes, hours and days (rounded down).
 */
export function nextAgeChange(thenMs: number, nowMs: number): number | undefined {
  if (Number.isNaN(thenMs) || Number.isNaN(nowMs)) return undefined;
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / SECOND));
  const unit = seconds < 3600 ? 60 : seconds < 86400 ? 3600 : 86400;
  const nextSeconds = (Math.floor(seconds / unit) + 1) * unit;
  // Math.round reaches n at n - 0.5 seconds.
  return thenMs + nextSeconds * SECOND - SECOND / 2;
}

/**
 * Which texts count: `all` (the hover too: the compared run's `… ago`) or `lens` (the lens titles only: the kind,
 * `expires in …`, `expired … ago`, the reference's age).
 */
export type TimeTextScope = "all" | "lens";

/** The next instant at which a verdict's kind or any of its texts in `scope` changes; undefined when none ever does. */
export function nextVerdictChange(verdict: CacheVerdict, nowMs: number, scope: TimeTextScope = "all"): number | undefined {
  if (verdict.kind === "n/a" || verdict.kind === "off" || verdict.kind === "not-selected" || verdict.kind === "no-runs") return undefined;
  const ranAtMs = Date.parse(verdict.run.ranAt);
  const candidates = scope === "all" ? [nextShortDurationChange(ranAtMs, nowMs)] : [];
  const windowMs = verdict.expiry.windowMs;
  if ((verdict.kind === "hit" || verdict.kind === "expired") && windowMs !== undefined) {
    // `expires in …` and `expired … ago` count from the end of the window; a hit expires 1 ms after it.
    const endMs = ranAtMs + windowMs;
    candidates.push(nextShortDurationChange(endMs, nowMs));
    if (verdict.kind === "hit") candidates.push(endMs + 1);
  }
  return earliest(candidates);
}

export interface TimeTexts {
  /** The verdicts the document's lenses and hovers show. */
  verdicts?: Iterable<CacheVerdict>;
  /** The reference execution's start (ISO 8601), whose age the reference lens shows. */
  referenceStartTime?: string;
}

/** The next instant (after `now`) at which any of the document's time-dependent texts changes; undefined: never. */
export function nextTimeChange(texts: TimeTexts, now: Date, scope: TimeTextScope = "all"): Date | undefined {
  const nowMs = now.getTime();
  const candidates: Array<number | undefined> = [];
  for (const verdict of texts.verdicts ?? []) candidates.push(nextVerdictChange(verdict, nowMs, scope));
  if (texts.referenceStartTime) candidates.push(nextAgeChange(Date.parse(texts.referenceStartTime), nowMs));
  const next = earliest(candidates);
  return next === undefined ? undefined : new Date(next);
}

function earliest(candidates: Array<number | undefined>): number | undefined {
  const valid = candidates.filter((c): c is number => c !== undefined && Number.isFinite(c));
  return valid.length === 0 ? undefined : Math.min(...valid);
}
