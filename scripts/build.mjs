// Bundles the extension client, the language server, the CLI and the graph view's webview script into dist/.
import { build } from "esbuild";
import { chmodSync, readFileSync } from "node:fs";
import { ensureValidator } from "./generate-validator.mjs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
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

// The schema's validators, compiled ahead of time (core/src/schema/validators.generated.js, git-ignored).
ensureValidator();

/**
 * dist/cli.js leaves cli/src/main.ts's `import("./commands")` to run time, as a require of the separate
 * bundle dist/cli-commands.js: `lint` then neither loads nor even parses the AWS SDK and the engine.
 */
const lazyCliCommands = {
  name: "lazy-cli-commands",
  setup(b) {
    b.onResolve({ filter: /^\.\/commands$/ }, (args) => (args.kind === "dynamic-import" && args.importer.endsWith("cli/src/main.ts") ? { path: "./cli-commands.js", external: true } : undefined));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" }),
  build({ ...common, entryPoints: ["cli/src/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" }, plugins: [lazyCliCommands] }),
  // `run`, `plan` and `local serve` (AWS SDK, engine, run service): required by dist/cli.js only when one of them runs.
  build({ ...common, entryPoints: ["cli/src/commands/index.ts"], outfile: "dist/cli-commands.js" }),
  // The graph view's page: the layout library bundled in (no CDN), loaded by the webview through asWebviewUri.
  build({ ...common, platform: "browser", target: "chrome120", format: "iife", define: {}, entryPoints: ["webview/src/main.ts"], outfile: "dist/graph-view.js" }),
  build({ ...common, platform: "browser", define: {}, entryPoints: ["webview/graph.css"], outfile: "dist/graph-view.css" }),
]);

// The CLI is the package's `bin`: it must be executable.
chmodSync("dist/cli.js", 0o755);
