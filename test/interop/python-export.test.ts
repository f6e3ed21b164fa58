import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLocalServe } from "../helpers/local-serve";
import { startMotoServer } from "../helpers/moto-server";
import { sagemakerVenv } from "../helpers/sagemaker-venv";
import { tempDir } from "../helpers/temp";

/**
 * Python-authored pipelines with the real SageMaker Python SDK v2 and v3: `export` of the SageMaker Projects template's
 * shape (examples/python/pipeline.py for v2, test/fixtures/python/template-v3/ for v3), offline, with the SDK's uploads
 * in the store; `lint` of copies with a misspelled output name and a misspelled depends_on; `run` of the example twice.
 */

const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/cli.js");

interface Template {
  /** Folders copied side by side into a scratch folder (the example reads ../code and ../data). */
  folders: Record<string, string>;
  /** The pipeline file, relative to the scratch folder. */
  file: string;
  pipelineName: string;
  steps: string[];
  /** A processing output name as the file writes it, and the step that declares it. */
  output: { literal: string; misspelled: string; step: string };
  /** Where a depends_on is written (or added) and the misspelled name it gets. */
  dependsOn: { from: string; to: string; misspelled: string };
}

const TEAM_ROLE = "arn:aws:iam::123456789012:role/TeamPipelines";

/** Credentials any local endpoint takes, no profile or config of the machine's, and every AWS call sent to `endpoint`. */
function awsEnvironment(work: string, endpoint: string, credentials = { id: "testing", secret: "testing" }): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: credentials.id,
    AWS_SECRET_ACCESS_KEY: credentials.secret,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: join(work, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(work, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

const TEMPLATES: Record<2 | 3, Template> = {
  2: {
    folders: { python: "examples/python", code: "examples/code", data: "examples/data" },
    file: "python/pipeline.py",
    pipelineName: "AbalonePipeline",
    steps: ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneMSECond"],
    output: { literal: `Outputs["evaluation"]`, misspelled: "evalution", step: "AbaloneEval" },
    dependsOn: { from: "else_steps=[step_fail],", to: `else_steps=[step_fail],\n        depends_on=["AbaloneEvl"],`, misspelled: "AbaloneEvl" },
  },
  3: {
    folders: { template: "test/fixtures/python/template-v3" },
    file: "template/pipeline.py",
    pipelineName: "TemplateV3",
    steps: ["Prepare", "Evaluate", "Check"],
    output: { literal: `Outputs["data"]`, misspelled: "dta", step: "Prepare" },
    dependsOn: { from: `depends_on=["Prepare"]`, to: `depends_on=["Prepar"]`, misspelled: "Prepar" },
  },
};

function cliRun(args: string[], cwd: string, timeout = 180_000, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, SAGEMAKER_SUPPRESS_V2_WARNING: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** A scratch copy of the template's folders, with `edit` applied to its pipeline file. */
function copyTemplate(t: TestContext, template: Template, edit: (text: string) => string = (text) => text): { dir: string; file: string; text: string } {
  const dir = tempDir(t, "smp-py-export-");
  for (const [to, from] of Object.entries(template.folders)) cpSync(join(root, from), join(dir, to), { recursive: true });
  const file = join(dir, template.file);
  const original = readFileSync(file, "utf8");
  const text = edit(original);
  assert.notEqual(text, original, "the edit changed the file");
  writeFileSync(file, text);
  return { dir, file, text };
}

/** 1-based line:column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the file`);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

for (const major of [2, 3] as const) {
  const template = TEMPLATES[major];

  test(`interop: export of the SageMaker Projects template shape with the SDK v${major}, offline, its uploads in the store`, { timeout: 30 * 60_000 }, (t) => {
    const python = sagemakerVenv(t, major);
    const work = tempDir(t, "smp-py-export-");
    const store = join(work, "store");
    const file = join(root, Object.values(template.folders)[0], "pipeline.py");
    const out = join(work, "definition.json");
    const result = cliRun(["export", file, "--python", python, "--store", store, "-o", out], work);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, new RegExp(`Exported pipeline '${template.pipelineName}' from get_pipeline\\(region, role, default_bucket\\)`));
    const definition = JSON.parse(readFileSync(out, "utf8"));
    const names = (steps: any[]): string[] => steps.flatMap((s) => [s.Name, ...names(s.Arguments?.IfSteps ?? []), ...names(s.Arguments?.ElseSteps ?? [])]);
    for (const step of template.steps) assert.ok(names(definition.Steps).includes(step), `${step} in ${names(definition.Steps).join(", ")}`);
    // The code the SDK uploaded is in the local engine's object store, where the definition points.
    const codeUris = definition.Steps.flatMap((s: any) =>
      (s.Arguments.ProcessingInputs ?? []).filter((i: any) => i.InputName === "code").map((i: any) => i.S3Input.S3Uri),
    );
    assert.equal(codeUris.length, 2, JSON.stringify(codeUris));
    for (const uri of codeUris) {
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
      assert.equal(bucket, "sagemaker-pipelines-local", "the placeholder bucket");
      assert.ok(existsSync(join(store, "s3", bucket, key)), `${uri} is in the store`);
    }
    assert.ok(existsSync(join(store, ".gitignore")), "the store is marked as the engine marks a new one");
    // The same file lints clean through the export.
    const lint = cliRun(["lint", file, "--python", python], work);
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /1 file checked: 0 errors/);
  });

  test(`interop: export for AWS with the SDK v${major}: the SDK's own uploads reach S3, the role is the one given`, { timeout: 30 * 60_000 }, async (t) => {
    const python = sagemakerVenv(t, major);
    const moto = await startMotoServer(t, python);
    const work = tempDir(t, "smp-py-export-aws-");
    const file = join(root, Object.values(template.folders)[0], "pipeline.py");
    const out = join(work, "definition.json");
    const result = cliRun(
      ["export", file, "--python", python, "--region", "us-east-1", "--role", TEAM_ROLE, "--arg", "default_bucket=team-bucket", "-o", out],
      work,
      180_000,
      awsEnvironment(work, moto.endpoint),
    );
    assert.equal(result.status, 0, result.stderr);
    const uploads = Number(/; (\d+) upload\(s\) made to S3\.$/m.exec(result.stderr)?.[1]);
    assert.ok(uploads >= 2, result.stderr);
    const definition = JSON.parse(readFileSync(out, "utf8"));
    const codeUris: string[] = definition.Steps.flatMap((s: any) =>
      (s.Arguments.ProcessingInputs ?? []).filter((i: any) => i.InputName === "code").map((i: any) => i.S3Input.S3Uri),
    );
    assert.equal(codeUris.length, 2, JSON.stringify(codeUris));
    for (const uri of codeUris) {
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
      assert.equal(bucket, "team-bucket");
      const script = join(root, Object.values(template.folders).find((f) => existsSync(join(root, f, key.split("/").at(-1)!))) ?? "", key.split("/").at(-1)!);
      assert.deepEqual(moto.readObject(bucket, key), readFileSync(script), `${uri} holds ${script}`);
    }
    const roles = new Set(JSON.stringify(definition).match(/"RoleArn":"[^"]*"/g));
    assert.deepEqual([...roles], [`"RoleArn":"${TEAM_ROLE}"`]);
    assert.deepEqual(readdirSync(work), ["definition.json"], "no local store: nothing went to the local engine");
  });

  test(`interop: plan of the SDK v${major} file on AWS: exported for AWS, planned against the SageMaker API`, { timeout: 30 * 60_000 }, async (t) => {
    const python = sagemakerVenv(t, major);
    const moto = await startMotoServer(t, python);
    const work = tempDir(t, "smp-py-plan-aws-");
    // A SageMaker API endpoint that keeps what it is sent (the local engine, with its own key pair) and an S3 (moto).
    const engine = await startLocalServe(t, join(work, "engine"));
    const keys = JSON.parse(cliRun(["local", "credentials", "--store", join(work, "engine"), "--format", "json"], work).stdout);
    const env = {
      ...awsEnvironment(work, moto.endpoint, { id: keys.accessKeyId, secret: keys.secretAccessKey }),
      AWS_ENDPOINT_URL_SAGEMAKER: engine.endpoint,
    };
    const file = join(root, Object.values(template.folders)[0], "pipeline.py");
    const plan = cliRun(
      ["plan", file, "--python", python, "--region", "us-east-1", "--role", TEAM_ROLE, "--arg", "default_bucket=team-bucket"],
      work,
      180_000,
      env,
    );
    assert.equal(plan.status, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /^Target: AWS \(profile default, region us-east-1\)$/m);
    assert.match(plan.stdout, new RegExp(`${template.pipelineName}`));
    assert.match(plan.stdout, /Plan only: nothing was created, updated or started\./);
    const uploaded = /"(s3:\/\/team-bucket\/[^"]+\/code\/[^"]+)"/.exec(
      cliRun(["export", file, "--python", python, "--region", "us-east-1", "--role", TEAM_ROLE, "--arg", "default_bucket=team-bucket"], work, 180_000, env)
        .stdout,
    )?.[1];
    assert.ok(uploaded, "the export for AWS names code in the team's bucket");
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uploaded)!;
    assert.ok(moto.readObject(bucket, key), `${uploaded} is in S3`);
    // A run on AWS needs a real role: refused before anything runs.
    const run = cliRun(["run", file, "--python", python, "--region", "us-east-1"], work, 180_000, env);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /A run on AWS needs --role <arn>/);
  });

  test(`interop: SDK v${major}: a misspelled output name (accepted by the SDK) is reference-unknown-output on that literal`, { timeout: 30 * 60_000 }, (t) => {
    const python = sagemakerVenv(t, major);
    const literal = `Outputs["${template.output.misspelled}"]`;
    const copy = copyTemplate(t, template, (text) => text.replace(template.output.literal, literal));
    const lint = cliRun(["lint", copy.file, "--python", python, "--format", "json"], copy.dir);
    assert.equal(lint.status, 1, lint.stdout + lint.stderr);
    const [file] = JSON.parse(lint.stdout).files;
    assert.equal(file.path, copy.file, "the diagnostic names the Python file");
    const unknown = file.diagnostics.filter((d: any) => d.code === "reference-unknown-output");
    assert.equal(unknown.length, 1, JSON.stringify(file.diagnostics));
    const at = `${unknown[0].range.start.line + 1}:${unknown[0].range.start.character + 1}`;
    assert.equal(at, positionOf(copy.text, `"${template.output.misspelled}"`));
    assert.match(unknown[0].message, new RegExp(`Step '${template.output.step}' has no output named '${template.output.misspelled}'`));
  });

  test(`interop: SDK v${major}: a misspelled depends_on is one diagnostic on its literal with the SDK's message`, { timeout: 30 * 60_000 }, (t) => {
    const python = sagemakerVenv(t, major);
    const copy = copyTemplate(t, template, (text) => text.replace(template.dependsOn.from, template.dependsOn.to));
    const lint = cliRun(["lint", copy.file, "--python", python], copy.dir);
    assert.equal(lint.status, 1, lint.stdout + lint.stderr);
    const lines = lint.stdout.trim().split("\n");
    assert.equal(lines.length, 2, lint.stdout);
    assert.equal(
      lines[0],
      `${copy.file}:${positionOf(copy.text, `"${template.dependsOn.misspelled}"`)}: error python-export: ValueError: The input steps do not contain the step of name: ${template.dependsOn.misspelled}`,
    );
    // `export` says the same, with the traceback shortened to the user's frames (none of the SDK's).
    const exported = cliRun(["export", copy.file, "--python", python], copy.dir);
    assert.equal(exported.status, 1);
    assert.equal(exported.stdout, "", "no definition");
    assert.match(exported.stderr, /ValueError: The input steps do not contain the step of name/);
    assert.doesNotMatch(exported.stderr, /site-packages/);
  });
}

test("interop: run examples/python/pipeline.py on the local engine twice: the second run's steps are cache hits", { timeout: 30 * 60_000 }, (t) => {
  const python = sagemakerVenv(t, 2);
  const work = tempDir(t, "smp-py-run-");
  const args = ["run", join(root, "examples/python/pipeline.py"), "--python", python, "--store", join(work, "store"), "--runner", "host"];
  const first = cliRun(args, work, 600_000);
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /Execution Succeeded/);
  const arn = /^Execution ARN: (\S+)$/m.exec(first.stdout)![1];
  assert.match(arn, /:pipeline\/abalonepipeline\/execution\//, "the pipeline's own name");
  const id = /^Started the whole pipeline: execution (\S+)$/m.exec(first.stdout)![1];
  assert.equal(id, arn.split("/").at(-1), "the execution named by its id, as everywhere");
  const second = cliRun(args, work, 600_000);
  assert.equal(second.status, 0, second.stdout + second.stderr);
  for (const step of ["AbaloneProcess", "AbaloneTrain", "AbaloneEval"]) {
    assert.match(second.stdout, new RegExp(`✓ ${step} Succeeded .*— cache hit from ${id}\\b`));
  }
  assert.match(second.stdout, /✓ AbaloneRegisterModel-RegisterModel Succeeded/);
});

test(
  "interop: run of the SDK v3 template shape on the local engine: the code it uploaded runs, the property file decides the condition",
  { timeout: 30 * 60_000 },
  (t) => {
    const python = sagemakerVenv(t, 3);
    const work = tempDir(t, "smp-py-run-");
    const file = join(root, "test/fixtures/python/template-v3/pipeline.py");
    const result = cliRun(["run", file, "--python", python, "--store", join(work, "store"), "--runner", "host"], work, 600_000);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /:pipeline\/templatev3\/execution\//);
    assert.match(result.stdout, /✓ Prepare Succeeded/);
    assert.match(result.stdout, /✓ Evaluate Succeeded/);
    assert.match(result.stdout, /✓ Check Succeeded .*— condition True/);
    assert.match(result.stdout, /Execution Succeeded/);
  },
);
