import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EvaluationError } from "../../../engine/src/execution/expressions";
import { readPropertyFile } from "../../../engine/src/execution/property-file";
import { ObjectStore, PathEscapeError } from "../../../engine/src/object-store";
import { ContainerExecutor } from "../../../engine/src/runners/container-executor";
import { environmentNameProblem, imageOptionProblem, imageProblem } from "../../../engine/src/runners/container-values";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError } from "../../../engine/src/runners/runner";
import { processingArguments, sandbox } from "./helpers";

/** Issue #14, point 3, at the level of the object store, the runners and the `docker run` arguments. */

const SECRET = "SECRET-MARKER: the content of a file outside";
const runner = createStepRunner({ mode: "host", killGraceMs: 500 });

/** Script-mode training of `src/train.py` on `s3://bucket/train`, model to `s3://bucket/model`. */
function trainingArguments(): Record<string, unknown> {
  return {
    AlgorithmSpecification: { TrainingImage: "image", TrainingInputMode: "File" },
    OutputDataConfig: { S3OutputPath: "s3://bucket/model" },
    ResourceConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 },
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://bucket/train" } } }],
    HyperParameters: { sagemaker_program: '"train.py"', sagemaker_submit_directory: '"src"' },
  };
}

test("object store: reads stay in the definition's folder or the store, writes in the store, symlinks followed", (t) => {
  const box = sandbox(t);
  const secret = box.write("outside/secret.txt", SECRET);
  box.write("definition/data/in.csv", "a\n");
  const { store, baseDir } = box;
  assert.equal(store.localPath("data/in.csv"), join(baseDir, "data/in.csv"));
  assert.equal(store.localPath(join(baseDir, "data")), join(baseDir, "data"));
  assert.equal(store.localPath(pathToFileURL(join(baseDir, "data/in.csv")).href), join(baseDir, "data/in.csv"));
  assert.equal(store.localPath("s3://bucket/a/b", "write"), join(box.root, "s3/bucket/a/b"));
  for (const uri of ["../outside/secret.txt", secret, pathToFileURL(secret).href, "/etc/passwd", "file:///etc/passwd", "data/../../outside/secret.txt"]) {
    assert.throws(() => store.localPath(uri), PathEscapeError, uri);
  }
  for (const uri of ["s3://bucket/../../outside", "s3://bucket/./x", "s3://../outside", "s3:///etc", "s3://bucket/a\\..\\..\\x", "s3://b/\u0001"]) {
    assert.throws(() => store.localPath(uri), PathEscapeError, uri);
  }
  assert.throws(() => store.localPath("data/out", "write"), /writes outputs only to s3:\/\//);
  assert.throws(() => store.localPath("https://example.com/x"), /Unsupported URI scheme/);

  symlinkSync(join(box.root, "outside"), join(baseDir, "link"));
  assert.throws(() => store.localPath("link/secret.txt"), /resolves outside .*symbolic links followed/);
  assert.throws(() => store.localPath("link/not-yet/new.txt"), /resolves outside/);
  mkdirSync(join(box.root, "s3/bucket"), { recursive: true });
  symlinkSync(join(box.root, "outside"), join(box.root, "s3/bucket/escape"));
  assert.throws(() => store.localPath("s3://bucket/escape/secret.txt"), /resolves outside the local object store/);
  assert.throws(() => store.localPath("s3://bucket/escape/new", "write"), /resolves outside the local object store/);
  symlinkSync(join(box.root, "nowhere"), join(box.root, "s3/bucket/dangling"));
  assert.throws(() => store.localPath("s3://bucket/dangling/x"), /resolves outside/);
  // A link from the definition's folder into the store stays inside.
  symlinkSync(join(box.root, "s3/bucket"), join(baseDir, "bucket"));
  assert.equal(store.localPath("bucket/x"), join(baseDir, "bucket/x"));
  // The definition's folder reached through a link: its real path is inside it too.
  symlinkSync(baseDir, join(box.root, "alias"));
  const aliased = new ObjectStore(join(box.root, "s3"), join(box.root, "alias"));
  assert.equal(aliased.localPath(join(baseDir, "data/in.csv")), join(baseDir, "data/in.csv"));
  assert.equal(aliased.localPath("data/in.csv"), join(box.root, "alias/data/in.csv"));
  assert.throws(() => aliased.localPath("../outside/secret.txt"), /resolves outside/);
});

test("processing: a symlink the job leaves in its output that leads outside is not copied to the store", async (t) => {
  const box = sandbox(t);
  const secret = box.write("outside/secret.txt", SECRET);
  box.write(
    "definition/script.py",
    `import os\nos.symlink(${JSON.stringify(secret)}, "/opt/ml/processing/output/leak.txt".replace("/opt/ml", os.environ["SAGEMAKER_BASE_DIR"]))\n`,
  );
  const args = processingArguments("script.py", {
    ProcessingOutputConfig: {
      Outputs: [{ OutputName: "o", S3Output: { S3Uri: "s3://bucket/out", LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }],
    },
  });
  await assert.rejects(runner.run(box.job("Processing", args)), (error: unknown) => {
    assert.ok(error instanceof StepJobError);
    assert.match(error.message, /The job's output holds a symbolic link that leads outside its working folder \(opt\/ml\/processing\/output\/leak\.txt\)/);
    return true;
  });
  assert.equal(existsSync(join(box.root, "s3/bucket/out")), false);
});

test("processing: an input folder holding a link that leads outside is not copied", async (t) => {
  const box = sandbox(t);
  box.write("outside/secret.txt", SECRET);
  box.write("definition/code/script.py", "print('ran')\n");
  symlinkSync(join(box.root, "outside"), join(box.baseDir, "code", "leak"));
  const job = box.job("Processing", processingArguments("code"));
  await assert.rejects(runner.run(job), /'code' holds a symbolic link that leads outside the definition's folder and the local object store: code\/leak\./);
  assert.ok(!job.logs.includes("ran"));
});

test("processing: outputs that are not s3:// URIs fail before the job runs", async (t) => {
  const box = sandbox(t);
  box.write("definition/script.py", "print('ran')\n");
  const args = processingArguments("script.py", {
    ProcessingOutputConfig: { Outputs: [{ OutputName: "o", S3Output: { S3Uri: join(box.root, "outside"), LocalPath: "/opt/ml/processing/output" } }] },
  });
  const job = box.job("Processing", args);
  await assert.rejects(runner.run(job), /writes outputs only to s3:\/\//);
  assert.ok(!job.logs.includes("ran"));
});

test("training: a failure file that is a symlink is not read into the failure reason", async (t) => {
  const box = sandbox(t);
  const secret = box.write("outside/secret.txt", SECRET);
  box.write("definition/src/train.py", `import os, sys\nos.symlink(${JSON.stringify(secret)}, os.environ["SM_OUTPUT_DIR"] + "/failure")\nsys.exit(3)\n`);
  box.write("s3/bucket/train/x.csv", "1\n");
  await assert.rejects(runner.run(box.job("Training", trainingArguments())), (error: unknown) => {
    assert.ok(error instanceof StepJobError);
    assert.doesNotMatch(error.message, /SECRET-MARKER/);
    assert.match(error.message, /exit/i);
    return true;
  });
});

test("training: a model folder the job replaced with a link out of its working folder is not packed", async (t) => {
  const box = sandbox(t);
  box.write("outside/secret.txt", SECRET);
  const outside = join(box.root, "outside");
  box.write(
    "definition/src/train.py",
    `import os, shutil\nshutil.rmtree(os.environ["SM_MODEL_DIR"])\nos.symlink(${JSON.stringify(outside)}, os.environ["SM_MODEL_DIR"])\n`,
  );
  box.write("s3/bucket/train/x.csv", "1\n");
  await assert.rejects(
    runner.run(box.job("Training", trainingArguments())),
    /The job left a symbolic link at \/opt\/ml\/model \(the model folder\) that leads outside its working folder/,
  );
  assert.equal(existsSync(join(box.root, "s3/bucket/model")), false);
});

test("property files: a FilePath that leaves its output is refused without reading anything", (t) => {
  const box = sandbox(t);
  box.write("s3/bucket/eval/evaluation.json", '{"mse": 1}');
  box.write("s3/secret.json", '{"SECRET-MARKER": 1}');
  assert.deepEqual(readPropertyFile(box.store, "s3://bucket/eval", "evaluation.json", "Report"), { mse: 1 });
  assert.deepEqual(readPropertyFile(box.store, "s3://bucket/eval/", "evaluation.json", "Report"), { mse: 1 });
  for (const filePath of ["../../../../etc/passwd", "../../secret.json", "/etc/passwd", "a\\..\\..\\secret.json", ""]) {
    assert.throws(
      () => readPropertyFile(box.store, "s3://bucket/eval", filePath, "Report"),
      (error: unknown) => error instanceof EvaluationError && /^Report: FilePath must/.test(error.message) && !error.message.includes("SECRET"),
      filePath,
    );
  }
  assert.throws(
    () => readPropertyFile(box.store, "s3://bucket/eval", "missing.json", "Report"),
    /could not be read from s3:\/\/bucket\/eval\/missing\.json: the job did not write it/,
  );
});

test("docker run: a hostile image or environment name never reaches the command line; `--` ends the options", (t) => {
  const box = sandbox(t);
  const executor = new ContainerExecutor({ binary: "/usr/bin/docker", env: {}, killGraceMs: 500 });
  const job = box.job("Processing", {});
  const spec = { image: "alpine:3.19", entrypoint: ["python3", "-v=/:/host"], args: ["--privileged"], env: { A_B: "-v=/:/host" }, networkIsolation: true };
  const args = executor.runArguments(job, spec, "sm-x");
  const image = args.indexOf("alpine:3.19");
  assert.equal(args[image - 1], "--");
  assert.equal(args.indexOf("--"), image - 1);
  assert.deepEqual(args.slice(image), ["alpine:3.19", "-v=/:/host", "--privileged"]);
  assert.deepEqual(args.slice(0, 4), ["run", "--rm", "--name", "sm-x"]);
  assert.ok(args.includes("--network") && args.includes("--entrypoint"));

  for (const hostile of ["-v=/:/host", "--privileged", "alpine -v=/:/host", "alpine\t-v", "al\u0000pine", "Alpine", "a//b", "${image}", "", "a:b:c"]) {
    assert.throws(() => executor.runArguments(job, { ...spec, image: hostile }, "sm-x"), StepJobError, JSON.stringify(hostile));
  }
  for (const name of ["-v", "A=B", "A B", "", "1A", "--privileged"]) {
    assert.throws(() => executor.runArguments(job, { ...spec, env: { [name]: "x" } }, "sm-x"), /is refused: an environment variable name/, name);
  }
  assert.deepEqual(readdirSync(job.workDir), []);
});

test("image references: real ones are accepted; create-time checks refuse only what could be an option", () => {
  for (const image of [
    "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
    "python:3.11-slim",
    "docker.io/library/python",
    "localhost:5000/team/model_x:v1.0",
    `ghcr.io/org/img@sha256:${"a".repeat(64)}`,
    `img:tag@sha256:${"0".repeat(64)}`,
  ]) {
    assert.equal(imageProblem(image), undefined, image);
  }
  for (const placeholder of ["$XGBOOST_V1_IMAGE_URI", "${processing_image_uri}", "236514542706.dkr.ecr.us-west-2.amazonaws.com/sagemaker-data-science-310@1"]) {
    assert.equal(imageOptionProblem(placeholder), undefined, placeholder);
    assert.ok(imageProblem(placeholder), placeholder);
  }
  assert.match(imageOptionProblem("-v=/:/host")!, /starts with '-'/);
  assert.match(imageOptionProblem("a b")!, /whitespace/);
  assert.equal(environmentNameProblem("SM_MODEL_DIR"), undefined);
  assert.ok(environmentNameProblem("-e"));
});
