// The server's per-document refresh timer, driven by a fake clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_DELAY_MS, MIN_INTERVAL_MS, TimeRefresh } from "../../server/src/time-refresh";
import { FakeClock } from "../helpers/fake-clock";

const T0 = Date.parse("2026-01-01T09:00:00Z");

function setup() {
  const clock = new FakeClock(T0);
  const due: Array<{ uri: string; at: number }> = [];
  const refresh = new TimeRefresh((uri) => due.push({ uri, at: clock.now() }), clock);
  return { clock, due, refresh };
}

test("time refresh: fires once, at the instant asked for, and not before", () => {
  const { clock, due, refresh } = setup();
  refresh.schedule("a", T0 + 57_000);
  clock.advanceTo(T0 + 56_999);
  assert.deepEqual(due, []);
  clock.advanceTo(T0 + 200_000);
  assert.deepEqual(due, [{ uri: "a", at: T0 + 57_000 }]);
  assert.equal(clock.pending, 0);
  assert.equal(refresh.dueAt("a"), undefined);
});

test("time refresh: rescheduling replaces the document's timer; documents are independent", () => {
  const { clock, due, refresh } = setup();
  refresh.schedule("a", T0 + 10_000);
  refresh.schedule("b", T0 + 20_000);
  refresh.schedule("a", T0 + 30_000);
  refresh.schedule("a", T0 + 30_000); // the same instant again keeps the timer
  assert.equal(clock.pending, 2);
  clock.advanceTo(T0 + 60_000);
  assert.deepEqual(due, [
    { uri: "b", at: T0 + 20_000 },
    { uri: "a", at: T0 + 30_000 },
  ]);
});

test("time refresh: cancel (close, edit, new context) and undefined (nothing changes with time) leave no timer", () => {
  const { clock, due, refresh } = setup();
  refresh.schedule("a", T0 + 10_000);
  refresh.cancel("a");
  refresh.schedule("b", T0 + 10_000);
  refresh.schedule("b", undefined);
  refresh.schedule("c", T0 + 10_000);
  refresh.dispose();
  assert.equal(clock.pending, 0);
  clock.advanceBy(60_000);
  assert.deepEqual(due, []);
});

test("time refresh: a past instant fires now, not in the past; beyond setTimeout's largest delay it fires early", () => {
  const { clock, due, refresh } = setup();
  refresh.schedule("past", T0 - 5_000);
  refresh.schedule("far", T0 + 90 * 24 * 3600_000);
  assert.deepEqual(clock.delays, [0, MAX_DELAY_MS]);
  clock.advanceBy(0);
  assert.deepEqual(due, [{ uri: "past", at: T0 }]);
  clock.advanceBy(MAX_DELAY_MS);
  assert.deepEqual(due.at(-1), { uri: "far", at: T0 + MAX_DELAY_MS });
});

test("time refresh: a document refreshes at most about once a second (MIN_INTERVAL_MS), however close its next instant", () => {
  const { clock, due, refresh } = setup();
  refresh.schedule("a", T0 + 1);
  clock.advanceBy(1);
  refresh.schedule("a", T0 + 2); // asked again right after the refresh
  clock.advanceBy(MIN_INTERVAL_MS - 1);
  assert.equal(due.length, 1);
  clock.advanceBy(1);
  assert.deepEqual(due, [
    { uri: "a", at: T0 + 1 },
    { uri: "a", at: T0 + 1 + MIN_INTERVAL_MS },
  ]);
  // Another document is not held back by it; a closed document starts afresh.
  refresh.schedule("b", clock.now() + 1);
  refresh.forget("a");
  refresh.schedule("a", clock.now() + 1);
  clock.advanceBy(1);
  assert.deepEqual(
    due
      .slice(2)
      .map((d) => d.uri)
      .sort(),
    ["a", "b"],
  );
});
