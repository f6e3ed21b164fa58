import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CreatePipelineCommand, DescribePipelineCommand, StartPipelineExecutionCommand, UpdatePipelineCommand } from "@aws-sdk/client-sagemaker";
import { DEFINITION_DIRECTORY_TAG } from "../../engine/src/context";
import { createStepRunner } from "../../engine/src/runners/index";
import { tempDir } from "../helpers/temp";
import { abaloneLikeDefinition, RecordingRunner, startEngine, stepsOf, waitForExecution, type TestEngine } from "./helpers";

/** Issue #14, point 3: every path a definition names stays inside the store or the definition's folder. */

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

const hostRunner = createStepRunner({ mode: "host", killGraceMs: 500 });
const SECRET = "root:x:0:0:SECRET-MARKER";
type Definition = ReturnType<typeof parse>;
const parse = (text: string) => JSON.parse(text) as { Parameters: Array<Record<string, unknown>>; Steps: Array<Record<string, any>> };

/** A project folder (the definition's folder) next to an `outside` folder holding a secret. */
function layout(t: { after(fn: () => unknown): void }) {
  const root = tempDir(t, "smp-paths-");
  const project = join(root, "project");
  mkdirSync(join(project, "data"), { recursive: true });
  writeFileSync(join(project, "data", "input.csv"), "a,b\n");
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside", "secret.txt"), SECRET);
  return { root, project, outside: join(root, "outside"), secret: join(root, "outside", "secret.txt") };
}

/** An engine whose runner records jobs; with `real`, the Process step runs with the host runner. */
async function engine(real = false): Promise<TestEngine> {
  const runner = new RecordingRunner();
  if (real) runner.behaviour.set("Process", (job) => hostRunner.run(job));
  const t = await startEngine(undefined, runner);
  engines.push(t);
  return t;
}

function create(t: TestEngine, name: string, definition: Definition | string, project?: string) {
  return t.client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: typeof definition === "string" ? definition : JSON.stringify(definition),
      RoleArn: "arn:aws:iam::123456789012:role/Role",
      Tags: project ? [{ Key: DEFINITION_DIRECTORY_TAG, Value: project }] : undefined,
    }),
  );
}

async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, "ValidationException", error.message);
    assert.match(error.message, message);
    assert.ok(!error.message.includes("SECRET-MARKER"));
    return true;
  });
}

const step = (d: Definition, name: string) => d.Steps.find((s) => s.Name === name)!;
const input = (d: Definition) => step(d, "Process").Arguments.ProcessingInputs[0].S3Input;
const output = (d: Definition) => step(d, "Process").Arguments.ProcessingOutputConfig.Outputs[0].S3Output;

test("paths: inputs that leave the definition's folder are refused at CreatePipeline (relative, absolute, file://, s3 with ..)", async (t) => {
  const { project, secret } = layout(t);
  const e = await engine();
  const cases: Array<[string, RegExp]> = [
    ["../outside/secret.txt", /ProcessingInputs\[0\]\.S3Input\.S3Uri: '\.\.\/outside\/secret\.txt' resolves outside the definition's folder/],
    ["/etc/passwd", /'\/etc\/passwd' resolves outside/],
    ["file:///etc/passwd", /'file:\/\/\/etc\/passwd' resolves outside/],
    [secret, /resolves outside/],
    [pathToFileURL(secret).href, /resolves outside/],
    ["s3://bucket/../../x", /leaves the local object store/],
    ["s3://bucket/a/../../../x", /leaves the local object store/],
    ["s3:///etc/passwd", /names no bucket/],
    ["s3://bucket/x\u0000y", /control characters/],
  ];
  for (const [index, [uri, message]] of cases.entries()) {
    const d = parse(abaloneLikeDefinition());
    input(d).S3Uri = uri;
    await refused(create(e, `in-${index}`, d, project), message);
  }
  // Inside the folder, or in the store: accepted.
  for (const [index, uri] of ["data/input.csv", join(project, "data"), pathToFileURL(join(project, "data", "input.csv")).href, "s3://bucket/raw"].entries()) {
    const d = parse(abaloneLikeDefinition());
    input(d).S3Uri = uri;
    await create(e, `ok-${index}`, d, project);
  }
});

test("paths: the definition's folder tag must be an absolute path", async () => {
  const e = await engine();
  await refused(
    create(e, "relative-tag", abaloneLikeDefinition(), "project"),
    /The tag sagemaker-pipelines:local:definition-directory must be the absolute path/,
  );
});

test("paths: outputs go only to s3:// URIs inside the store", async (t) => {
  const { project } = layout(t);
  const e = await engine();
  for (const [index, uri] of ["/tmp/out", "file:///etc", "out/relative", "s3://bucket/../../../tmp", "https://example.com/x"].entries()) {
    const d = parse(abaloneLikeDefinition());
    output(d).S3Uri = uri;
    await refused(create(e, `out-${index}`, d, project), /ProcessingOutputConfig\.Outputs\[0\]\.S3Output\.S3Uri: .*(s3:\/\/|object store|scheme)/);
  }
  const training = parse(abaloneLikeDefinition());
  step(training, "Train").Arguments.OutputDataConfig.S3OutputPath = "/tmp/model";
  await refused(create(e, "train-out", training, project), /OutputDataConfig\.S3OutputPath: .*writes outputs only to s3:\/\//);
});

test("paths: code, model data and property files that leave their folder are refused at CreatePipeline", async (t) => {
  const { project } = layout(t);
  const e = await engine();
  const submit = parse(abaloneLikeDefinition());
  step(submit, "Train").Arguments.HyperParameters.sagemaker_submit_directory = JSON.stringify("/etc");
  await refused(create(e, "submit", submit, project), /HyperParameters\.sagemaker_submit_directory: '\/etc' resolves outside/);

  const withModel = parse(abaloneLikeDefinition());
  withModel.Steps.push({
    Name: "Model",
    Type: "Model",
    Arguments: { ExecutionRoleArn: "arn:aws:iam::123456789012:role/Role", PrimaryContainer: { Image: "image", ModelDataUrl: "file:///etc/passwd" } },
  });
  await refused(create(e, "model", withModel, project), /PrimaryContainer\.ModelDataUrl: 'file:\/\/\/etc\/passwd' resolves outside/);

  const property = parse(abaloneLikeDefinition());
  step(property, "Eval").PropertyFiles[0].FilePath = "../../../../etc/passwd";
  await refused(create(e, "property", property, project), /Step 'Eval' property file 'Report': FilePath must not contain '\.\.'/);
  step(property, "Eval").PropertyFiles[0].FilePath = "/etc/passwd";
  await refused(create(e, "property", property, project), /FilePath must be relative/);
});

test("paths: a symlink in the definition's folder or the store that leads outside is refused", async (t) => {
  const { project, outside } = layout(t);
  const e = await engine();
  symlinkSync(outside, join(project, "link"));
  const d = parse(abaloneLikeDefinition());
  input(d).S3Uri = "link/secret.txt";
  await refused(
    create(e, "link", d, project),
    /'link\/secret\.txt' resolves outside the definition's folder and the local object store \(symbolic links followed\)/,
  );

  mkdirSync(join(e.root, "s3", "bucket"), { recursive: true });
  symlinkSync(outside, join(e.root, "s3", "bucket", "escape"));
  input(d).S3Uri = "s3://bucket/escape/secret.txt";
  await refused(create(e, "store-link", d, project), /resolves outside the local object store/);
  // A link that stays inside the store is followed.
  mkdirSync(join(e.root, "s3", "bucket", "real"));
  symlinkSync(join(e.root, "s3", "bucket", "real"), join(e.root, "s3", "bucket", "alias"));
  input(d).S3Uri = "s3://bucket/alias";
  await create(e, "store-alias", d, project);
});

test("paths: a hostile container image or environment name is refused at CreatePipeline", async () => {
  const e = await engine();
  for (const [index, image] of ["-v=/:/host", "--privileged", "alpine --privileged", "alpine\n-v=/:/host"].entries()) {
    const d = parse(abaloneLikeDefinition());
    step(d, "Process").Arguments.AppSpecification.ImageUri = image;
    await refused(create(e, `image-${index}`, d), /AppSpecification\.ImageUri .* is refused: it (starts with '-'|contains whitespace)/);
  }
  const training = parse(abaloneLikeDefinition());
  training.Steps[1].Arguments.AlgorithmSpecification.TrainingImage = "-v=/:/host";
  await refused(create(e, "train-image", training), /TrainingImage "-v=\/:\/host" is refused/);
  const env = parse(abaloneLikeDefinition());
  step(env, "Process").Arguments.Environment = { "--privileged": "x" };
  await refused(create(e, "env", env), /Environment "--privileged": an environment variable name must match/);
  // Template placeholders in real definitions are accepted (only the container runner needs a real reference).
  const placeholder = parse(abaloneLikeDefinition());
  step(placeholder, "Process").Arguments.AppSpecification.ImageUri = "${processing_image_uri}";
  await create(e, "placeholder", placeholder);
});

test("paths: UpdatePipeline refuses a hostile definition and keeps the old one", async () => {
  const e = await engine();
  await create(e, "update", abaloneLikeDefinition());
  const d = parse(abaloneLikeDefinition());
  input(d).S3Uri = "/etc/passwd";
  await refused(e.client.send(new UpdatePipelineCommand({ PipelineName: "update", PipelineDefinition: JSON.stringify(d) })), /resolves outside/);
  const described = await e.client.send(new DescribePipelineCommand({ PipelineName: "update" }));
  assert.equal(described.PipelineDefinition, abaloneLikeDefinition());
});

test("paths: StartPipelineExecution refuses parameter values that lead outside", async () => {
  const e = await engine();
  await create(e, "start", abaloneLikeDefinition());
  for (const value of ["/etc/passwd", "file:///etc/passwd", "../outside/secret.txt", "s3://bucket/../../../etc"]) {
    await refused(
      e.client.send(new StartPipelineExecutionCommand({ PipelineName: "start", PipelineParameters: [{ Name: "InputData", Value: value }] })),
      /Step 'Process' ProcessingInputs\[0\]\.S3Input\.S3Uri: .*(resolves outside|leaves the local object store)/,
    );
  }
  assert.equal(e.runner.calls.length, 0);
});

test("paths: a property file that is a symlink out of the store fails the Condition step without its content", async () => {
  const e = await engine();
  const outsideFile = join(e.root, "outside-secret.txt"); // in the engine's folder, but outside its object store
  writeFileSync(outsideFile, SECRET);
  e.runner.behaviour.set("Eval", (job) => {
    const dir = job.objectStore.localPath("s3://bucket/evaluation", "write");
    mkdirSync(dir, { recursive: true });
    symlinkSync(outsideFile, join(dir, "evaluation.json"));
    return { properties: {}, runner: "recording" };
  });
  await create(e, "symlink-property", abaloneLikeDefinition());
  const { PipelineExecutionArn: arn } = await e.client.send(new StartPipelineExecutionCommand({ PipelineName: "symlink-property" }));
  const execution = await waitForExecution(e.client, arn!);
  assert.equal(execution.PipelineExecutionStatus, "Failed");
  const check = (await stepsOf(e.client, arn!)).Check;
  assert.equal(check.StepStatus, "Failed");
  assert.match(
    check.FailureReason!,
    /Property file 'Report' of step 'Eval': 's3:\/\/bucket\/evaluation\/evaluation\.json' resolves outside the local object store/,
  );
  assert.ok(!check.FailureReason!.includes("SECRET-MARKER"));
  assert.ok(!execution.FailureReason!.includes("SECRET-MARKER"));
});

test("paths: a property file that is not JSON fails with a reason that quotes nothing of it", async () => {
  const e = await engine();
  e.runner.files.set("Eval", { evaluation: { "evaluation.json": `${SECRET} is not json` } });
  await create(e, "bad-json", abaloneLikeDefinition());
  const { PipelineExecutionArn: arn } = await e.client.send(new StartPipelineExecutionCommand({ PipelineName: "bad-json" }));
  await waitForExecution(e.client, arn!);
  const check = (await stepsOf(e.client, arn!)).Check;
  assert.match(check.FailureReason!, /Property file 'Report' of step 'Eval' at s3:\/\/bucket\/evaluation\/evaluation\.json is not valid JSON\./);
  assert.ok(!check.FailureReason!.includes("SECRET-MARKER"));
});

test("paths: a path resolved only at run time fails its step, and nothing is read", async (t) => {
  const { project, outside } = layout(t);
  const e = await engine(true);
  const d = parse(abaloneLikeDefinition());
  d.Steps = [step(d, "Process")];
  step(d, "Process").Arguments.AppSpecification.ContainerEntrypoint = ["python3", "-c", "print('ran')"];
  step(d, "Process").Arguments.ProcessingInputs[0].S3Input.S3Uri = { "Std:Join": { On: "", Values: [outside, "/", { Get: "Execution.PipelineExecutionId" }] } };
  await create(e, "runtime", d, project);
  const { PipelineExecutionArn: arn } = await e.client.send(new StartPipelineExecutionCommand({ PipelineName: "runtime" }));
  const execution = await waitForExecution(e.client, arn!);
  assert.equal(execution.PipelineExecutionStatus, "Failed");
  const process = (await stepsOf(e.client, arn!)).Process;
  assert.match(process.FailureReason!, /resolves outside the definition's folder and the local object store/);
  const log = readFileSync(join(e.root, "executions", arn!.split("/").pop()!, "steps", "Process", "log.txt"), "utf8");
  assert.doesNotMatch(log, /^ran$/m);
});

test("paths: a folder in the store holding a link that leads outside is not copied", async (t) => {
  const { project, outside } = layout(t);
  const e = await engine(true);
  const d = parse(abaloneLikeDefinition());
  d.Steps = [step(d, "Process")];
  step(d, "Process").Arguments.AppSpecification.ContainerEntrypoint = ["python3", "-c", "print('ran')"];
  await create(e, "inner-link", d, project);
  mkdirSync(join(e.root, "s3", "bucket", "raw"), { recursive: true });
  writeFileSync(join(e.root, "s3", "bucket", "raw", "data.csv"), "a\n");
  symlinkSync(outside, join(e.root, "s3", "bucket", "raw", "leak"));
  const { PipelineExecutionArn: arn } = await e.client.send(
    new StartPipelineExecutionCommand({ PipelineName: "inner-link", PipelineParameters: [{ Name: "InputData", Value: "s3://bucket/raw" }] }),
  );
  await waitForExecution(e.client, arn!);
  const process = (await stepsOf(e.client, arn!)).Process;
  assert.equal(process.StepStatus, "Failed");
  assert.match(process.FailureReason!, /'s3:\/\/bucket\/raw' holds a symbolic link that leads outside the local object store: bucket\/raw\/leak\./);
});

test("paths: every corpus definition is still accepted by CreatePipeline", async () => {
  const e = await engine();
  const corpus = join(import.meta.dirname, "../fixtures/corpus");
  const files = readdirSync(corpus).filter((f) => f.endsWith(".json"));
  assert.equal(files.length, 36);
  for (const [index, file] of files.entries()) {
    await create(e, `corpus-${index}`, readFileSync(join(corpus, file), "utf8"), corpus);
  }
});
