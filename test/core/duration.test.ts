import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalDuration, durationInWords, durationMilliseconds, parseDuration } from "../../core/src";

test("duration: M before T is months, after T minutes", () => {
  assert.deepEqual(parseDuration("P1M"), { years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
  assert.deepEqual(parseDuration("T1M"), { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 1, seconds: 0 });
});

test("duration: canonical forms and words", () => {
  assert.equal(canonicalDuration(parseDuration("30dT5h")!), "P30DT5H");
  assert.equal(durationInWords(parseDuration("30dT5h")!), "30 days and 5 hours");
  assert.equal(durationInWords(parseDuration("P1Y2M3D")!), "1 year, 2 months and 3 days");
  assert.equal(durationMilliseconds(parseDuration("PT1H")!), 3_600_000);
});

test("duration: rejects what is not a duration", () => {
  for (const bad of ["", "P", "T", "PT", "P1DT", "1h", "30 days", " P1D", "P1D ", "PT1D", "P-1D"]) assert.equal(parseDuration(bad), undefined, bad);
});
