#!/usr/bin/env node
// The in-host integration tests (test/vscode/suite) on desktop VS Code, through @vscode/test-electron.
// For a developer's machine that can download VS Code (the future `npm run test:vscode`). CI and these
// offline machines use the code-server route instead: scripts/e2e/run.mjs.
//
//   node test/vscode/run-electron.mjs [--vsix FILE] [--version stable|1.91.0|insiders]
//
// It tests the packaged .vsix, like the code-server route: `npm run package` (or --vsix FILE), the .vsix
// installed with the downloaded VS Code's CLI into a fresh extensions folder, and that installed folder
// used as the extension development path. Mocha comes from $E2E_MOCHA, the project's node_modules, or
// the e2e cache's tools folder (scripts/e2e/install.sh). On Linux without a display, run it under xvfb-run -a.
// Prints `N passed, N failed` and exits non-zero on any failure.
import { homedir } from "node:os";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const fixtures = require("../e2e/fixtures/index.cjs");

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const version = option("--version") || process.env.E2E_VSCODE_VERSION || "stable";
let vsix = option("--vsix") ? resolve(option("--vsix")) : undefined;

const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = require("@vscode/test-electron");

const runDir = mkdtempSync(join(tmpdir(), "sagemaker-vscode-"));
const userData = join(runDir, "user-data");
const extensions = join(runDir, "extensions");
const workspace = join(runDir, "workspace");
const resultsFile = join(runDir, "host-results.json");
let exitCode = 1;

try {
  // 1. The .vsix.
  if (!vsix) {
    console.log("[vscode] npm run package");
    const pack = spawnSync("npm", ["run", "package"], { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32", timeout: 180_000 });
    if (pack.status !== 0) throw new Error(`npm run package failed (exit ${pack.status})`);
    vsix = join(runDir, "sagemaker-pipelines.vsix");
    copyFileSync(join(ROOT, "dist/sagemaker-pipelines.vsix"), vsix);
  }

  // 2. The workspace and quiet user settings (the same as the code-server route).
  fixtures.populateWorkspace(workspace);
  const { USER_SETTINGS } = await import("../e2e/lib/code-server.mjs");
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(USER_SETTINGS, null, 2));

  // 3. VS Code (downloaded into .vscode-test/, cached) and the .vsix installed with its CLI.
  console.log(`[vscode] VS Code ${version}`);
  const vscodeExecutablePath = await downloadAndUnzipVSCode(version);
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
  const install = spawnSync(cli, [...cliArgs, `--extensions-dir=${extensions}`, `--user-data-dir=${userData}`, "--install-extension", vsix, "--force"], {
    encoding: "utf8",
    stdio: "inherit",
    shell: process.platform === "win32",
    timeout: 120_000,
  });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed (exit ${install.status})`);
  const installed = readdirSync(extensions).find((d) => d.startsWith(`${fixtures.EXTENSION_ID}-`));
  if (!installed) throw new Error(`the .vsix did not install into ${extensions}`);

  // 4. The tests, in the real extension host of desktop VS Code.
  const mochaCandidates = [
    process.env.E2E_MOCHA,
    join(ROOT, "node_modules/mocha"),
    join(process.env.E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "sagemaker-pipelines-e2e"), "tools/node_modules/mocha"),
  ];
  const mocha = mochaCandidates.find((c) => c && existsSync(c));
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: join(extensions, installed),
      extensionTestsPath: join(ROOT, "test/vscode/index.js"),
      extensionTestsEnv: { E2E_HOST_RESULTS: resultsFile, ...(mocha ? { E2E_MOCHA: mocha } : {}) },
      launchArgs: [
        workspace,
        `--extensions-dir=${extensions}`,
        `--user-data-dir=${userData}`,
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        "--disable-gpu",
        ...(process.platform === "linux" && process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      ],
    });
  } catch (error) {
    console.error(`[vscode] ${error.message}`);
    code = 1;
  }
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : undefined;
  for (const t of results?.tests ?? [])
    console.log(`  ${t.state === "passed" ? "✓" : t.state === "failed" ? "✗" : "-"} ${t.title}${t.error ? `\n      ${t.error.split("\n")[0]}` : ""}`);
  const passed = results?.passed ?? 0;
  let failed = results?.failed ?? 0;
  if (!results?.done || (code !== 0 && failed === 0)) failed++;
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed > 0 ? 1 : 0;
} catch (error) {
  console.error(`[vscode] error: ${error.message}`);
  console.log("0 passed, 1 failed");
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
