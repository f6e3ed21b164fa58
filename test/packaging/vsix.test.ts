// The .vsix holds what the extension loads at run time and nothing else. The test packages the built extension with
// the options of `npm run package` (scripts/package.mjs) and compares the package's files with the files the extension
// loads, found where they are named: package.json (main, icon, grammars, language configuration, walkthrough media),
// the client's sources (`"dist/…"` paths: the server, the engine process, the graph page), the bundles' requires of
// their siblings (the lazy layers) and the workers they start next to them (`__dirname, "….js"`), the user README's images, and the example that the walkthrough copies (the
// definition and the files its relative URIs name).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../scripts/esbuild-plugins.mjs";
import { packageVsix, USER_README } from "../../scripts/package.mjs";
import { readZip } from "./zip-entries";

interface Manifest {
  main: string;
  icon: string;
  repository?: unknown;
  contributes: {
    grammars: Array<{ path: string }>;
    languages: Array<{ configuration?: string }>;
    walkthroughs: Array<{ steps: Array<{ media: { image?: string; markdown?: string } }> }>;
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
const clean = (path: string) => path.replace(/^\.\//, "");
const filesUnder = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(`${folder}/${e.name}`) : [`${folder}/${e.name}`]));
const sourcesUnder = (folder: string) => filesUnder(folder).filter((f) => f.endsWith(".ts"));

/** Every file the extension loads at run time, by where it is named. */
function loadedFiles(): Set<string> {
  const loaded = new Set<string>([clean(manifest.main), clean(manifest.icon)]);
  for (const grammar of manifest.contributes.grammars) loaded.add(clean(grammar.path));
  for (const language of manifest.contributes.languages) if (language.configuration) loaded.add(clean(language.configuration));
  for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps))
    for (const media of [step.media.image, step.media.markdown]) if (media) loaded.add(clean(media));
  for (const source of sourcesUnder("client/src"))
    for (const [, path] of readFileSync(join(ROOT, source), "utf8").matchAll(/"(dist\/[\w.-]+(?:\/[\w.-]+)*)"/g)) loaded.add(path);
  // The bundles' requires of their siblings (the lazy layers; the engine process's engine), to a fixed point.
  for (let added = true; added;) {
    added = false;
    for (const bundle of [...loaded].filter((f) => /^dist\/[\w.-]+\.js$/.test(f)))
      for (const [, sibling] of readFileSync(join(ROOT, bundle), "utf8").matchAll(/(?:require\("\.\/|__dirname,\s*")([\w.-]+\.js)"/g))
        if (!loaded.has(`dist/${sibling}`)) added = Boolean(loaded.add(`dist/${sibling}`));
  }
  for (const [, image] of readFileSync(join(ROOT, USER_README), "utf8").matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) if (!/^https?:/.test(image)) loaded.add(image);
  // The example the walkthrough copies: the definition and what its relative URIs name (a folder: its files).
  loaded.add("examples/abalone.pipeline.json");
  const definition = readFileSync(join(ROOT, "examples/abalone.pipeline.json"), "utf8");
  for (const [, reference] of definition.matchAll(/"\\?"?((?:code|data)\/[\w./-]+?)\\?"?"/g)) {
    const path = `examples/${reference}`;
    for (const file of statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path]) loaded.add(file);
  }
  return loaded;
}

test("the .vsix holds exactly what the extension loads, the README for users, the CHANGELOG and the LICENSE", { timeout: 120_000 }, async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "smp-vsix-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const vsix = join(folder, "extension.vsix");
  await packageVsix(vsix);
  const entries = readZip(vsix);
  const packaged = new Map([...entries].filter(([name]) => name.startsWith("extension/")).map(([name, data]) => [name.slice("extension/".length), data]));

  const loaded = loadedFiles();
  for (const expected of [
    "dist/client.js",
    "dist/server.js",
    "dist/engine-serve.js",
    "dist/engine.js",
    "dist/sagemaker.js",
    "dist/graph-view.js",
    "dist/graph-view.css",
    "dist/run-plan.js",
    "dist/run-plan.css",
    "dist/python/export_pipeline.py",
    "dist/definition-check.js",
  ])
    assert.ok(loaded.has(expected), `the derivation of what the extension loads misses ${expected}: ${[...loaded].join(", ")}`);
  assert.ok(loaded.has("examples/code/model/train.py") && loaded.has("examples/data/abalone.csv"), [...loaded].join(", "));

  const names = [...packaged.keys()].sort();
  const unwanted = names.filter((n) =>
    /(^|\/)cli(-[\w-]+)?\.js(\.cache)?$|\.map$|\.ts$|^(test|scripts|node_modules|core|client|server|engine|sagemaker|cli|webview)\//.test(n),
  );
  assert.deepEqual(unwanted, [], "no CLI bundle, source map, source or test file");
  assert.deepEqual(names, [...loaded, "package.json", "readme.md", "changelog.md", "LICENSE.txt"].sort());

  assert.equal(packaged.get("readme.md")!.toString("utf8"), readFileSync(join(ROOT, USER_README), "utf8"), "the package's README is the one for users");
  assert.equal(packaged.get("changelog.md")!.toString("utf8"), readFileSync(join(ROOT, "CHANGELOG.md"), "utf8"));
  assert.equal(packaged.get("LICENSE.txt")!.toString("utf8"), readFileSync(join(ROOT, "LICENSE"), "utf8"));
  const icon = packaged.get(clean(manifest.icon))!;
  assert.equal(icon.toString("latin1", 1, 4), "PNG");
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], "the icon is 128×128");
  assert.equal((JSON.parse(packaged.get("package.json")!.toString("utf8")) as Manifest).repository, undefined);
});
