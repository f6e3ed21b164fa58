import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOT_IN_CLIENT } from "../../scripts/esbuild-plugins.mjs";

const ROOT = join(import.meta.dirname, "../..");

interface Report {
  afterRequire: string[];
  afterActivate: string[];
  afterRunPath: string[];
  commandIds: string[];
  children: Array<{ kind: string; text?: string }>;
  loadingItems: Array<Array<{ kind: string; text?: string; loading?: boolean }>>;
  spawns: string[];
  spawnsAfterActivate: number;
  spawnsAfterOpen: number;
  spawnsAfterView: number;
  started?: { endpoint: string; pid: number; owned: boolean };
  childrenAfterStart: Array<{ kind: string; text?: string }>;
  lockAfterStart: { pid: number };
  lockAfterStop: boolean;
  error?: string;
}

/** The built extension activated in a fresh process with a stubbed `vscode` (see activation-host.cjs). */
function activateBuiltExtension(): Report {
  const scratch = mkdtempSync(join(tmpdir(), "smp-activation-"));
  // A store from earlier runs: opening a definition then has history to read (read-only, without an engine).
  for (const dir of ["pipelines", "executions"]) mkdirSync(join(scratch, ".sagemaker-pipelines/local", dir), { recursive: true });
  try {
    const stdout = execFileSync(process.execPath, [join(import.meta.dirname, "activation-host.cjs"), ROOT, scratch], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    return JSON.parse(stdout.trim().split("\n").pop()!) as Report;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

test("activation loads dist/client.js only; the SageMaker layer (AWS SDK) and the engine load when a run-related path needs them", { timeout: 90_000 }, () => {
  const report = activateBuiltExtension();
  assert.equal(report.error, undefined, report.error);
  // Activation: the language client started, the commands and views registered, nothing else loaded.
  assert.deepEqual(report.afterRequire, ["dist/client.js"]);
  assert.deepEqual(report.afterActivate, ["dist/client.js"]);
  for (const id of [
    "sagemakerPipelines.runPipeline",
    "sagemakerPipelines.startLocalEngine",
    "sagemakerPipelines.showGraph",
    "sagemakerPipelines.chooseReference",
  ])
    assert.ok(report.commandIds.includes(id), id);
  // Activation, opening a definition and the Executions view start no engine: the view says how to start one.
  assert.equal(report.spawnsAfterActivate, 0);
  assert.equal(report.spawnsAfterOpen, 0, "opening a definition starts no engine");
  assert.equal(report.spawnsAfterView, 0, "the Executions view starts no engine");
  assert.deepEqual(report.afterRunPath, ["dist/client.js", "dist/engine.js", "dist/sagemaker.js"]);
  // Each answer came behind a Loading… item (the first, and the one after the engine started: a refresh).
  assert.deepEqual(report.loadingItems, [[{ kind: "message", text: "Loading…", loading: true }], [{ kind: "message", text: "Loading…", loading: true }]]);
  assert.equal(report.children.length, 1);
  assert.match(report.children[0].text ?? "", /^The local engine is not running/);
  // Start Local Engine: one child process, dist/engine-serve.js (`local serve` alone), holding the store; stopped on Stop.
  assert.equal(report.spawns.length, 1);
  assert.match(report.spawns[0], /^engine-serve\.js --store .*\.sagemaker-pipelines[\\/]local --port 0 --runner auto$/);
  assert.equal(report.started?.owned, true);
  assert.equal(report.lockAfterStart.pid, report.started?.pid);
  assert.notEqual(report.started?.pid, undefined);
  assert.match(report.childrenAfterStart[0]?.text ?? "", /^No pipelines on local engine \(http:\/\/127\.0\.0\.1:\d+\) yet/);
  assert.equal(report.lockAfterStop, false, "Stop Local Engine ends the process, which releases the store");
});

test("dist/client.js is built without the analyser, the schema tables, the AWS SDK or the engine (esbuild's metafile)", () => {
  const meta = JSON.parse(readFileSync(join(ROOT, "dist/client.meta.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }>; imports: Array<{ path: string; external?: boolean }> }>;
  };
  // What the output holds (the core's entry is imported, and esbuild leaves out the modules the client does not use).
  const inputs = Object.entries(meta.outputs["dist/client.js"].inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  assert.ok(inputs.includes("client/src/extension.ts") && inputs.some((i) => i.includes("vscode-languageclient")), "the metafile describes the client bundle");
  // The same list as the build's own check (scripts/build.mjs), read from the built metafile here.
  const forbidden = NOT_IN_CLIENT;
  assert.deepEqual(
    inputs.filter((i) => forbidden.some((f) => f.test(i))),
    [],
  );
  const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.path.startsWith(".")).map((i) => i.path));
  assert.deepEqual([...new Set(externals)].sort(), ["./engine.js", "./sagemaker.js"]);
});
