import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP, FAIL_STEP } from "../../helpers/marked";

const withCache = (cache: string) => definition(`[${PROCESSING_STEP("P", `, "CacheConfig": ${cache}`)}]`);

test("cache-expire-after-invalid: strings that are not durations", () => {
  for (const bad of ["30 days", "1h", "P", "PT", "P1DT", "P1H", "", "T5d"]) {
    const [d] = expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ⟦${JSON.stringify(bad)}⟧}`), "cache-expire-after-invalid", "error");
    assert.match(d.message, /is not an ISO 8601 duration/);
  }
});

test("cache-expire-after-invalid: a duration in words carries its ISO form in data.replacement", () => {
  const cases: Array<[string, string]> = [
    ["1 hour", "PT1H"],
    ["30 days", "P30D"],
    ["2 weeks", "P2W"],
    ["30 days and 5 hours", "P30DT5H"],
    ["90 minutes", "PT90M"],
    ["1h", "PT1H"],
    ["12 hrs", "PT12H"],
    ["1h30m", "PT1H30M"],
    ["An Hour", "PT1H"],
  ];
  for (const [written, replacement] of cases) {
    const [d] = expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ⟦${JSON.stringify(written)}⟧}`), "cache-expire-after-invalid", "error");
    assert.equal(d.data?.replacement, replacement, written);
  }
  for (const bad of ["soon", "P", "P1H", "T5d", "", "0 days", "1 hour and", "1 hour 1 hour"]) {
    const [d] = expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ⟦${JSON.stringify(bad)}⟧}`), "cache-expire-after-invalid", "error");
    assert.equal(d.data, undefined, bad);
  }
});

test("cache-expire-after-invalid: every spelling the documentation and the SDK use is accepted", () => {
  for (const good of ["30d", "5y", "T16m", "30dT5h", "PT1H", "P30d", "p30d", "T12H", "P4DT12H", "10d", "P1W", "PT0.5H", "P1Y2M3DT4H5M6S"]) {
    expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ${JSON.stringify(good)}}`), "cache-expire-after-invalid", "error");
  }
});

test("cache-expire-after-noncanonical: information with the canonical form in data", () => {
  const cases: Array<[string, string]> = [
    ["30d", "P30D"],
    ["T16m", "PT16M"],
    ["30dT5h", "P30DT5H"],
    ["p30d", "P30D"],
    ["T12H", "PT12H"],
    ["5y", "P5Y"],
  ];
  for (const [written, canonical] of cases) {
    const [d] = expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ⟦"${written}"⟧}`), "cache-expire-after-noncanonical", "information");
    assert.equal(d.data?.replacement, canonical);
  }
  expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": "PT1H"}`), "cache-expire-after-noncanonical", "information");
});

test("cache-expire-after-noncanonical: the message explains the duration in words", () => {
  const [d] = expectDiagnostics(withCache(`{"Enabled": true, "ExpireAfter": ⟦"30dT5h"⟧}`), "cache-expire-after-noncanonical", "information");
  assert.match(d.message, /30 days and 5 hours/);
});

test("cache-expire-after-missing: Enabled true without ExpireAfter, on the CacheConfig key", () => {
  const text = definition(`[${PROCESSING_STEP("P").replace(/\}\s*$/, `, ⟦"CacheConfig"⟧: {"Enabled": true}}`)}]`);
  expectDiagnostics(text, "cache-expire-after-missing", "warning");
});

test("cache-expire-after-ignored: ExpireAfter while Enabled is false", () => {
  expectDiagnostics(withCache(`{"Enabled": false, ⟦"ExpireAfter"⟧: "P1D"}`), "cache-expire-after-ignored", "hint");
});

test("cache-unsupported-step-type: CacheConfig on a Fail step", () => {
  const text = definition(`[${FAIL_STEP("F", `, ⟦"CacheConfig"⟧: {"Enabled": true, "ExpireAfter": "P1D"}`)}]`);
  expectDiagnostics(text, "cache-unsupported-step-type", "warning");
});
