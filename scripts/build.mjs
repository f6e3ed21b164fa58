// Bundles the extension client, the language server, the CLI and the graph view's webview script into dist/.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, rmSync } from "node:fs";
import { lazyCliCommands, lazyValidators } from "./build-plugins.mjs";
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

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"], plugins: [lazyValidators] }),
  // The schema validators, for the client's stand-in (lazyValidators); the server and the CLI bundle them in.
  build({ ...common, entryPoints: ["core/src/schema/validators.generated.js"], outfile: "dist/schema-validators.js" }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" }),
  // The CLI: dist/cli.js (the bin) is cli/src/launcher.cjs, which runs this bundle with a V8 code cache (below).
  build({ ...common, entryPoints: ["cli/src/main.ts"], outfile: "dist/cli-main.js", plugins: [lazyCliCommands] }),
  // `run`, `plan` and `local serve` (AWS SDK, engine, run service): required by dist/cli-main.js only when one of them runs.
  build({ ...common, entryPoints: ["cli/src/commands/index.ts"], outfile: "dist/cli-commands.js" }),
  // The graph view's page: the layout library bundled in (no CDN), loaded by the webview through asWebviewUri.
  build({ ...common, platform: "browser", target: "chrome120", format: "iife", define: {}, entryPoints: ["webview/src/main.ts"], outfile: "dist/graph-view.js" }),
  build({ ...common, platform: "browser", define: {}, entryPoints: ["webview/graph.css"], outfile: "dist/graph-view.css" }),
]);

// The CLI is the package's `bin`: it must be executable.
copyFileSync("cli/src/launcher.cjs", "dist/cli.js");
chmodSync("dist/cli.js", 0o755);
// The code cache of dist/cli-main.js: V8's compiled code after a lint, which dist/cli.js hands to V8 so that a
// short `lint` does not parse the whole bundle again (a cache that does not fit is ignored: see launcher.cjs).
rmSync("dist/cli-main.js.cache", { force: true });
const cacheRun = spawnSync(process.execPath, ["dist/cli.js", "lint", "examples/abalone.pipeline.json"], { env: { ...process.env, SAGEMAKER_PIPELINES_WRITE_CODE_CACHE: "1" }, encoding: "utf8" });
if (cacheRun.status !== 0) throw new Error(`making the CLI's code cache: dist/cli.js lint exited with ${cacheRun.status}\n${cacheRun.stdout}${cacheRun.stderr}`);
