// Bundles the extension client, the language server, the CLI and the graph view's webview script into dist/.
//
// The extension is three bundles: dist/client.js (what activation loads: the language client, views, commands) and,
// loaded on first use, dist/sagemaker.js (the SageMaker layer with the AWS SDK) and dist/engine.js (the local engine).
// client/src/lazy.ts imports the two layers' entries dynamically; here those imports become `require("./sagemaker.js")`
// and `require("./engine.js")`, and any other import of them from the client fails the build.
import { build } from "esbuild";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  minify: process.argv.includes("--minify"),
  logLevel: "warning",
  // jsonc-parser's UMD entry hides its requires from the bundler; its ESM entry bundles cleanly.
  mainFields: ["module", "main"],
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};

/** The layers the client loads lazily: entry folder → the bundle beside dist/client.js. */
const LAZY_LAYERS = { "sagemaker/src": "sagemaker.js", "engine/src": "engine.js" };

/** What must never be in dist/client.js (the analyser, the schema tables, the AWS SDK, the engine). */
const NOT_IN_CLIENT = [/node_modules\/ajv\//, /^schemas\//, /^core\/src\/rules\//, /^core\/src\/schema\//, /^core\/src\/analyze\.ts$/, /node_modules\/@aws-sdk\//, /node_modules\/@smithy\//, /^engine\/src\//, /^sagemaker\/src\//];

const lazyLayers = {
  name: "lazy-layers",
  setup(b) {
    b.onResolve({ filter: /(^|\/)(sagemaker|engine)\/src(\/index(\.ts)?)?$/ }, (args) => {
      const target = relative(ROOT, resolve(args.resolveDir, args.path)).replace(/\\/g, "/").replace(/\/index(\.ts)?$/, "");
      const bundle = LAZY_LAYERS[target];
      if (!bundle) return undefined;
      if (args.kind !== "dynamic-import" || !args.importer.endsWith(join("client", "src", "lazy.ts"))) {
        return { errors: [{ text: `${relative(ROOT, args.importer)} imports ${target} at load time: use client/src/lazy.ts (or \`import type\`), so activation does not load it.` }] };
      }
      return { path: `./${bundle}`, external: true };
    });
  },
};

/** One copy of the LSP protocol per bundle: protocol/src's `vscode-languageserver-protocol` resolves to the copy the bundle's LSP library uses. */
const protocolOf = (library) => ({
  name: "one-protocol",
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-protocol$/ }, async (args) => {
      if (!args.importer.startsWith(join(ROOT, "protocol"))) return undefined;
      return b.resolve(args.path, { kind: args.kind, resolveDir: join(ROOT, "node_modules", library) });
    });
  },
});

const [client] = await Promise.all([
  build({
    ...common,
    entryPoints: ["client/src/extension.ts"],
    outfile: "dist/client.js",
    external: ["vscode"],
    metafile: true,
    // `import()` of the lazy bundles becomes `require()`: loaded the way VS Code loads extension code.
    supported: { "dynamic-import": false },
    plugins: [lazyLayers, protocolOf("vscode-languageclient")],
  }),
  build({ ...common, entryPoints: ["sagemaker/src/index.ts"], outfile: "dist/sagemaker.js" }),
  build({ ...common, entryPoints: ["engine/src/index.ts"], outfile: "dist/engine.js" }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", plugins: [protocolOf("vscode-languageserver")] }),
  build({ ...common, entryPoints: ["cli/src/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
  // The graph view's page: the layout library bundled in (no CDN), loaded by the webview through asWebviewUri.
  build({ ...common, platform: "browser", target: "chrome120", format: "iife", define: {}, entryPoints: ["webview/src/main.ts"], outfile: "dist/graph-view.js" }),
  build({ ...common, platform: "browser", define: {}, entryPoints: ["webview/graph.css"], outfile: "dist/graph-view.css" }),
]);

// What dist/client.js is made of (e.g. for esbuild's analyzer); not packaged.
writeFileSync("dist/client.meta.json", JSON.stringify(client.metafile));
const forbidden = Object.keys(client.metafile.inputs).filter((input) => NOT_IN_CLIENT.some((pattern) => pattern.test(input)));
if (forbidden.length > 0) {
  process.stderr.write(`dist/client.js must stay light, but it contains:\n${forbidden.map((f) => `  ${f}`).join("\n")}\n`);
  process.exit(1);
}

// The CLI is the package's `bin`: it must be executable.
chmodSync("dist/cli.js", 0o755);
