// Runs every test/**/*.test.ts file with node's test runner (Node 20 has no glob support in --test).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const only = process.argv.slice(2);

function find(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "e2e" || entry.name === "vscode" ? [] : find(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const files = find(join(root, "test"))
  .map((f) => relative(root, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
