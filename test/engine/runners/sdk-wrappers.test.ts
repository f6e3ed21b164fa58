import { test } from "node:test";
import assert from "node:assert/strict";
import { createStepRunner } from "../../../engine/src/runners/index";
import { StepJobError } from "../../../engine/src/runners/runner";
import { processingArguments, sandbox } from "./helpers";

// The SageMaker Python SDK's own wrappers on the host runner (without the sandbox here; sandbox.test.ts covers the sandbox).
const runner = createStepRunner({ mode: "host", killGraceMs: 500, sandbox: false });

async function failureOf(promise: Promise<unknown>): Promise<StepJobError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof StepJobError, String(error));
  return error;
}

for (const [tool, kind] of [
  ["smspark-submit", /A PySpark or Spark step/],
  ["amazon_sagemaker_scheduler", /A NotebookJob step/],
] as const) {
  test(`host runner: ${tool} (in its image only) fails with "needs its image / the container runner", not spawn ENOENT`, async (t) => {
    const box = sandbox(t);
    box.write("definition/script.py", "print('never')\n");
    const args = processingArguments("script.py");
    (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = [tool, "--local-spark", "/opt/ml/processing/input/code/script.py"];
    const error = await failureOf(runner.run(box.job("Processing", args)));
    assert.match(error.message, kind);
    assert.match(error.message, /this step needs its image/);
    assert.match(error.message, /sagemaker-scikit-learn:1\.2-1-cpu-py3/, "names the image");
    assert.match(error.message, /container runner \(setting sagemakerPipelines\.local\.runner "container", CLI --runner container\)/);
    assert.doesNotMatch(error.message, /ENOENT/);
    assert.equal(error.exceptionType, undefined, "not a transient error that a retry policy would retry");
  });
}

test("host runner: a failing FrameworkProcessor runproc.sh gets a hint besides its stderr", async (t) => {
  const box = sandbox(t);
  // The SDK's wrapper runs `python script.py` from the code folder; this one fails as it does when python lacks a package.
  box.write("definition/code/runproc.sh", "#!/bin/bash\necho 'ModuleNotFoundError: No module named sklearn' >&2\nexit 1\n");
  const args = processingArguments("code");
  (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = ["/bin/bash", "/opt/ml/processing/input/code/runproc.sh"];
  const error = await failureOf(runner.run(box.job("Processing", args)));
  assert.match(error.message, /exited with code 1\. Last lines of stderr:\nModuleNotFoundError: No module named sklearn/, "the stderr is kept");
  assert.match(error.message, /\nHint: FrameworkProcessor's runproc\.sh unpacks sourcedir\.tar\.gz in \/opt\/ml\/processing\/input\/code/);
  assert.ok(error.message.length <= 1024);
});

test("host runner: the @step job_driver.sh, the repack step's scripts (v2) and ModelTrainer's sm_train.sh (v3) get their hints; other failures none", async (t) => {
  const box = sandbox(t);
  box.write("definition/code/job_driver.sh", "#!/bin/bash\necho 'No module named sagemaker' >&2\nexit 2\n");
  box.write("definition/code/_repack_model.py", "import sys\nsys.exit('model.tar.gz not found')\n");
  box.write("definition/code/plain.py", "import sys\nsys.exit('plain failure')\n");
  const run = (entrypoint: string[]) => {
    const args = processingArguments("code");
    (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = entrypoint;
    return failureOf(runner.run(box.job("Processing", args)));
  };
  const driver = await run(["/bin/bash", "/opt/ml/processing/input/code/job_driver.sh", "--region", "us-east-1"]);
  assert.match(driver.message, /No module named sagemaker\nHint: A @step function runs the SDK's job_driver\.sh/);
  const repack = await run(["python3", "/opt/ml/processing/input/code/_repack_model.py"]);
  assert.match(
    repack.message,
    /model\.tar\.gz not found\nHint: The repack step's _repack_model\.py reads the model from \/opt\/ml\/input\/data\/training\/model\.tar\.gz/,
  );
  // As SDK v2 writes it: sagemaker_program is the launcher, which runs `python _repack_model.py`.
  box.write("definition/code/_repack_script_launcher.sh", "#!/bin/bash\necho 'FileNotFoundError: model.tar.gz' >&2\nexit 1\n");
  const launcher = await run(["/bin/sh", "/opt/ml/processing/input/code/_repack_script_launcher.sh"]);
  assert.match(launcher.message, /FileNotFoundError: .*\nHint: The repack step's _repack_model\.py reads the model/);
  // As SDK v3 writes it: ModelTrainer's driver script, through bash -c.
  box.write("definition/code/sm_drivers/sm_train.sh", "#!/bin/bash\necho 'Error: The Python executable was not found in the system path.' >&2\nexit 1\n");
  const driverV3 = await run([
    "/bin/bash",
    "-c",
    "chmod +x /opt/ml/processing/input/code/sm_drivers/sm_train.sh && /opt/ml/processing/input/code/sm_drivers/sm_train.sh",
  ]);
  assert.match(driverV3.message, /system path\.\nHint: A ModelTrainer job \(SDK v3; its repack step too\) runs sm_train\.sh/);
  const plain = await run(["python3", "/opt/ml/processing/input/code/plain.py"]);
  assert.match(plain.message, /plain failure$/);
  assert.doesNotMatch(plain.message, /Hint:/);
});

test("host runner: a long stderr gives way to the hint within 1024 characters", async (t) => {
  const box = sandbox(t);
  box.write("definition/code/runproc.sh", `#!/bin/bash\nfor i in $(seq 1 30); do echo "${"x".repeat(60)} $i" >&2; done\nexit 3\n`);
  const args = processingArguments("code");
  (args.AppSpecification as Record<string, unknown>).ContainerEntrypoint = ["/bin/bash", "/opt/ml/processing/input/code/runproc.sh"];
  const error = await failureOf(runner.run(box.job("Processing", args)));
  assert.ok(error.message.length <= 1024, String(error.message.length));
  assert.match(error.message, /\nHint: FrameworkProcessor's runproc\.sh .* CLI --runner container\)\.$/s, "the hint is whole, at the end");
});

test("host runner: a @step training job that explains its failure in /opt/ml/output/failure keeps the hint", async (t) => {
  const box = sandbox(t);
  box.write("s3/bucket/prep/train/job_driver.sh", '#!/bin/bash\necho "RuntimeEnvironmentError: No module named \'sagemaker\'" > "$1"\nexit 1\n');
  const args = {
    AlgorithmSpecification: {
      TrainingImage: "python:3.11",
      TrainingInputMode: "File",
      ContainerEntrypoint: ["/bin/bash", "/opt/ml/input/data/train/job_driver.sh"],
      ContainerArguments: ["/opt/ml/output/failure"],
    },
    OutputDataConfig: { S3OutputPath: "s3://bucket/training/" },
    ResourceConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 120 },
    RoleArn: "arn:aws:iam::111122223333:role/R",
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://bucket/prep/train" } } }],
  };
  const error = await failureOf(runner.run(box.job("Training", args, "Square")));
  assert.match(error.message, /^AlgorithmError: RuntimeEnvironmentError: No module named 'sagemaker'\nHint: A @step function runs the SDK's job_driver\.sh/);
});
