// The package's README (README.user.md, what the Marketplace and the Extensions view show) stays true to the manifest:
// it names every rule code, every setting and every command a user can reach, and every image it shows exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allRules } from "../../core/src";

const ROOT = join(import.meta.dirname, "../..");
const readme = readFileSync(join(ROOT, "README.user.md"), "utf8");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

test("user README: every rule code, with its default where it is not error", () => {
  for (const rule of allRules) {
    const mention = new RegExp(`\`${rule.code}\`${rule.defaultSeverity === "error" ? "(?! \\()" : ` \\(${rule.defaultSeverity}\\)`}`);
    assert.match(readme, mention, `README.user.md lacks ${rule.code} (default ${rule.defaultSeverity})`);
  }
});

test("user README: every setting and every command of the manifest", () => {
  for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), setting);
  const internal = new Set(["sagemakerPipelines.executions.loadMore"]);
  for (const { command, title } of manifest.contributes.commands as Array<{ command: string; title: string }>)
    if (!internal.has(command)) assert.ok(readme.includes(title), `README.user.md does not name the command "${title}" (${command})`);
});

test("user README: its images are in the repository (and so in the package)", () => {
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, path]) => path);
  assert.ok(images.length >= 3, images.join(", "));
  for (const image of images) assert.ok(existsSync(join(ROOT, image)), image);
});
