import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError } from "../../../engine/src/runners/runner";
import { sandbox, type Sandbox } from "./helpers";

// Without the sandbox: the host runner maps /opt/ml into the job's folder (test/engine/runners/sandbox.test.ts has the sandbox).
const runner = createStepRunner({ mode: "host", sandbox: false });

const TRAIN_SCRIPT = `
import argparse, json, os, sys
parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int)
parser.add_argument("--learning_rate", type=float)
parser.add_argument("--objective")
args = parser.parse_args()
train = os.environ["SM_CHANNEL_TRAIN"]
rows = open(os.path.join(train, "train.csv")).read().split()
env = {k: v for k, v in os.environ.items() if k.startswith("SM_") or k == "TRAINING_JOB_NAME"}
model_dir = os.environ["SM_MODEL_DIR"]
with open(os.path.join(model_dir, "model.json"), "w") as h:
    json.dump({"argv": sys.argv[1:], "rows": len(rows), "env": env, "cwd": os.getcwd(), "helper": __import__("helper").VALUE}, h)
os.makedirs(os.environ["SM_OUTPUT_DATA_DIR"], exist_ok=True)
open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "notes.txt"), "w").write("extra")
for epoch in range(1, 4):
    print(f"epoch {epoch} loss={1.0 / epoch:.3f}")
print("validation mse: 2.5")
`;

function trainingArguments(hyperParameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlgorithmSpecification: {
      TrainingImage: "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
      TrainingInputMode: "File",
      MetricDefinitions: [
        { Name: "train:loss", Regex: "loss=([0-9.]+)" },
        { Name: "validation:mse", Regex: "validation mse: (?P<mse>[0-9.]+)" },
        { Name: "never", Regex: "nothing matches (\\d+)" },
      ],
    },
    OutputDataConfig: { S3OutputPath: "s3://bucket/training/" },
    ResourceConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 120 },
    RoleArn: "arn:aws:iam::111122223333:role/R",
    InputDataConfig: [
      {
        ChannelName: "train",
        ContentType: "text/csv",
        DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://bucket/prep/train", S3DataDistributionType: "FullyReplicated" } },
      },
    ],
    HyperParameters: hyperParameters,
    ...extra,
  };
}

function withSourceDir(box: Sandbox): void {
  box.write("definition/src/train.py", TRAIN_SCRIPT);
  box.write("definition/src/helper.py", "VALUE = 42\n");
  box.write("s3/bucket/prep/train/train.csv", "1,2\n3,4\n5,6\n");
}

function listTar(file: string): string[] {
  return spawnSync("tar", ["-tzf", file], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).sort();
}

function extractJson(archive: string, member: string): Record<string, unknown> {
  const dir = mkdtempSync(join(archive, "..", "x-"));
  spawnSync("tar", ["-xzf", archive, "-C", dir]);
  return JSON.parse(readFileSync(join(dir, member), "utf8"));
}

test("training: SDK script mode runs sagemaker_program from a source folder with SM_* and --key value, and packs model.tar.gz", async (t) => {
  const box = sandbox(t);
  withSourceDir(box);
  const job = box.job(
    "Training",
    trainingArguments({
      epochs: "5",
      learning_rate: "0.1",
      objective: "reg:squarederror",
      sagemaker_program: '"train.py"',
      sagemaker_submit_directory: '"src"',
      sagemaker_container_log_level: "20",
    }),
    "Train",
  );

  const result = await runner.run(job);

  const modelUri = "s3://bucket/training/pipelines-exec1-Train/output/model.tar.gz";
  assert.deepEqual((result.properties.ModelArtifacts as Record<string, unknown>).S3ModelArtifacts, modelUri);
  const archive = join(box.root, "s3/bucket/training/pipelines-exec1-Train/output/model.tar.gz");
  assert.deepEqual(listTar(archive), ["model.json"]);
  const model = extractJson(archive, "model.json") as { argv: string[]; rows: number; env: Record<string, string>; cwd: string; helper: number };
  assert.deepEqual(model.argv, ["--epochs", "5", "--learning_rate", "0.1", "--objective", "reg:squarederror"]);
  assert.equal(model.rows, 3);
  assert.equal(model.helper, 42);
  const root = join(job.workDir, "opt/ml");
  assert.equal(model.cwd, join(root, "code"));
  assert.equal(model.env.SM_MODEL_DIR, join(root, "model"));
  assert.equal(model.env.SM_CHANNEL_TRAIN, join(root, "input/data/train"));
  assert.equal(model.env.SM_CHANNELS, '["train"]');
  assert.equal(model.env.SM_HP_EPOCHS, "5");
  assert.deepEqual(JSON.parse(model.env.SM_HPS), { epochs: 5, learning_rate: 0.1, objective: "reg:squarederror" });
  assert.equal(model.env.SM_USER_ENTRY_POINT, "train.py");
  assert.equal(model.env.TRAINING_JOB_NAME, "pipelines-exec1-Train");
  assert.equal(JSON.parse(model.env.SM_TRAINING_ENV).model_dir, join(root, "model"));

  const config = (name: string) => JSON.parse(readFileSync(join(root, "input/config", name), "utf8"));
  assert.equal(config("hyperparameters.json").sagemaker_program, '"train.py"');
  assert.deepEqual(config("inputdataconfig.json"), {
    train: { ContentType: "text/csv", TrainingInputMode: "File", S3DistributionType: "FullyReplicated", RecordWrapperType: "None" },
  });
  assert.equal(config("resourceconfig.json").current_host, "algo-1");
  assert.deepEqual(listTar(join(box.root, "s3/bucket/training/pipelines-exec1-Train/output/output.tar.gz")), ["notes.txt"]);

  const metrics = result.properties.FinalMetricDataList as { MetricName: string; Value: number }[];
  assert.deepEqual(
    metrics.map(({ MetricName, Value }) => ({ MetricName, Value })),
    [
      { MetricName: "train:loss", Value: 0.333 },
      { MetricName: "validation:mse", Value: 2.5 },
    ],
  );
  assert.ok(job.logs.includes("| validation mse: 2.5"));
});

test("training: sagemaker_submit_directory may be a sourcedir.tar.gz in the store", async (t) => {
  const box = sandbox(t);
  withSourceDir(box);
  mkdirSync(join(box.root, "s3/bucket/code"), { recursive: true });
  spawnSync("tar", ["-czf", join(box.root, "s3/bucket/code/sourcedir.tar.gz"), "-C", join(box.baseDir, "src"), "train.py", "helper.py"]);
  const job = box.job(
    "Training",
    trainingArguments({ epochs: "2", sagemaker_program: '"train.py"', sagemaker_submit_directory: '"s3://bucket/code/sourcedir.tar.gz"' }),
  );
  const result = await runner.run(job);
  assert.match(String((result.properties.ModelArtifacts as Record<string, unknown>).S3ModelArtifacts), /\/output\/model\.tar\.gz$/);
  assert.ok(existsSync(join(job.workDir, "opt/ml/code/helper.py")));
});

test("training: AlgorithmSpecification.ContainerEntrypoint runs as given", async (t) => {
  const box = sandbox(t);
  withSourceDir(box);
  // The job's name is in TRAINING_JOB_NAME, as in every SageMaker training container (the @step bootstrap reads it).
  box.write("s3/bucket/prep/train/script.py", "import os, sys\nopen(sys.argv[1] + '/weights.bin', 'w').write(os.environ['TRAINING_JOB_NAME'])\n");
  const args = trainingArguments({});
  Object.assign(args.AlgorithmSpecification as Record<string, unknown>, {
    ContainerEntrypoint: ["python3", "/opt/ml/input/data/train/script.py"],
    ContainerArguments: ["/opt/ml/model"],
  });
  const job = box.job("Training", args, "Custom");
  await runner.run(job);
  const archive = join(box.root, "s3/bucket/training/pipelines-exec1-Custom/output/model.tar.gz");
  assert.deepEqual(listTar(archive), ["weights.bin"]);
  assert.match(execFileSync("tar", ["-xzOf", archive, "weights.bin"], { encoding: "utf8" }), /^pipelines-exec1-Custom$/);
});

test("training: the failure file is the reason; a missing program or image entrypoint fails clearly on the host", async (t) => {
  const box = sandbox(t);
  box.write(
    "definition/src/train.py",
    "import sys\nopen(__import__('os').environ['SM_OUTPUT_DIR'] + '/failure', 'w').write('Out of cheese: no data')\nsys.exit(3)\n",
  );
  box.write("s3/bucket/prep/train/train.csv", "1\n");
  const failing = await runner.run(box.job("Training", trainingArguments({ sagemaker_program: '"train.py"', sagemaker_submit_directory: '"src"' }))).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(failing instanceof StepJobError);
  assert.equal(failing.message, "AlgorithmError: Out of cheese: no data");
  assert.equal(failing.exceptionType, undefined);

  await assert.rejects(
    runner.run(box.job("Training", trainingArguments({ sagemaker_program: '"missing.py"', sagemaker_submit_directory: '"src"' }))),
    /sagemaker_program 'missing.py' is not in the code/,
  );
  await assert.rejects(
    runner.run(box.job("Training", trainingArguments({ sagemaker_program: '"../x.py"', sagemaker_submit_directory: '"src"' }))),
    /leaves \/opt\/ml\/code/,
  );
  await assert.rejects(runner.run(box.job("Training", trainingArguments({ max_depth: "5" }))), /cannot run the training image's own 'train' program/);
  const badChannel = trainingArguments({});
  (badChannel.InputDataConfig as Record<string, unknown>[])[0].ChannelName = "../escape";
  await assert.rejects(runner.run(box.job("Training", badChannel)), /ChannelName '..\/escape' may only contain/);
});
