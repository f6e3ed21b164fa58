import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheKeyText, cacheWindow, expirySetting, isExpression, readExpireAfter } from "../../../core/src";

test("cache policy: the expiry window the engine and cache insight share", () => {
  assert.equal(cacheWindow(undefined), undefined);
  assert.equal(cacheWindow({ Enabled: false, ExpireAfter: "PT1H" }), undefined);
  assert.equal(cacheWindow({ Enabled: "true", ExpireAfter: "PT1H" }), undefined);
  assert.equal(cacheWindow({ Enabled: true, ExpireAfter: "PT1H" }), 3_600_000);
  assert.equal(cacheWindow({ Enabled: true, ExpireAfter: "30d" }), 30 * 86_400_000);
  assert.equal(cacheWindow({ Enabled: true }), Number.POSITIVE_INFINITY);
  assert.equal(cacheWindow({ Enabled: true, ExpireAfter: "1 hour" }), Number.POSITIVE_INFINITY);
  assert.deepEqual(expirySetting({ Enabled: true, ExpireAfter: "1 hour" }), { text: "1 hour", problem: "invalid-expiry" });
  assert.deepEqual(expirySetting({ Enabled: true, ExpireAfter: 5 }), { problem: "invalid-expiry" }, "not a string is not a duration either");
  assert.deepEqual(expirySetting({ Enabled: true, ExpireAfter: "PT12H" }), { text: "PT12H", words: "12 hours", windowMs: 43_200_000 });
  assert.equal(readExpireAfter(undefined).state, "missing");
  assert.equal(readExpireAfter(null).state, "not-a-string");
});

test("cache policy: the key holds the type's key attributes (Arguments first, then the step), sorted; other members do not count", () => {
  const a = cacheKeyText("Processing", { AppSpecification: { ImageUri: "x", B: 1 }, ProcessingResources: 1 }, { Environment: { K: "v" } });
  const b = cacheKeyText("Processing", { ProcessingResources: 2, AppSpecification: { B: 1, ImageUri: "x" } }, { Environment: { K: "v" }, DisplayName: "y" });
  assert.equal(a, b);
  assert.equal(a, '{"key":{"AppSpecification":{"B":1,"ImageUri":"x"},"Environment":{"K":"v"}},"stepType":"Processing"}');
  assert.notEqual(a, cacheKeyText("Processing", { AppSpecification: { ImageUri: "y", B: 1 } }, { Environment: { K: "v" } }));
  assert.equal(cacheKeyText("Fail", { ErrorMessage: "x" }, {}), undefined);
  assert.equal(cacheKeyText("constructor", {}, {}), undefined);
});

test("cache policy: what counts as an expression", () => {
  assert.ok(isExpression({ Get: "Parameters.X" }));
  assert.ok(!isExpression({ Get: "Parameters.X", Other: 1 }));
  assert.ok(isExpression({ "Std:Join": { On: "/", Values: [] } }));
  assert.ok(isExpression({ "Std:JsonGet": {} }));
  assert.ok(!isExpression([{ Get: "Parameters.X" }]));
  assert.ok(!isExpression("Parameters.X"));
});
