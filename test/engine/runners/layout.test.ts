import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { containerChild, hostPath, rewriteContainerPaths } from "../../../engine/src/runners/container-paths";
import { StepJobError } from "../../../engine/src/runners/runner";
import { decodeHyperParameters, splitHyperParameters, toCommandArguments, trainingEnvironment } from "../../../engine/src/runners/script-mode";
import { toJavaScriptRegex } from "../../../engine/src/runners/metrics";

const work = "/tmp/work dir/attempt-1";

test("layout: container paths under /opt/ml map into the working folder", () => {
  assert.equal(hostPath(work, "/opt/ml/processing/input"), join(work, "opt/ml/processing/input"));
  assert.equal(hostPath(work, "/opt/ml/input/data/train/"), join(work, "opt/ml/input/data/train"));
  assert.equal(hostPath(work, "/opt/ml"), join(work, "opt/ml"));
  assert.equal(hostPath(work, "/opt/ml/processing/../model"), join(work, "opt/ml/model"));
});

test("layout: relative paths, paths outside /opt/ml and escapes are rejected", () => {
  for (const path of ["opt/ml/x", "/tmp/x", "/opt/mlx", "/opt/ml/../../etc/passwd", "/opt/ml/.."]) {
    assert.throws(() => hostPath(work, path), StepJobError, path);
  }
  assert.equal(containerChild("/opt/ml/code", "sub/train.py", "program"), "/opt/ml/code/sub/train.py");
  for (const name of ["../x.py", "/etc/x", "a/../../x", ""]) assert.throws(() => containerChild("/opt/ml/code", name, "program"), StepJobError, name);
});

test("layout: /opt/ml paths in arguments and environment values are rewritten, other text is not", () => {
  const root = join(work, "opt/ml");
  assert.equal(rewriteContainerPaths(work, "/opt/ml/processing/input/code/a.py"), `${root}/processing/input/code/a.py`);
  assert.equal(rewriteContainerPaths(work, "--input=/opt/ml/processing/input"), `--input=${root}/processing/input`);
  assert.equal(rewriteContainerPaths(work, `{"model_dir":"/opt/ml/model","x":"/opt/mlx"}`), `{"model_dir":"${root}/model","x":"/opt/mlx"}`);
  assert.equal(rewriteContainerPaths(work, "/opt/ml"), root);
  for (const text of ["python3", "/usr/opt/ml/x", "s3://b/opt/ml/x", "/opt/mlflow"]) assert.equal(rewriteContainerPaths(work, text), text);
  assert.throws(() => rewriteContainerPaths(work, "/opt/ml/../../../etc/passwd"), StepJobError);
});

test("script mode: hyperparameters are JSON-decoded, sagemaker_* are the framework's, the rest become --key value", () => {
  const decoded = decodeHyperParameters({
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: '"s3://b/code/sourcedir.tar.gz"',
    epochs: "50",
    learning_rate: "0.10",
    objective: "reg:squarederror",
    flag: "true",
    name: '"quoted"',
    k: "1",
    nested: '{"b": 2, "a": "x"}',
  });
  const { user, framework } = splitHyperParameters(decoded);
  assert.deepEqual(Object.keys(framework).sort(), ["sagemaker_program", "sagemaker_submit_directory"]);
  assert.equal(framework.sagemaker_program.value, "train.py");
  assert.deepEqual(toCommandArguments(user), [
    "--epochs",
    "50",
    "--flag",
    "True",
    "-k",
    "1",
    "--learning_rate",
    "0.10",
    "--name",
    "quoted",
    "--nested",
    "a=x,b=2",
    "--objective",
    "reg:squarederror",
  ]);
  const env = trainingEnvironment({
    jobName: "job",
    program: "train.py",
    submitDirectory: "s3://b/code/sourcedir.tar.gz",
    channels: ["validation", "train"],
    user,
    framework,
    resourceConfig: { current_host: "algo-1" },
    inputDataConfig: {},
    instanceType: "ml.m5.xlarge",
  });
  assert.equal(env.SM_MODEL_DIR, "/opt/ml/model");
  assert.equal(env.SM_CHANNELS, '["train","validation"]');
  assert.equal(env.SM_CHANNEL_TRAIN, "/opt/ml/input/data/train");
  assert.equal(env.SM_HP_EPOCHS, "50");
  assert.equal(env.SM_HP_OBJECTIVE, "reg:squarederror");
  assert.equal(env.SM_HP_NESTED, '{"a":"x","b":2}');
  assert.equal(JSON.parse(env.SM_HPS).epochs, 50);
  assert.equal(env.SM_HPS.includes("sagemaker_program"), false);
  assert.equal(env.SM_MODULE_NAME, "train");
  assert.equal(env.SM_MODULE_DIR, "s3://b/code/sourcedir.tar.gz");
  assert.equal(env.SM_OUTPUT_DATA_DIR, "/opt/ml/output/data");
  assert.equal(env.SM_INPUT_DIR, "/opt/ml/input");
  assert.deepEqual(JSON.parse(env.SM_USER_ARGS).slice(0, 2), ["--epochs", "50"]);
  assert.equal(JSON.parse(env.SM_TRAINING_ENV).channel_input_dirs.validation, "/opt/ml/input/data/validation");
});

test("metrics: Python named groups are accepted", () => {
  assert.equal(toJavaScriptRegex("mse: (?P<v>[0-9.]+)").exec("mse: 1.5")?.groups?.v, "1.5");
});
