// nextTimeChange: the next instant a document's time-dependent texts change, checked against the texts themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  age,
  cacheVerdictHover,
  cacheVerdictLensTitle,
  cacheVerdicts,
  nextAgeChange,
  nextShortDurationChange,
  nextTimeChange,
  shortDuration,
  type PastExecution,
} from "../../../core/src";
import { corpusDefinition, edited, execution, stepOf } from "./history-helpers";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-01-01T09:00:00Z");

/** Offsets from an anchor that sit on and around every boundary kind: seconds, minutes, hours, the 48 h switch, days. */
const OFFSETS = [0, 1, 999, 1000, 1500, 59_999, 60_000, 61_000, 119_999, HOUR - 1, HOUR, HOUR + 1, 47 * HOUR + 5, 48 * HOUR - 1, 48 * HOUR, 3 * DAY + 7];

test("nextShortDurationChange: the text stays the same until the answer and changes at it, before and after the anchor", () => {
  for (const offset of OFFSETS) {
    for (const nowMs of [T0 + offset, T0 - offset]) {
      const next = nextShortDurationChange(T0, nowMs);
      const text = (ms: number) => shortDuration(ms - T0);
      assert.ok(next > nowMs, `next ${next - T0} is not after now ${nowMs - T0}`);
      assert.equal(text(next - 1), text(nowMs), `text changed before ${next - T0} (now ${nowMs - T0})`);
      assert.notEqual(text(next), text(nowMs), `text did not change at ${next - T0} (now ${nowMs - T0})`);
    }
  }
});

test("nextShortDurationChange: examples (expires in 57 s → 56 s one second later; 3 h ago → 4 h ago)", () => {
  assert.equal(nextShortDurationChange(T0, T0 - 57_500), T0 - 57 * SECOND + 1);
  assert.equal(nextShortDurationChange(T0, T0 - 500), T0 + SECOND);
  assert.equal(nextShortDurationChange(T0, T0), T0 + SECOND);
  assert.equal(nextShortDurationChange(T0, T0 + 3 * HOUR + 5), T0 + 4 * HOUR);
  assert.equal(nextShortDurationChange(T0, T0 + 47 * HOUR + 5), T0 + 48 * HOUR);
});

test("nextAgeChange: the reference lens's age stays the same until the answer and changes at it", () => {
  for (const offset of [...OFFSETS, 59_499, 59_500, 86_400_000 - 500, -5000]) {
    const nowMs = T0 + offset;
    const next = nextAgeChange(T0, nowMs)!;
    const text = (ms: number) => age(new Date(T0), new Date(ms));
    assert.ok(next > nowMs);
    assert.equal(text(next - 1), text(nowMs), `age text changed before ${next - T0} (now ${offset})`);
    assert.notEqual(text(next), text(nowMs), `age text did not change at ${next - T0} (now ${offset})`);
  }
  assert.equal(nextAgeChange(T0, T0 + 10 * SECOND), T0 + 59_500);
  assert.equal(nextAgeChange(Number.NaN, T0), undefined);
});

const original = corpusDefinition("aws-examples_ml-ops_selective-execution.json");
const CACHED = ["Abalone-Preprocess", "Abalone-Train", "Abalone-Evaluate"];
const oneMinute = edited(original, (d) => {
  for (const name of CACHED) stepOf(d, name).CacheConfig = { Enabled: true, ExpireAfter: "PT1M" };
});

/** Every lens title and hover of the document's verdicts at `nowMs`. */
function texts(definition: string, executions: PastExecution[], nowMs: number): string[] {
  return Object.values(cacheVerdicts({ definition, executions }, new Date(nowMs))).flatMap((v) => [cacheVerdictLensTitle(v), cacheVerdictHover(v)]);
}

test("nextTimeChange: a hit with ExpireAfter PT1M — texts hold until each answer and change at it, through the expiry", () => {
  const runs = [execution("gtnupsutzict", oneMinute, "2026-01-01T09:00:00Z", { stepNames: CACHED })];
  let nowMs = T0 + 3 * SECOND;
  assert.match(texts(oneMinute, runs, nowMs).join("\n"), /Cache: hit \(from gtnupsutzict, expires in 57 s\)/);
  const seen: number[] = [];
  while (nowMs < T0 + 3 * MINUTE) {
    const verdicts = Object.values(cacheVerdicts({ definition: oneMinute, executions: runs }, new Date(nowMs)));
    const next = nextTimeChange({ verdicts }, new Date(nowMs))!.getTime();
    assert.deepEqual(texts(oneMinute, runs, next - 1), texts(oneMinute, runs, nowMs), `texts changed before ${next - T0}`);
    assert.notDeepEqual(texts(oneMinute, runs, next), texts(oneMinute, runs, nowMs), `texts did not change at ${next - T0}`);
    seen.push(next - T0);
    nowMs = next;
  }
  // The expiry itself (1 ms after the window) is one of the instants; before it, one change per second.
  assert.ok(seen.includes(MINUTE + 1), `no change at the expiry: ${seen.join(", ")}`);
  assert.match(texts(oneMinute, runs, T0 + MINUTE + 1).join("\n"), /Cache: expired \(0 s ago\)/);
  assert.match(texts(oneMinute, runs, T0 + 100 * SECOND).join("\n"), /Cache: expired \(40 s ago\)/);
});

test("nextTimeChange: nothing time-dependent → undefined; the reference alone → its age boundary", () => {
  assert.equal(nextTimeChange({ verdicts: Object.values(cacheVerdicts({ definition: original, executions: [] }, new Date(T0))) }, new Date(T0)), undefined);
  assert.equal(nextTimeChange({}, new Date(T0)), undefined);
  const now = new Date(T0 + 5 * MINUTE + 10 * SECOND);
  assert.equal(nextTimeChange({ referenceStartTime: new Date(T0).toISOString() }, now)?.getTime(), T0 + 6 * MINUTE - 500);
});

test("nextTimeChange: the lens scope leaves out the hover's `… ago` of the compared run (a miss has no time in its lens)", () => {
  const runs = [execution("e1", original, "2026-01-01T09:00:00Z", { stepNames: CACHED })];
  const changed = edited(oneMinute, (d) => (stepOf(d, "Abalone-Train").Arguments.HyperParameters = { changed: "yes" }));
  const now = new Date(T0 + 10 * SECOND);
  const verdicts = Object.values(cacheVerdicts({ definition: changed, executions: runs }, now));
  assert.ok(verdicts.some((v) => v.kind === "miss"));
  const misses = verdicts.filter((v) => v.kind === "miss");
  assert.equal(nextTimeChange({ verdicts: misses }, now, "lens"), undefined);
  assert.equal(nextTimeChange({ verdicts: misses }, now)?.getTime(), T0 + 11 * SECOND);
});
