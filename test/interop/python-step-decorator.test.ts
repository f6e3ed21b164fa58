import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { definitionStepsOf, pythonStepCalls } from "../../core/src";
import { sagemakerVenv } from "../helpers/sagemaker-venv";
import { tempDir } from "../helpers/temp";

/**
 * examples/python/pipeline_step_decorator.py, the @step-function variant of the Python example, with the real SDK v2:
 * it exports offline (the pickled functions land in the store), lints clean, and each `@step(name=…)` of the source is a
 * step of the definition (what Run Selected Steps and Run From Here in the editor select).
 */

const root = join(import.meta.dirname, "../..");
const example = join(root, "examples/python/pipeline_step_decorator.py");

test(
  "interop: SDK v2: the @step example exports offline with its pickles in the store, lints clean, and its @step names are its steps",
  { timeout: 30 * 60_000 },
  (t) => {
    const python = sagemakerVenv(t, 2);
    const work = tempDir(t, "smp-py-step-");
    const store = join(work, "store");
    const out = join(work, "definition.json");
    const cli = (args: string[]) => spawnSync(process.execPath, [join(root, "dist/cli.js"), ...args], { cwd: work, encoding: "utf8", timeout: 180_000 });
    const exported = cli(["export", example, "--python", python, "--store", store, "-o", out]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /Exported pipeline 'AbaloneFunctions' from get_pipeline\(region, role, default_bucket\)/);
    const definition = JSON.parse(readFileSync(out, "utf8"));
    const steps: string[] = definition.Steps.map((s: { Name: string }) => s.Name);
    assert.deepEqual([...steps].sort(), ["MakeRings", "MeanRings", "Report"]);
    // Each function step is a training job that runs the SDK's job driver on the pickles it uploaded.
    for (const step of definition.Steps) {
      assert.equal(step.Type, "Training", step.Name);
      const s3 = JSON.stringify(step.Arguments).match(/s3:\/\/sagemaker-pipelines-local\/[^"\s]+/g) ?? [];
      assert.ok(s3.length > 0, `${step.Name} points at uploads`);
    }
    assert.ok(existsSync(join(store, "s3", "sagemaker-pipelines-local")), "the pickles are in the store's object store");

    const source = readFileSync(example, "utf8");
    const calls = pythonStepCalls(source).map((c) => c.name);
    assert.deepEqual(calls, ["MakeRings", "MeanRings", "Report"]);
    for (const name of calls) assert.deepEqual(definitionStepsOf(name, steps), [name]);

    const lint = cli(["lint", example, "--python", python]);
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /1 file checked: 0 errors/);
    assert.equal(existsSync(join(root, "examples/python/__pycache__")), false, "no bytecode next to the example");
  },
);
