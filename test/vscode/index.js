// Mocha runner for the integration tests that run inside the real extension host (real `vscode` API).
// VS Code loads this file as `extensionTestsPath` and calls run(); the returned promise's outcome
// becomes the test exit code (code-server: codeAutomationExit; @vscode/test-electron: the process exit code).
//
// The extension host ignores reassigned console.log, so the results are written from the runner's
// events to a JSON file ($E2E_HOST_RESULTS, else <tmpdir>/sagemaker-pipelines-host-results.json),
// ending with a summary `N passed, N failed`. They are also printed, for the desktop runner's terminal.
"use strict";
const { existsSync, readdirSync, writeFileSync, mkdirSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");
const { tmpdir } = require("node:os");

function loadMocha() {
  const candidates = [process.env.E2E_MOCHA, "mocha", resolve(__dirname, "../../.e2e-cache/tools/node_modules/mocha")].filter(Boolean);
  const errors = [];
  for (const candidate of candidates) {
    try {
      return require(candidate);
    } catch (error) {
      errors.push(`${candidate}: ${error.message.split("\n")[0]}`);
    }
  }
  throw new Error(`mocha not found (run scripts/e2e/install.sh, or npm install mocha):\n${errors.join("\n")}`);
}

function resultsFile() {
  return process.env.E2E_HOST_RESULTS || join(tmpdir(), "sagemaker-pipelines-host-results.json");
}

/** Collects results from the runner's events and writes them after every test (a crash keeps what ran). */
function fileReporter(Mocha) {
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  return function FileReporter(runner) {
    const file = resultsFile();
    mkdirSync(dirname(file), { recursive: true });
    const tests = [];
    const save = (done) => {
      const passed = tests.filter((t) => t.state === "passed").length;
      const failed = tests.filter((t) => t.state === "failed").length;
      const skipped = tests.filter((t) => t.state === "pending").length;
      const summary = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : "");
      writeFileSync(file, JSON.stringify({ done, tests, passed, failed, skipped, summary }, null, 2));
      return summary;
    };
    const add = (test, state, error) => {
      tests.push({
        title: test.fullTitle(),
        state,
        durationMs: test.duration ?? 0,
        error: error ? String((error && error.stack) || error) : undefined,
      });
      save(false);
      const mark = state === "passed" ? "ok  " : state === "failed" ? "FAIL" : "skip";
      console.log(
        `${mark} ${test.fullTitle()}${
          error
            ? `\n     ${String(error.message || error)
                .split("\n")
                .join("\n     ")}`
            : ""
        }`,
      );
    };
    runner.on(EVENT_TEST_PASS, (test) => add(test, "passed"));
    runner.on(EVENT_TEST_FAIL, (test, error) => add(test, "failed", error));
    runner.on(EVENT_TEST_PENDING, (test) => add(test, "pending"));
    runner.once(EVENT_RUN_END, () => console.log(save(true)));
  };
}

exports.run = function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({
    ui: "tdd",
    timeout: 30_000,
    color: false,
    reporter: fileReporter(Mocha),
    grep: process.env.E2E_HOST_GREP || undefined,
  });
  const suiteDir = join(__dirname, "suite");
  for (const f of readdirSync(suiteDir)
    .filter((n) => n.endsWith(".test.js"))
    .sort())
    mocha.addFile(join(suiteDir, f));
  return new Promise((resolvePromise, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolvePromise()));
    } catch (error) {
      reject(error);
    }
  });
};

// For a quick check that the runner loads outside VS Code: node test/vscode/index.js --check
if (require.main === module && process.argv.includes("--check")) {
  console.log(`mocha: ${loadMocha().prototype ? "found" : "?"}; suite files: ${readdirSync(join(__dirname, "suite")).join(", ")}; results: ${resultsFile()}`);
  console.log(existsSync(join(__dirname, "suite")) ? "ok" : "no suite folder");
}
