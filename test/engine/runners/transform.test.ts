import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError } from "../../../engine/src/runners/runner";
import { sandbox, type Sandbox } from "./helpers";

const runner = createStepRunner({ mode: "host" });

const SCRIPT = `
import os, sys
factor = float(open(os.path.join(os.environ["SM_MODEL_DIR"], "factor.txt")).read())
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as dst:
    for line in src:
        if line.strip():
            dst.write(f"{float(line) * factor:g}\\n")
print("batch", os.environ["SAGEMAKER_BATCH"], os.environ["SM_INPUT_CONTENT_TYPE"], os.environ["SM_OUTPUT_ACCEPT"], os.environ["MODEL_ENV"])
`;

function transformArguments(localModel: Record<string, unknown> | undefined, input = "s3://bucket/batch"): Record<string, unknown> {
  return {
    ModelName: "pipelines-exec1-CreateModel",
    TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: input } }, ContentType: "text/csv", SplitType: "Line" },
    TransformOutput: { S3OutputPath: "s3://bucket/transform/exec1", Accept: "text/csv", AssembleWith: "Line" },
    TransformResources: { InstanceCount: 1, InstanceType: "ml.m5.xlarge" },
    ...(localModel ? { __localModel: localModel } : {}),
  };
}

function model(box: Sandbox): void {
  box.write("model/factor.txt", "2");
  mkdirSync(join(box.root, "s3/bucket/train/output"), { recursive: true });
  spawnSync("tar", ["-czf", join(box.root, "s3/bucket/train/output/model.tar.gz"), "-C", join(box.root, "model"), "factor.txt"]);
  box.write("definition/code/serve.py", SCRIPT);
  box.write("s3/bucket/batch/a.csv", "1\n2\n");
  box.write("s3/bucket/batch/part/b.csv", "10\n");
}

test("transform: the model's SAGEMAKER_PROGRAM runs once per input file; <file>.out goes to S3OutputPath", async (t) => {
  const box = sandbox(t);
  model(box);
  const job = box.job(
    "Transform",
    transformArguments({
      image: "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
      modelDataUrl: "s3://bucket/train/output/model.tar.gz",
      environment: { SAGEMAKER_PROGRAM: "serve.py", SAGEMAKER_SUBMIT_DIRECTORY: "code", MODEL_ENV: "from-model" },
    }),
  );
  const result = await runner.run(job);
  assert.equal(result.runner, "host process");
  assert.equal(readFileSync(join(box.root, "s3/bucket/transform/exec1/a.csv.out"), "utf8"), "2\n4\n");
  assert.equal(readFileSync(join(box.root, "s3/bucket/transform/exec1/part/b.csv.out"), "utf8"), "20\n");
  assert.ok(job.logs.includes("| batch true text/csv text/csv from-model"), job.logs.join("\n"));
});

test("transform: the program may live in the model archive (SAGEMAKER_SUBMIT_DIRECTORY under /opt/ml/model)", async (t) => {
  const box = sandbox(t);
  model(box);
  box.write("model/code/inference.py", SCRIPT);
  spawnSync("tar", ["-czf", join(box.root, "s3/bucket/train/output/model.tar.gz"), "-C", join(box.root, "model"), "factor.txt", "code"]);
  const job = box.job(
    "Transform",
    transformArguments(
      { modelDataUrl: "s3://bucket/train/output/model.tar.gz", environment: { SAGEMAKER_PROGRAM: "inference.py", MODEL_ENV: "x" } },
      "s3://bucket/batch/a.csv",
    ),
  );
  await runner.run(job);
  assert.equal(readFileSync(join(box.root, "s3/bucket/transform/exec1/a.csv.out"), "utf8"), "2\n4\n");
});

test("transform: without a runnable model the job fails with a clear reason", async (t) => {
  const box = sandbox(t);
  model(box);
  const noModel = await runner.run(box.job("Transform", transformArguments(undefined))).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(noModel instanceof StepJobError);
  assert.match(noModel.message, /No runnable model for ModelName 'pipelines-exec1-CreateModel'/);
  assert.equal(noModel.exceptionType, undefined);
  await assert.rejects(
    runner.run(box.job("Transform", transformArguments({ image: "xgboost:1.7-1", modelDataUrl: "s3://bucket/train/output/model.tar.gz", environment: {} }))),
    /has no entry point script: local batch transform runs the model's SAGEMAKER_PROGRAM/,
  );
  await assert.rejects(
    runner.run(
      box.job(
        "Transform",
        transformArguments(
          { modelDataUrl: "s3://bucket/train/output/model.tar.gz", environment: { SAGEMAKER_PROGRAM: "serve.py", SAGEMAKER_SUBMIT_DIRECTORY: "code" } },
          "s3://bucket/none",
        ),
      ),
    ),
    /No S3 objects found under S3 URL 's3:\/\/bucket\/none'/,
  );
});
