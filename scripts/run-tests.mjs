// Runs test files with node's test runner (Node 20 has no glob support in --test).
//
//   node scripts/run-tests.mjs [FILTER...]            every test/**/*.test.ts outside test/interop, e2e and vscode (offline)
//   node scripts/run-tests.mjs --interop [FILTER...]  the Python-side tests in test/interop (they build a venv from PyPI)
//   TEST_CONCURRENCY=n node scripts/run-tests.mjs ...  n test files at once (default: cores - 1, at least 2; the
//                                                     interop tests one at a time)
//
// A FILTER keeps the files whose path contains it.
//
// The tests run with their temporary folder (TMPDIR, for them and every process they start) set to a new
// empty folder; the run fails, naming them, when anything is left in it afterwards, or when the tests
// left new files in the working tree (e.g. an engine store, .sagemaker-pipelines/). The folder is removed
// either way.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ensureValidator } from "./generate-validator.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const interop = args.includes("--interop");
const only = args.filter((a) => a !== "--interop");
/** Folders that `npm test` leaves out: the real-VS-Code suites and the tests that need PyPI. */
const OUTSIDE_UNIT = new Set(["e2e", "vscode", "interop", "fixtures"]);

function find(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return directory === join(root, "test") && OUTSIDE_UNIT.has(entry.name) ? [] : find(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = find(join(root, interop ? "test/interop" : "test"))
  .map((f) => relative(root, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`run-tests: no test file matches ${only.join(", ")}\n`);
  process.exit(1);
}
// The tests run the TypeScript sources, which import the schema's generated validators: make sure they
// exist and are current even when `npm run build` has not run since the schema changed.
if (!interop) ensureValidator();

/**
 * Untracked paths in the working tree, and ignored engine stores (.sagemaker-pipelines/); the other ignored
 * folders are caches the tests may fill (.cache/ holds the interop tests' virtualenv). Empty outside a git checkout.
 */
function untracked() {
  const status = spawnSync("git", ["status", "--porcelain", "--ignored", "--untracked-files=normal"], { cwd: root, encoding: "utf8" });
  if (status.status !== 0) return new Set();
  const paths = status.stdout.split("\n").filter((line) => line.startsWith("?? ") || (line.startsWith("!! ") && line.includes(".sagemaker-pipelines")));
  return new Set(paths.map((line) => line.slice(3)));
}

/** Every path under `folder`, the contents of its folders left out beyond `depth`. */
function leftovers(folder, depth = 2) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    const below = entry.isDirectory() && depth > 1 ? leftovers(path, depth - 1) : [];
    return below.length ? below : [path];
  });
}

const scratch = mkdtempSync(join(tmpdir(), "smp-tests-"));
const before = untracked();
let interrupted;
const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--import",
    join(root, "scripts/test-tmpdir.mjs"),
    "--test",
    "--test-reporter=spec",
    // Most files wait on processes they start (servers, engines, the CLI): two at once even on 2 cores, where node's
    // default (cores - 1) would run them one at a time. The interop tests drive the SDK's heavy processes: one at a time.
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? (interop ? 1 : Math.max(2, availableParallelism() - 1))}`,
    ...files,
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, SMP_TEST_TMPDIR: scratch } },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    interrupted = signal;
    child.kill(signal);
  });
}
const status = await new Promise((resolve) => {
  child.once("error", (error) => {
    process.stderr.write(`run-tests: ${error.message}\n`);
    resolve(1);
  });
  child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

let failed = status !== 0;
try {
  if (!interrupted) {
    const left = leftovers(scratch);
    if (left.length > 0) {
      failed = true;
      process.stderr.write(
        `\nrun-tests: the tests left ${left.length} path(s) in their temporary folder (remove them in t.after / after):\n${left.map((p) => `  ${relative(scratch, p)}`).join("\n")}\n`,
      );
    }
    const added = [...untracked()].filter((path) => !before.has(path));
    if (added.length > 0) {
      failed = true;
      process.stderr.write(`\nrun-tests: the tests left new files in the working tree:\n${added.map((p) => `  ${p}`).join("\n")}\n`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(interrupted ? 130 : failed ? 1 : 0);
