import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createStepRunner, LocalEngine } from "../../engine/src";
import { tempDir } from "../helpers/temp";

const git = (cwd: string, ...args: string[]) => spawnSync("git", args, { cwd, encoding: "utf8" });

test("store: a new store carries a .gitignore of *, so its records never show in git status", async (t) => {
  const repo = tempDir(t, "smp-gitignore-");
  assert.equal(git(repo, "init", "-q").status, 0);
  writeFileSync(join(repo, "pipeline.json"), "{}");
  const root = join(repo, ".sagemaker-pipelines", "local");
  const engine = new LocalEngine({ root, runner: createStepRunner({ mode: "host" }) });
  t.after(() => engine.close());
  await engine.listen();
  assert.match(readFileSync(join(root, ".gitignore"), "utf8"), /^\*$/m);
  // The store has a lock, an endpoint file and credentials by now: git sees only the user's file.
  assert.ok(existsSync(join(root, "credentials.json")));
  assert.deepEqual(git(repo, "status", "--porcelain", "--untracked-files=all").stdout.trim().split("\n"), ["?? pipeline.json"]);
});

test("store: an existing folder with files of its own is not marked (a `*` there would hide the user's files)", async (t) => {
  const root = tempDir(t, "smp-gitignore-existing-");
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "train.py"), "print(1)\n");
  const engine = new LocalEngine({ root, runner: createStepRunner({ mode: "host" }) });
  t.after(() => engine.close());
  assert.equal(existsSync(join(root, ".gitignore")), false);
});

test("store: a .gitignore the user wrote is left as it is", async (t) => {
  const root = join(tempDir(t, "smp-gitignore-own-"), "store");
  mkdirSync(root);
  const engine = new LocalEngine({ root, runner: createStepRunner({ mode: "host" }) });
  await engine.close();
  writeFileSync(join(root, ".gitignore"), "mine\n");
  const again = new LocalEngine({ root, runner: createStepRunner({ mode: "host" }) });
  t.after(() => again.close());
  assert.equal(readFileSync(join(root, ".gitignore"), "utf8"), "mine\n");
});
