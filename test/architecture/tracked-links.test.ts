import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

// A worktree's link to shared folders (e.g. `.cache` → another checkout's venvs) once got committed: a clone then had a
// link pointing outside itself (or to itself), and everything that used the folder failed with ELOOP.
test("the repository tracks no symbolic link (a clone stands alone)", { skip: !existsSync(join(root, ".git")) && "not a git checkout" }, () => {
  const links = execFileSync("git", ["ls-files", "-s"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((line) => line.startsWith("120000 "))
    .map((line) => line.split("\t")[1]);
  assert.deepEqual(links, []);
});
