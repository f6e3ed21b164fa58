// Runs the mocha tests of test/vscode inside the real extension host of code-server.
//
// code-server must run with `--vscode-option enable-smoke-test-driver` and with E2E_HOST_RESULTS (the
// results file) and E2E_MOCHA in its environment. The page gets two functions before it loads,
// codeAutomationExit(code) and codeAutomationLog(...), which VS Code calls when the tests end and log.
// The extension under test is the installed .vsix: its installed folder is the development path.
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";

export async function runHostTests({ context, server, workspace, extensionFolder, testsPath, resultsFile, logFile, resultsDir, timeoutMs = 180_000 }) {
  const started = Date.now();
  const page = await context.newPage();
  let exitCode;
  const exited = new Promise((resolve) => (exitCode = resolve));
  try {
    await page.exposeFunction("codeAutomationExit", (code) => exitCode(code));
    await page.exposeFunction("codeAutomationLog", (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
      appendFileSync(logFile, `[${type}] ${text}\n`);
    });
    const remote = (path) => `vscode-remote://${server.host}${path}`;
    const payload = JSON.stringify([
      ["extensionDevelopmentPath", remote(extensionFolder)],
      ["extensionTestsPath", remote(testsPath)],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 60_000 });
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))]);
    clearTimeout(timer);
    await page.screenshot({ path: join(resultsDir, code === 0 ? "host-tests.png" : "host-tests-FAILED.png"), timeout: 15_000 }).catch(() => undefined);

    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : undefined;
    const tests = (results?.tests ?? []).map((t) => ({
      name: `[in-host] ${t.title}`,
      ok: t.state === "passed",
      skipped: t.state === "pending",
      error: t.error,
      ms: t.durationMs,
    }));
    if (code === "timeout") {
      tests.push({
        name: "[in-host] the tests finish",
        ok: false,
        error: `no exit code after ${timeoutMs / 1000} s (${tests.length} test(s) had reported); see ${logFile}`,
      });
    } else if (!results?.done) {
      tests.push({
        name: "[in-host] the mocha runner",
        ok: false,
        error: `exit code ${code} without a complete results file (${resultsFile}); see ${logFile}`,
      });
    } else if (code !== 0 && tests.every((t) => t.ok || t.skipped)) {
      tests.push({ name: "[in-host] the mocha runner", ok: false, error: `exit code ${code} although every test passed; see ${logFile}` });
    }
    return { tests, ms: Date.now() - started };
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}
