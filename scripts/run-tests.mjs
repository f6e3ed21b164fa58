// Runs test files with node's test runner (Node 20 has no glob support in --test).
//
//   node scripts/run-tests.mjs [FILTER...]            every test/**/*.test.ts outside test/interop, e2e and vscode (offline)
//   node scripts/run-tests.mjs --interop [FILTER...]  the Python-side tests in test/interop (they build a venv from PyPI)
//
// A FILTER keeps the files whose path contains it.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
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
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
