import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allRules, DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION } from "../../core/src";

const root = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const properties = manifest.contributes.configuration.properties;

test("contract: every rule code is a documented setting and a row of the README", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const codes = allRules.map((r) => r.code);
  assert.deepEqual(Object.keys(properties[`${SETTINGS_SECTION}.rules`].properties).sort(), [...codes].sort());
  for (const code of codes) assert.ok(readme.includes(`| \`${code}\` |`), `README lacks a row for ${code}`);
  assert.equal(new Set(codes).size, codes.length, "rule codes are unique");
});

test("contract: the manifest's settings are exactly the typed settings", () => {
  const names = Object.keys(properties)
    .map((k) => k.slice(SETTINGS_SECTION.length + 1))
    .sort();
  const typed = Object.entries(DEFAULT_SETTINGS).flatMap(([key, value]) =>
    key !== "rules" && value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key],
  );
  assert.deepEqual(names, typed.sort());
  assert.equal(properties[`${SETTINGS_SECTION}.validationDelay`].default, DEFAULT_SETTINGS.validationDelay);
  assert.equal(properties[`${SETTINGS_SECTION}.local.store`].default, DEFAULT_SETTINGS.local.store);
  assert.equal(properties[`${SETTINGS_SECTION}.local.runner`].default, DEFAULT_SETTINGS.local.runner);
  assert.deepEqual(properties[`${SETTINGS_SECTION}.local.runner`].enum, ["auto", "host", "container"]);
});

test("contract: malformed settings fall back to defaults; unknown severities are dropped", () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings({ rules: { "parameter-unused": "off", schema: "loud" }, validationDelay: -1, files: ["a/*.json", 3] }), {
    rules: { "parameter-unused": "off" },
    validationDelay: DEFAULT_SETTINGS.validationDelay,
    files: ["a/*.json"],
    codeLens: true,
    local: DEFAULT_SETTINGS.local,
    target: "local",
    aws: DEFAULT_SETTINGS.aws,
    pipelineName: "",
    roleArn: "",
    referenceLatest: true,
    cache: { historySize: 20 },
    python: "",
    pythonExportOnSave: true,
  });
  assert.equal(normalizeSettings({ python: " /opt/venv/bin/python " }).python, "/opt/venv/bin/python");
  assert.equal(normalizeSettings({ python: 3 }).python, "");
  assert.equal(normalizeSettings({ pythonExportOnSave: false }).pythonExportOnSave, false);
  assert.equal(normalizeSettings({ pythonExportOnSave: "no" }).pythonExportOnSave, true);
  assert.equal(normalizeSettings({ cache: { historySize: 500 } }).cache.historySize, 100);
  assert.equal(normalizeSettings({ cache: { historySize: 0 } }).cache.historySize, 20);
  assert.equal(normalizeSettings({ target: "aws" }).target, "aws");
  assert.equal(normalizeSettings({ target: "gcp" }).target, "local");
  assert.deepEqual(normalizeSettings({ aws: { profile: " dev ", region: 3 } }).aws, { profile: "dev", region: "" });
  assert.deepEqual(normalizeSettings({ local: { store: "  ", runner: "vm" } }).local, DEFAULT_SETTINGS.local);
  assert.deepEqual(normalizeSettings({ local: { store: "/data/store", runner: "host" } }).local, {
    store: "/data/store",
    runner: "host",
    passAwsCredentials: false,
    network: true,
  });
  assert.deepEqual(normalizeSettings({ local: { passAwsCredentials: true, network: false } }).local, {
    ...DEFAULT_SETTINGS.local,
    passAwsCredentials: true,
    network: false,
  });
  assert.equal(normalizeSettings({ local: { passAwsCredentials: "yes" } }).local.passAwsCredentials, false, "only true opts in");
});
