import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

const withExpireAfter = (value: string) => definition(`[${PROCESSING_STEP("P", `, "CacheConfig": {"Enabled": true, "ExpireAfter": ${value}}`)}]`);

test("cache-expire-after-ambiguous: P30M, P1M, P5M, P59M are months that read as minutes: a hint on the value", () => {
  for (const [value, count] of [
    ["P30M", 30],
    ["P1M", 1],
    ["P5M", 5],
    ["p15m", 15],
    ["P59M", 59],
  ] as const) {
    const [d] = expectDiagnostics(withExpireAfter(`⟦"${value}"⟧`), "cache-expire-after-ambiguous", "hint");
    assert.match(d.message, new RegExp(`is ${count} months?: .* For ${count} minutes? write 'PT${count}M'`));
    assert.deepEqual(
      (d.data?.readings as Array<{ replacement: string }>).map((r) => r.replacement),
      [`PT${count}M`, `P${count * 30}D`],
    );
  }
});

test("cache-expire-after-ambiguous: minutes, other units, long month counts and mixed durations are left alone", () => {
  for (const value of ["PT30M", "P60M", "P120M", "P1Y6M", "P1MT1H", "P30D", "PT1H", "P0M", "30m", "T30M"]) {
    expectDiagnostics(withExpireAfter(JSON.stringify(value)), "cache-expire-after-ambiguous", "hint");
  }
});
