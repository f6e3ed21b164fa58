// Bundles the extension client, the language server, the CLI and the webview scripts (graph view, Run Plan) into dist/.
//
// The extension is three bundles: dist/client.js (what activation loads: the language client, views, commands) and,
// loaded on first use, dist/sagemaker.js (the SageMaker layer with the AWS SDK) and dist/engine.js (the local engine).
// client/src/lazy.ts imports the two layers' entries dynamically; here those imports become `require("./sagemaker.js")`
// and `require("./engine.js")`, and any other import of them from the client fails the build.
//
// The extension's local engine runs in a child process, dist/engine-serve.js (`local serve` alone, requiring the engine
// from dist/engine.js): the .vsix carries no CLI.
//
// The CLI is dist/cli.js (cli/src/launcher.cjs), which runs dist/cli-main.js with a V8 code cache; `run`, `plan` and
// `local serve` live in dist/cli-commands.js, required only when one of them runs, so `lint` starts fast.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engineFromBundle, lazyCliCommands, lazyLayers, NOT_IN_CLIENT, protocolOf, ROOT } from "./esbuild-plugins.mjs";
import { ensureValidator } from "./generate-validator.mjs";

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

// The schema's validators, compiled ahead of time (core/src/schema/validators.generated.js, git-ignored).
ensureValidator();

/** A webview page's script (for the browser, one IIFE) and stylesheet, as dist/<name>.js and dist/<name>.css. */
const webviewPage = (script, styles, name) => [
  build({ ...common, platform: "browser", target: "chrome120", format: "iife", define: {}, entryPoints: [script], outfile: `dist/${name}.js` }),
  build({ ...common, platform: "browser", define: {}, entryPoints: [styles], outfile: `dist/${name}.css` }),
];

const [client, , , engineServe] = await Promise.all([
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
  build({ ...common, entryPoints: ["cli/src/engine-serve.ts"], outfile: "dist/engine-serve.js", metafile: true, plugins: [engineFromBundle] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", plugins: [protocolOf("vscode-languageserver")] }),
  build({ ...common, entryPoints: ["cli/src/main.ts"], outfile: "dist/cli-main.js", plugins: [lazyCliCommands] }),
  build({ ...common, entryPoints: ["cli/src/commands/index.ts"], outfile: "dist/cli-commands.js" }),
  // The graph view's layout, in a worker thread of the extension host (client/src/graph/layout-service.ts).
  build({ ...common, entryPoints: ["client/src/graph/layout-worker.ts"], outfile: "dist/graph-layout.js" }),
  // CreatePipeline's and UpdatePipeline's definition check, in a worker thread of the engine (engine/src/definition-checker.ts).
  build({ ...common, entryPoints: ["engine/src/definition-check-worker.ts"], outfile: "dist/definition-check.js" }),
  // The webview pages (the graph view's, the Run Plan panel's), loaded through asWebviewUri: a script and a stylesheet each.
  ...webviewPage("webview/src/main.ts", "webview/graph.css", "graph-view"),
  ...webviewPage("webview/src/run-plan/main.ts", "webview/run-plan.css", "run-plan"),
]);

// What dist/client.js is made of (e.g. for esbuild's analyzer); not packaged. The client imports the core through its
// entry; modules it does not use are parsed but left out (package.json `sideEffects`), so the check reads what the
// output holds, not what was parsed.
writeFileSync("dist/client.meta.json", JSON.stringify(client.metafile));
const inClient = Object.entries(client.metafile.outputs["dist/client.js"].inputs).filter(([, input]) => input.bytesInOutput > 0);
const forbidden = inClient.map(([path]) => path).filter((input) => NOT_IN_CLIENT.some((pattern) => pattern.test(input)));
if (forbidden.length > 0) {
  process.stderr.write(`dist/client.js must stay light, but it contains:\n${forbidden.map((f) => `  ${f}`).join("\n")}\n`);
  process.exit(1);
}

// The engine process takes the engine from dist/engine.js and needs neither the AWS SDK nor the analyser.
const inEngineServe = Object.keys(engineServe.metafile.inputs).filter((input) => /^(engine|core|sagemaker)\/src\/|node_modules\/@aws-sdk\//.test(input));
if (inEngineServe.length > 0) {
  process.stderr.write(`dist/engine-serve.js must take the engine from dist/engine.js, but it contains:\n${inEngineServe.map((f) => `  ${f}`).join("\n")}\n`);
  process.exit(1);
}

// The Python side of `export` (sagemaker/src/python-export.ts), run with the user's interpreter beside the bundles.
mkdirSync("dist/python", { recursive: true });
copyFileSync("sagemaker/python/export_pipeline.py", "dist/python/export_pipeline.py");

// The CLI is the package's `bin`: it must be executable.
copyFileSync("cli/src/launcher.cjs", "dist/cli.js");
chmodSync("dist/cli.js", 0o755);
// The code cache of dist/cli-main.js: V8's compiled code after a lint, which dist/cli.js hands to V8 so that a
// short `lint` does not parse the whole bundle again (a cache that does not fit is ignored: see launcher.cjs).
rmSync("dist/cli-main.js.cache", { force: true });
const cacheRun = spawnSync(process.execPath, ["dist/cli.js", "lint", "examples/abalone.pipeline.json"], {
  env: { ...process.env, SAGEMAKER_PIPELINES_WRITE_CODE_CACHE: "1" },
  encoding: "utf8",
});
if (cacheRun.status !== 0)
  throw new Error(`making the CLI's code cache: dist/cli.js lint exited with ${cacheRun.status}\n${cacheRun.stdout}${cacheRun.stderr}`);
