import { test } from "node:test";
import assert from "node:assert/strict";
import { age } from "../../core/src";
import { AgeRefresh } from "../../client/src/views/age-refresh";
import { FakeClock } from "../helpers/fake-clock";

const MINUTE = 60_000;
const T0 = Date.parse("2026-01-01T12:00:00Z");

/** A view that draws one age per start time, as the Executions view does, and redraws when the refresh is due. */
function fakeView(clock: FakeClock, starts: number[]) {
  const drawn: string[][] = [];
  const refresh: AgeRefresh = new AgeRefresh(() => draw(), clock);
  const draw = () => {
    drawn.push(starts.map((start) => age(new Date(start), new Date(clock.now()))));
    for (const start of starts) refresh.shown(start);
  };
  return { refresh, drawn, draw };
}

test("Executions view ages: redrawn when the first shown age changes, again and again, while visible", () => {
  const clock = new FakeClock(T0);
  const view = fakeView(clock, [T0 - 30_000, T0 - 5 * MINUTE - 10_000]);
  view.draw();
  assert.deepEqual(view.drawn, [["just now", "5 min ago"]]);
  // `just now` becomes `1 min ago` at 59.5 s (age rounds to whole seconds): the first change.
  assert.equal(view.refresh.dueAt, T0 + 29_500);
  clock.advanceTo(T0 + 29_499);
  assert.equal(view.drawn.length, 1);
  clock.advanceTo(T0 + 29_500);
  assert.deepEqual(view.drawn.at(-1), ["1 min ago", "5 min ago"]);
  // The next: `5 min ago` → `6 min ago` at 6 min - 0.5 s after its start.
  assert.equal(view.refresh.dueAt, T0 - 5 * MINUTE - 10_000 + 6 * MINUTE - 500);
  clock.advanceBy(10 * MINUTE);
  assert.deepEqual(view.drawn.at(-1), ["11 min ago", "15 min ago"]);
  // Each redraw matched the time: between two redraws no age changed without one.
  for (let i = 1; i < view.drawn.length; i++) assert.notDeepEqual(view.drawn[i], view.drawn[i - 1], `redraw ${i} changed nothing`);
  assert.equal(clock.pending, 1);
});

test("Executions view ages: no timer while nothing time-dependent is shown, none while hidden; shown again after a change, redrawn at once", () => {
  const clock = new FakeClock(T0);
  const empty = fakeView(clock, []);
  empty.draw();
  assert.equal(empty.refresh.dueAt, undefined);
  assert.equal(clock.pending, 0);

  const view = fakeView(clock, [T0 - 2 * MINUTE]);
  view.draw();
  assert.equal(clock.pending, 1);
  view.refresh.setVisible(false);
  assert.equal(clock.pending, 0, "a hidden view has no timer");
  clock.advanceBy(5 * MINUTE);
  assert.equal(view.drawn.length, 1, "nothing is redrawn while hidden");
  // Visible again: its `2 min ago` is stale, so it is redrawn at once.
  view.refresh.setVisible(true);
  clock.advanceBy(0);
  assert.deepEqual(view.drawn.at(-1), ["7 min ago"]);
  // Visible again before any change: the timer comes back for the same instant.
  view.refresh.setVisible(false);
  view.refresh.setVisible(true);
  assert.equal(view.refresh.dueAt, T0 - 2 * MINUTE + 8 * MINUTE - 500);
  view.refresh.dispose();
  assert.equal(clock.pending, 0);
});

test("Executions view ages: an age no longer drawn after a redraw (a collapsed pipeline) stops the timer", () => {
  const clock = new FakeClock(T0);
  const starts = [T0 - 10_000];
  const view = fakeView(clock, starts);
  view.draw();
  starts.length = 0;
  clock.advanceBy(MINUTE);
  assert.equal(view.drawn.length, 2);
  assert.equal(clock.pending, 0);
});
