#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code (code-server) driven through Chromium.
//
//   node scripts/e2e/run.mjs [--vsix FILE] [--no-install] [--ui-only | --host-only] [--grep TEXT] [--keep]
//
// 1. scripts/e2e/install.sh (cached per user, see install.sh): Node 24, code-server, playwright-core, mocha, chromium
// 2. `npm run package` -> dist/sagemaker-pipelines.vsix (or --vsix FILE), copied into the run folder
// 3. a per-run folder (HOME, XDG_*, TMPDIR, workspace, profiles); the .vsix installed into code-server
// 4. (a) UI scenarios test/e2e/scenarios/*.mjs on code-server + Chromium
//    (b) in-host integration tests test/vscode/suite/*.test.js (mocha in the real extension host)
// 5. prints `N passed, N failed`; exit code 1 on any failure. Screenshots and logs: test-results/e2e/.
// Every step has a bounded time; code-server and Chromium are always ended.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { installExtension, runEnvironment, startCodeServer } from "../../test/e2e/lib/code-server.mjs";
import { launchBrowser } from "../../test/e2e/lib/browser.mjs";
import { loadScenarios, runScenario } from "../../test/e2e/lib/scenarios.mjs";
import { runHostTests } from "../../test/e2e/lib/host-tests.mjs";
import { endLiveGroups, run, sweep } from "../../test/e2e/lib/processes.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = createRequire(import.meta.url)("../../test/e2e/fixtures/index.cjs");
const CACHE = process.env.E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "sagemaker-pipelines-e2e");
const NODE24 = join(CACHE, "node24/node_modules/node/bin/node");
const CODE_SERVER = join(CACHE, "code-server/node_modules/code-server/out/node/entry.js");
const TOOLS = join(CACHE, "tools");
const RESULTS = join(ROOT, "test-results/e2e");

const INSTALL_TIMEOUT_MS = 20 * 60_000;
const PACKAGE_TIMEOUT_MS = 3 * 60_000;
const HOST_TESTS_TIMEOUT_MS = 3 * 60_000;
/** The whole run after the installs: a watchdog ends everything past this. */
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S || 600) * 1000;

const args = parseArgs(process.argv.slice(2));
const say = (line) => process.stdout.write(`${line}\n`);
const t0 = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

let runDir;
let cleanupStarted = false;
const resources = { browser: undefined, servers: [] };
const results = [];

async function cleanup() {
  if (cleanupStarted) return;
  cleanupStarted = true;
  endLiveGroups();
  await Promise.race([resources.browser?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
  for (const server of resources.servers) await server.stop().catch(() => undefined);
  if (runDir) {
    const swept = await sweep(runDir);
    if (swept.length) say(`[e2e] ended ${swept.length} leftover process(es) of this run: ${swept.join(", ")}`);
    if (args.keep) say(`[e2e] kept the run folder ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function finish(extraFailure) {
  if (extraFailure) results.push({ name: extraFailure.name, ok: false, error: extraFailure.error });
  const passed = results.filter((r) => r.ok && !r.skipped).length;
  const failed = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, "summary.json"), JSON.stringify({ passed, failed, skipped, seconds: (Date.now() - t0) / 1000, results }, null, 2));
  if (failed) {
    say("\n[e2e] failures:");
    for (const r of results.filter((x) => !x.ok)) say(`  ✗ ${r.name}\n      ${String(r.error).split("\n").slice(0, 12).join("\n      ")}`);
  }
  say(`\n[e2e] ${seconds(Date.now() - t0)} in all; screenshots and logs in ${RESULTS}`);
  // The closing line, alone (read by CI).
  say(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed || results.length === 0 ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    say(`[e2e] ${signal}: stopping`);
    await cleanup();
    finish({ name: "the run", error: `interrupted by ${signal}` });
    process.exit(130);
  });
}

/** Throws once cleanup has begun (interrupt or watchdog), so that main starts nothing new. */
function checkNotStopping() {
  if (cleanupStarted) throw new Error("stopping");
}

/** Registers a started server or browser; one started while stopping is ended at once. */
async function track(kind, resource) {
  if (cleanupStarted) {
    await (kind === "browser" ? resource.close() : resource.stop()).catch(() => undefined);
    throw new Error("stopping");
  }
  if (kind === "browser") resources.browser = resource;
  else resources.servers.push(resource);
  return resource;
}

const watchdog = setTimeout(
  async () => {
    say(`[e2e] the run exceeded ${RUN_TIMEOUT_MS / 1000} s: stopping`);
    await cleanup();
    process.exit(finish({ name: "the run finishes in time", error: `watchdog after ${RUN_TIMEOUT_MS / 1000} s` }));
  },
  RUN_TIMEOUT_MS + (args.install ? INSTALL_TIMEOUT_MS : 0) + PACKAGE_TIMEOUT_MS * 3,
);
watchdog.unref();

try {
  process.exitCode = await main();
} catch (error) {
  if (cleanupStarted) await new Promise(() => undefined); // the signal handler or watchdog exits
  say(`[e2e] error: ${error?.stack || error}`);
  await cleanup();
  process.exitCode = finish({ name: "the end-to-end harness", error: error?.message || String(error) });
}
await cleanup();
process.exit(process.exitCode);

async function main() {
  // 1. Installs.
  if (args.install) {
    const t = Date.now();
    const install = await run("bash", [join(ROOT, "scripts/e2e/install.sh")], { cwd: ROOT, timeoutMs: INSTALL_TIMEOUT_MS, inherit: true });
    if (install.code !== 0) throw new Error(`scripts/e2e/install.sh failed (exit ${install.code}${install.timedOut ? ", timed out" : ""})`);
    say(`[e2e] installs: ${seconds(Date.now() - t)}`);
  }
  for (const [what, path] of [
    ["Node 24", NODE24],
    ["code-server", CODE_SERVER],
    ["playwright-core", join(TOOLS, "node_modules/playwright-core")],
    ["mocha", join(TOOLS, "node_modules/mocha")],
  ]) {
    if (!existsSync(path)) throw new Error(`${what} is not installed (${path}): run scripts/e2e/install.sh`);
  }

  // 2. The per-run folder, results folder, workspace.
  runDir = mkdtempSync(join(process.env.E2E_RUN_PARENT || tmpdir(), "sagemaker-e2e-"));
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (/\.(png|log|json)$/.test(f)) rmSync(join(RESULTS, f), { force: true });
  const hostResults = join(runDir, "host-results.json");
  const { dirs, env } = runEnvironment(runDir, { E2E_HOST_RESULTS: hostResults, E2E_MOCHA: join(TOOLS, "node_modules/mocha") });
  fixtures.populateWorkspace(dirs.workspace);
  say(`[e2e] run folder ${runDir}; corpus definition ${fixtures.corpusSource()}`);

  // 3. The .vsix, installed into code-server (packaging again if a concurrent build tore it).
  const extensionFolder = await packageAndInstall(dirs, env);

  const serverLog = join(RESULTS, "code-server.log");
  const deadline = Date.now() + RUN_TIMEOUT_MS;

  // 4a. UI scenarios.
  if (args.ui) {
    const scenarios = await loadScenarios(join(ROOT, "test/e2e/scenarios"), args.grep);
    say(`\n[e2e] UI scenarios (${scenarios.length})`);
    const t = Date.now();
    checkNotStopping();
    // Workspace trust is off on the server of the UI scenarios; a scenario with `workspaceTrust: true` gets a
    // server with trust on (started when the first such scenario comes, the other server stopped meanwhile).
    const startServer = (workspaceTrust) => startCodeServer({ node: NODE24, entry: CODE_SERVER, env, dirs, logFile: serverLog, workspaceTrust });
    let server = await track("server", await startServer(false));
    let serverTrust = false;
    await track("browser", await launchBrowser({ toolsDir: TOOLS, runDir, env }));
    say(`[e2e] code-server ${server.url} and Chromium up in ${seconds(Date.now() - t)}`);
    for (const scenario of scenarios) {
      checkNotStopping();
      if (Date.now() > deadline) {
        results.push({ name: scenario.name, ok: false, error: "not run: the run's time was up" });
        continue;
      }
      const workspaceTrust = scenario.workspaceTrust === true;
      if (workspaceTrust !== serverTrust) {
        await server.stop();
        const ts = Date.now();
        server = await track("server", await startServer(workspaceTrust));
        serverTrust = workspaceTrust;
        say(`[e2e] code-server ${server.url} with workspace trust ${workspaceTrust ? "on" : "off"} up in ${seconds(Date.now() - ts)}`);
      }
      const result = await runScenario({
        scenario,
        context: resources.browser,
        serverUrl: server.url,
        serverPid: server.pid,
        workspacesDir: join(runDir, "workspaces"),
        resultsDir: RESULTS,
        say,
      });
      checkNotStopping();
      results.push(result);
      say(`  ${result.ok ? "✓" : "✗"} ${result.name} (${seconds(result.ms)})${result.ok ? "" : `\n      ${result.error.split("\n")[0]}`}`);
    }
    await server.stop();
  }

  // 4b. In-host integration tests (a server with the smoke-test driver, which they need to report back).
  if (args.host) {
    say(`\n[e2e] in-host integration tests (mocha in the extension host)`);
    const t = Date.now();
    checkNotStopping();
    const server = await track(
      "server",
      await startCodeServer({
        node: NODE24,
        entry: CODE_SERVER,
        env: { ...env, E2E_HOST_GREP: args.grep ?? "" },
        dirs,
        logFile: serverLog,
        smokeTestDriver: true,
      }),
    );
    if (!resources.browser) await track("browser", await launchBrowser({ toolsDir: TOOLS, runDir, env }));
    const host = await runHostTests({
      context: resources.browser,
      server,
      workspace: dirs.workspace,
      extensionFolder,
      testsPath: join(ROOT, "test/vscode/index.js"),
      resultsFile: hostResults,
      logFile: join(RESULTS, "host-tests.log"),
      resultsDir: RESULTS,
      timeoutMs: Math.min(HOST_TESTS_TIMEOUT_MS, Math.max(10_000, deadline - Date.now())),
      say,
    });
    checkNotStopping();
    for (const r of host.tests) {
      results.push(r);
      say(
        `  ${r.skipped ? "-" : r.ok ? "✓" : "✗"} ${r.name}${r.ms ? ` (${seconds(r.ms)})` : ""}${r.ok || r.skipped ? "" : `\n      ${String(r.error).split("\n")[0]}`}`,
      );
    }
    if (existsSync(hostResults)) copyFileSync(hostResults, join(RESULTS, "host-results.json"));
    say(`[e2e] in-host tests: ${seconds(host.ms)} (${seconds(Date.now() - t)} with the server start)`);
    await server.stop();
  }

  await cleanup();
  return finish();
}

async function packageAndInstall(dirs, env) {
  const target = join(runDir, "sagemaker-pipelines.vsix");
  const attempts = args.vsix ? 1 : 3;
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const t = Date.now();
    if (args.vsix) {
      copyFileSync(args.vsix, target);
    } else {
      const pack = await run("npm", ["run", "package"], { cwd: ROOT, timeoutMs: PACKAGE_TIMEOUT_MS });
      if (pack.code !== 0) {
        lastError = new Error(`npm run package failed (exit ${pack.code}${pack.timedOut ? ", timed out" : ""}):\n${pack.output.slice(-3000)}`);
        say(`[e2e] packaging attempt ${attempt} failed; ${attempt < attempts ? "retrying" : "giving up"}`);
        await new Promise((r) => setTimeout(r, 2000));
        continue;
      }
      copyFileSync(join(ROOT, "dist/sagemaker-pipelines.vsix"), target);
    }
    try {
      rmSync(dirs.extensions, { recursive: true, force: true });
      mkdirSync(dirs.extensions, { recursive: true });
      const folder = installExtension({ node: NODE24, entry: CODE_SERVER, env, dirs, vsix: target });
      // A build running beside `npm run package` can leave a torn bundle in the .vsix: check that it parses.
      for (const f of ["dist/client.js", "dist/sagemaker.js", "dist/engine.js", "dist/server.js"]) {
        const check = await run(NODE24, ["--check", join(folder, f)], { timeoutMs: 60_000 });
        if (check.code !== 0) throw new Error(`${f} in the .vsix does not parse:\n${check.output.slice(0, 1000)}`);
      }
      say(
        `[e2e] ${args.vsix ? `testing ${args.vsix}` : "packaged dist/sagemaker-pipelines.vsix"} (${Math.round(statSync(target).size / 1024)} KiB), installed into code-server: ${seconds(Date.now() - t)}`,
      );
      return folder;
    } catch (error) {
      lastError = error;
      say(`[e2e] the .vsix did not install cleanly (attempt ${attempt}): ${error.message.split("\n")[0]}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  throw lastError;
}

function parseArgs(argv) {
  const options = { install: true, ui: true, host: true, keep: false, grep: undefined, vsix: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-install") options.install = false;
    else if (a === "--ui-only") options.host = false;
    else if (a === "--host-only") options.ui = false;
    else if (a === "--keep") options.keep = true;
    else if (a === "--grep") options.grep = argv[++i];
    else if (a === "--vsix") options.vsix = resolve(argv[++i]);
    else if (a.endsWith(".vsix")) options.vsix = resolve(a);
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node scripts/e2e/run.mjs [--vsix FILE] [--no-install] [--ui-only | --host-only] [--grep TEXT] [--keep]\n");
      process.exit(0);
    } else {
      process.stderr.write(`unknown argument ${a} (see --help)\n`);
      process.exit(2);
    }
  }
  if (options.vsix && !existsSync(options.vsix)) {
    process.stderr.write(`no such .vsix: ${options.vsix}\n`);
    process.exit(2);
  }
  return options;
}
