/**
 * A rough measure of extension activation: loading the minified client bundle (as packaged; `vscode`
 * stubbed) in a fresh Node process, and starting dist/server.js up to its `initialize` answer.
 * Plus the bundle sizes, built in memory as `npm run build` (unminified) and `npm run package` (minified) build them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { lazyCliCommands, lazyLayers, protocolOf } from "../esbuild-plugins.mjs";
import { LspClient } from "../../test/helpers/lsp";
import { median } from "./stats";

const ROOT = join(import.meta.dirname, "../..");

/** The `vscode` members the client uses (`vscode.X` in client/src), for the stub. */
function vscodeNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) for (const m of readFileSync(path, "utf8").matchAll(/\bvscode\.([A-Za-z_]+)/g)) names.add(m[1]);
    }
  };
  walk(join(ROOT, "client/src"));
  return [...names];
}

/** Milliseconds to `require` the client bundle in a fresh process, with `vscode` a module of stubs. */
function requireClientOnce(bundle: string, names: string[]): number {
  const script = `
    const Module = require("node:module");
    const load = Module._load;
    const prototype = {};
    const stub = new Proxy(function () {}, { get: (t, p) => (p === "prototype" ? prototype : stub), apply: () => stub, construct: () => ({}) });
    // Own properties for the client's \`import * as vscode\` (esbuild copies them); any other member read is a stub too.
    const vscode = new Proxy(Object.fromEntries(${JSON.stringify(names)}.map((name) => [name, stub])), { get: (t, p) => (p === "__esModule" ? true : (t[p] ?? stub)) });
    Module._load = function (request, ...rest) { return request === "vscode" ? vscode : load.call(this, request, ...rest); };
    const t0 = performance.now();
    const extension = require(${JSON.stringify(bundle)});
    if (typeof extension.activate !== "function") throw new Error("no activate()");
    process.stdout.write(String(performance.now() - t0));`;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

export async function benchActivation(): Promise<{
  requireClient: number;
  serverInitialize: number;
  bundles: Array<{ file: string; built: number; minified: number; gzip: number }>;
}> {
  // As scripts/build.mjs: the client's lazy layers are their own bundles (required on first use), one LSP protocol copy each.
  const entries = [
    { file: "client.js", entry: "client/src/extension.ts", external: ["vscode"], plugins: [lazyLayers, protocolOf("vscode-languageclient")] },
    { file: "sagemaker.js", entry: "sagemaker/src/index.ts", external: [] },
    { file: "engine.js", entry: "engine/src/index.ts", external: [] },
    { file: "server.js", entry: "server/src/server.ts", external: [], plugins: [protocolOf("vscode-languageserver")] },
    // The CLI's main bundle (dist/cli.js is a small launcher); `run`, `plan` and `local serve` are dist/cli-commands.js.
    { file: "cli-main.js", entry: "cli/src/main.ts", external: [], plugins: [lazyCliCommands] },
    { file: "cli-commands.js", entry: "cli/src/commands/index.ts", external: [] },
  ];
  const folder = mkdtempSync(join(tmpdir(), "smp-bench-bundles-"));
  const bundles = [];
  for (const { file, entry, external, plugins } of entries) {
    const size = async (minify: boolean) => {
      const result = await build({
        entryPoints: [join(ROOT, entry)],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        minify,
        write: false,
        external,
        plugins,
        supported: { "dynamic-import": false },
        mainFields: ["module", "main"],
        define: { PACKAGE_VERSION: '"bench"' },
        logLevel: "silent",
      });
      return result.outputFiles[0].contents;
    };
    const minified = await size(true);
    writeFileSync(join(folder, file), minified);
    bundles.push({ file: `dist/${file}`, built: (await size(false)).length, minified: minified.length, gzip: gzipSync(minified).length });
  }
  const names = vscodeNames();
  const requires = Array.from({ length: 7 }, () => requireClientOnce(join(folder, "client.js"), names));
  rmSync(folder, { recursive: true, force: true });
  const initializes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const client = await LspClient.start();
    initializes.push(performance.now() - t0);
    await client.stop();
  }
  return { requireClient: median(requires), serverInitialize: median(initializes), bundles };
}

export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
