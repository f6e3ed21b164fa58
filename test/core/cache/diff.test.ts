import { test } from "node:test";
import assert from "node:assert/strict";
import { changeText } from "../../../core/src";
import { diffValues } from "../../../core/src/cache/diff";

const texts = (before: unknown, after: unknown) => diffValues(before, after).map(changeText);

test("cache diff: list elements go by their name, so an added input is one change and the others keep their names", () => {
  const code = { InputName: "code", S3Input: { S3Uri: "s3://a" } };
  const data = { InputName: "data", S3Input: { S3Uri: "s3://data" } };
  const extra = { InputName: "extra", S3Input: { S3Uri: "s3://x" } };
  assert.deepEqual(texts({ ProcessingInputs: [code, data] }, { ProcessingInputs: [extra, code, { ...data, S3Input: { S3Uri: "s3://b" } }] }), [
    'ProcessingInputs[data].S3Input.S3Uri: "s3://data" → "s3://b"',
    'ProcessingInputs[extra]: (not set) → {"InputName":"extra","S3Input":{"S3Uri":"s3://x"}}',
  ]);
});

test("cache diff: the same named elements in another order are a change (the key is order-sensitive); member order is not", () => {
  const a = { ChannelName: "train", ContentType: "text/csv" };
  const b = { ChannelName: "validation", ContentType: "text/csv" };
  assert.deepEqual(texts({ InputDataConfig: [a, b] }, { InputDataConfig: [b, a] }), [
    'InputDataConfig (order): ["train","validation"] → ["validation","train"]',
  ]);
  assert.deepEqual(texts({ X: { p: 1, q: 2 } }, { X: { q: 2, p: 1 } }), []);
});

test("cache diff: unnamed elements go by index; a list of plain values is one value; types count", () => {
  assert.deepEqual(texts({ Rules: [{ a: 1 }, { a: 2 }] }, { Rules: [{ a: 1 }, { a: 3 }] }), ["Rules[1].a: 2 → 3"]);
  assert.deepEqual(texts({ ContainerArguments: ["--a", "1"] }, { ContainerArguments: ["--b", "--a", "1"] }), [
    'ContainerArguments: ["--a","1"] → ["--b","--a","1"]',
  ]);
  assert.deepEqual(texts({ epochs: 5 }, { epochs: "5" }), ['epochs: 5 → "5"']);
  assert.deepEqual(texts({ "odd.key": 1 }, { "odd.key": 2 }), ['["odd.key"]: 1 → 2']);
});

test("cache diff: expressions compare whole, by their text", () => {
  const get = (s: string) => ({ Get: s });
  assert.deepEqual(texts({ S3Uri: get("Steps.A.X") }, { S3Uri: get("Steps.A.X") }), []);
  assert.deepEqual(texts({ S3Uri: get("Steps.A.X") }, { S3Uri: get("Steps.B.X") }), ['S3Uri: {"Get":"Steps.A.X"} → {"Get":"Steps.B.X"}']);
  assert.deepEqual(texts({ S3Uri: "s3://a" }, { S3Uri: get("Steps.B.X") }), ['S3Uri: "s3://a" → {"Get":"Steps.B.X"}']);
});
