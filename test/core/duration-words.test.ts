import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalDuration, parseDuration, parseDurationInWords } from "../../core/src";

test("duration in words: words, abbreviations and combinations to ISO 8601", () => {
  const cases: Array<[string, string]> = [
    ["1 hour", "PT1H"],
    ["30 days", "P30D"],
    ["2 weeks", "P2W"],
    ["30 days and 5 hours", "P30DT5H"],
    ["90 minutes", "PT90M"],
    ["1h", "PT1H"],
    ["30m", "PT30M"],
    ["12 hrs", "PT12H"],
    ["1h30m", "PT1H30M"],
    ["1 day, 2 hours and 30 minutes", "P1DT2H30M"],
    ["1 day + 12 hours", "P1DT12H"],
    ["an hour", "PT1H"],
    ["a week", "P1W"],
    ["One Day", "P1D"],
    ["1.5 hours", "PT1.5H"],
    ["6 months", "P6M"],
    ["2 mos", "P2M"],
    ["1 year", "P1Y"],
    ["45 secs", "PT45S"],
    ["5 minutes and 1 hour", "PT1H5M"],
    ["  10 MIN  ", "PT10M"],
  ];
  for (const [words, iso] of cases) {
    const duration = parseDurationInWords(words);
    assert.ok(duration, words);
    assert.equal(canonicalDuration(duration), iso, words);
    // Every answer is a duration the service takes.
    assert.ok(parseDuration(iso), iso);
  }
});

test("duration in words: anything else is not one", () => {
  for (const text of [
    "",
    "soon",
    "P",
    "P1H",
    "T5d",
    "5",
    "hour",
    "1 fortnight",
    "1 hour and",
    "1 hour,",
    "1 hour 2 hours",
    "0 days",
    "-1 day",
    "1 constructor",
    "1 day later",
    "a",
    "1 hour and and 2 minutes",
  ]) {
    assert.equal(parseDurationInWords(text), undefined, text);
  }
});
