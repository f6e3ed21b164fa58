import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

/**
 * `export`, and `lint`/`plan` of a `.py`, offline: python3 runs the user's file with a stand-in `sagemaker` package
 * (a Pipeline class whose definition() checks depends_on as the SDK does) on PYTHONPATH. The real SDK v2 and v3 are
 * test/interop/python-export.test.ts's.
 */

const cli = join(import.meta.dirname, "../../dist/cli.js");

const FAKE_PIPELINE = `import json

class Pipeline:
    def __init__(self, name, steps=(), parameters=()):
        self.name = name
        self.steps = list(steps)
        self.parameters = list(parameters)

    def definition(self):
        names = {step["Name"] for step in self.steps}
        for step in self.steps:
            for name in step.get("DependsOn", []):
                if name not in names:
                    raise ValueError("The input steps do not contain the step of name: %s" % name)
        return json.dumps({"Version": "2020-12-01", "Metadata": {}, "Parameters": self.parameters, "Steps": self.steps})
`;

/** A folder with the stand-in SDK (`sdk/`) and the given Python files. */
function workspace(t: TestContext, files: Record<string, string>, sdk: "fake" | "broken" = "fake"): string {
  const dir = tempDir(t, "smp-py-");
  mkdirSync(join(dir, "sdk/sagemaker/workflow"), { recursive: true });
  writeFileSync(join(dir, "sdk/sagemaker/__init__.py"), sdk === "broken" ? `raise ModuleNotFoundError("No module named 'sagemaker'")\n` : "");
  writeFileSync(join(dir, "sdk/sagemaker/workflow/__init__.py"), "");
  writeFileSync(join(dir, "sdk/sagemaker/workflow/pipeline.py"), FAKE_PIPELINE);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function cli_(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYTHONPATH: join(dir, "sdk") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 1-based line:column of the first `needle` in `text`. */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

const FAIL_STEP = (name: string, extra = "") => `{"Name": "${name}", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}${extra}}`;

const MODULE_LEVEL = `from sagemaker.workflow.pipeline import Pipeline

print("the user's print goes to stderr")
pipeline = Pipeline(name="Module", steps=[${FAIL_STEP("Stop")}])
`;

const TEMPLATE = `import sagemaker
from sagemaker.workflow.pipeline import Pipeline


def helper_pipeline_name():
    return "not called: get_pipeline comes first"


def get_pipeline(region, role=None, default_bucket=None, count=1, pipeline_name="Template"):
    step = {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": f"{region} {role} {default_bucket} {count + 1}"}}
    return Pipeline(name=pipeline_name, steps=[step])


def make_it(label):
    return Pipeline(name=label, steps=[${FAIL_STEP("Other")}])
`;

test("export: a module-level Pipeline; the user's prints go to stderr, the definition alone to stdout", (t) => {
  const dir = workspace(t, { "pipeline.py": MODULE_LEVEL });
  const result = cli_(dir, "export", "pipeline.py", "--store", "store");
  assert.equal(result.status, 0, result.stderr);
  const definition = JSON.parse(result.stdout);
  assert.deepEqual(
    definition.Steps.map((s: { Name: string }) => s.Name),
    ["Stop"],
  );
  assert.equal(result.stdout, `${JSON.stringify(definition, null, 2)}\n`, "indented JSON, as the positions of its diagnostics assume");
  assert.match(result.stderr, /Exported pipeline 'Module' from pipeline in pipeline\.py/);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f !== "sdk"),
    ["pipeline.py", "store"],
    "no __pycache__ next to the user's file",
  );
});

test("export: --arg with a module-level Pipeline is an error (the module built it before any argument), not ignored", (t) => {
  const dir = workspace(t, { "pipeline.py": MODULE_LEVEL });
  const result = cli_(dir, "export", "pipeline.py", "--arg", "region=eu-west-1");
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(
    result.stderr,
    /error python-export: pipeline is a module-level Pipeline object, which takes no --arg \(region given\): name a function that returns the pipeline, as pipeline\.py:FUNCTION\./,
  );
});

test("export --aws: get_pipeline gets the role given, and None for the region and bucket the session then finds", (t) => {
  const dir = workspace(t, { "pipeline.py": TEMPLATE });
  const result = spawnSync(process.execPath, [cli, "export", "pipeline.py", "--aws", "--role", "arn:aws:iam::111122223333:role/Team"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYTHONPATH: join(dir, "sdk"), AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined },
  });
  assert.equal(result.status, 0, result.stderr);
  const definition = JSON.parse(result.stdout);
  assert.equal(definition.Steps[0].Arguments.ErrorMessage, "None arn:aws:iam::111122223333:role/Team None 2");
  assert.deepEqual(readdirSync(dir).sort(), ["pipeline.py", "sdk"], "nothing written to a local store");
});

test("export: get_pipeline of the Projects template gets the placeholder region, role and bucket, and --arg values in the parameter's type", (t) => {
  const dir = workspace(t, { "pipeline.py": TEMPLATE });
  const result = cli_(dir, "export", "pipeline.py", "--arg", "count=41", "--arg", "region=eu-west-1", "-o", "out.json");
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, "");
  const definition = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
  assert.equal(definition.Steps[0].Arguments.ErrorMessage, "eu-west-1 arn:aws:iam::000000000000:role/SageMakerPipelinesLocal sagemaker-pipelines-local 42");
  assert.match(result.stderr, /from get_pipeline\(region, role, default_bucket, count\)/);
});

test("export FILE.py:FUNCTION: that function; its required arguments come from --arg or the error says which", (t) => {
  const dir = workspace(t, { "pipeline.py": TEMPLATE });
  const named = cli_(dir, "export", "pipeline.py:make_it", "--arg", "label=Chosen");
  assert.equal(named.status, 0, named.stderr);
  assert.equal(JSON.parse(named.stdout).Steps[0].Name, "Other");
  const missing = cli_(dir, "export", "pipeline.py:make_it");
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^pipeline\.py:1:1: error python-export: make_it\(\) needs label: pass --arg NAME=VALUE\.$/m);
  const unknown = cli_(dir, "export", "pipeline.py:nothing_here");
  assert.match(unknown.stderr, /No pipeline found in pipeline\.py: looked for nothing_here \(nothing_here is not defined at the module level\)/);
});

test("export: no pipeline found says what was looked for; the SDK missing gives the pip install command; a missing interpreter is named", (t) => {
  const dir = workspace(t, { "empty.py": "import sagemaker\nx = 1\n\ndef helper():\n    return 2\n" });
  const none = cli_(dir, "export", "empty.py");
  assert.equal(none.status, 1);
  assert.match(
    none.stderr,
    /^empty\.py:1:1: error python-export: No pipeline found in empty\.py: looked for a module-level sagemaker Pipeline object, then get_pipeline\(\), then other functions whose name contains 'pipeline'\.$/m,
  );
  const noSdk = workspace(t, { "pipeline.py": MODULE_LEVEL }, "broken");
  const missing = cli_(noSdk, "export", "pipeline.py");
  assert.equal(missing.status, 1);
  assert.match(
    missing.stderr,
    /The SageMaker Python SDK is not installed in \S+ \(No module named 'sagemaker'\)\. Install it with: \S+ -m pip install sagemaker/,
  );
  const noPython = cli_(dir, "export", "empty.py", "--python", join(dir, "no-such-python"));
  assert.match(noPython.stderr, /No Python interpreter '.*no-such-python' \(give one with --python PATH\)/);
  const notPython = cli_(dir, "export", "empty.txt");
  assert.equal(notPython.status, 2);
  assert.match(notPython.stderr, /Not a Python file: empty\.txt/);
});

test("export: the module's exception, with the traceback shortened to the user's frames, placed on the line that raised", (t) => {
  const source = `from sagemaker.workflow.pipeline import Pipeline\n\n\ndef get_pipeline(region):\n    return build(region)\n\n\ndef build(region):\n    raise RuntimeError("no bucket in " + region)\n`;
  const dir = workspace(t, { "pipeline.py": source });
  const result = cli_(dir, "export", "pipeline.py");
  assert.equal(result.status, 1);
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines[0], "pipeline.py:9:5: error python-export: RuntimeError: no bucket in us-east-1");
  assert.deepEqual(
    lines.slice(1).map((l) => l.replace(dir, "DIR")),
    [
      "  Traceback (your code's frames):",
      '    File "DIR/pipeline.py", line 5, in get_pipeline',
      "      return build(region)",
      '    File "DIR/pipeline.py", line 9, in build',
      '      raise RuntimeError("no bucket in " + region)',
      "  RuntimeError: no bucket in us-east-1",
    ],
  );
});

test("lint FILE.py: the definition's diagnostics on the Python literals they are about; the SDK's error on the name it gives; SARIF points at the .py", (t) => {
  const source = `from sagemaker.workflow.pipeline import Pipeline

steps = [
    {"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Parameters.Mesage"}}},
]
pipeline = Pipeline(name="P", steps=steps, parameters=[{"Name": "Message", "Type": "String"}])
`;
  const dependsOn = `from sagemaker.workflow.pipeline import Pipeline

pipeline = Pipeline(
    name="P",
    steps=[${FAIL_STEP("Stop", `, "DependsOn": ["Stp"]`)}],
)
`;
  const clean = JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "F", Type: "Fail", Arguments: { ErrorMessage: "x" } }] });
  const dir = workspace(t, { "pipeline.py": source, "depends.py": dependsOn, "clean.pipeline.json": clean });
  const text = cli_(dir, "lint", "pipeline.py", "depends.py", "clean.pipeline.json", "--rule", "parameter-unused=warning");
  assert.equal(text.status, 1);
  assert.deepEqual(text.stdout.trim().split("\n"), [
    // No literal is 'Mesage' (the SDK writes parameter references itself): the step that holds the reference.
    `pipeline.py:${at(source, `"Stop"`)}: error reference-unknown-parameter: 'Mesage' is not a parameter of this pipeline. Did you mean 'Message'?`,
    `pipeline.py:${at(source, `"Message"`)}: warning parameter-unused: Parameter 'Message' is never used.`,
    `depends.py:${at(dependsOn, `"Stp"`)}: error python-export: ValueError: The input steps do not contain the step of name: Stp`,
    "3 files checked: 2 errors, 1 warning, 0 information, 0 hints.",
  ]);
  const sarif = JSON.parse(cli_(dir, "lint", "pipeline.py", "--format", "sarif").stdout);
  const [result] = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "reference-unknown-parameter");
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, "pipeline.py");
  assert.equal(result.locations[0].physicalLocation.region.startLine, 4);
  const exportRule = cli_(dir, "lint", "depends.py", "--format", "sarif");
  const log = JSON.parse(exportRule.stdout);
  const [failure] = log.runs[0].results;
  assert.equal(log.runs[0].tool.driver.rules[failure.ruleIndex].id, "python-export", "the export's code is a described SARIF rule");
});

test("plan FILE.py: exported, named after its Pipeline, nothing started", (t) => {
  const dir = workspace(t, { "pipeline.py": MODULE_LEVEL });
  const result = cli_(dir, "plan", "pipeline.py", "--store", "store", "--runner", "host");
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^  Pipeline: Module$/m);
  assert.match(result.stdout, /^  Definition: create the pipeline$/m);
  assert.match(result.stdout, /Plan only: nothing was created, updated or started\./);
});
