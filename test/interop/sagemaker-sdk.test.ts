import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { startLocalServe } from "../helpers/local-serve";
import { sagemakerVenv } from "../helpers/sagemaker-venv";

/**
 * Interoperability: the real SageMaker Python SDK, v2 and v3 (each pinned in requirements-sagemaker-vN.txt, in a venv
 * that scripts/python-venv.mjs makes on first use), drives `sagemaker-pipelines local serve --runner host` with its own
 * Pipeline and execution classes, as a user's script does against AWS. sagemaker_sdk_client.py makes the calls and
 * prints what the SDK returned and raised; this file makes the assertions.
 */

const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/cli.js");

interface ClientError {
  raised: string | null;
  code?: string;
  message?: string;
  status?: number;
  operation?: string;
}
interface StepReport {
  name: string;
  status: string;
  start: number | null;
  reusedFrom: string | null;
  failureReason: string | null;
  metadata: string[];
}
interface ExecutionReport {
  arn: string;
  status: string;
  failureReason: string | null;
  displayName: string | null;
  versionId: number | null;
  selective: { SourcePipelineExecutionArn?: string; SelectedSteps: Array<{ StepName: string }> } | null;
  steps: StepReport[];
  parameters: Record<string, string>;
  reportText?: string;
  responseArn?: string;
}
interface Summary {
  major: number;
  versions: { sagemaker: string; boto3: string; botocore: string };
  definition: string;
  upsert: {
    first: string;
    second: string;
    secondVersion: number;
    tags: Array<{ Key: string; Value: string }>;
    latestVersion: number;
    description: string;
    firstDescription: string;
    definitionRoundTrip: boolean;
    versions: number[];
  };
  first: ExecutionReport;
  buildParameters: Record<string, string>;
  explicit: ExecutionReport;
  latest: ExecutionReport;
  failed: ExecutionReport;
  retried: ExecutionReport;
  stopped: ExecutionReport;
  waitOnFailure: string | null;
  updatedDisplayName: string;
  framework?: { entrypoint: string[]; execution: ExecutionReport; result: { cwd: string; args: string[]; files: string[] } };
  function?: { entrypoint: string[]; execution: ExecutionReport; result: number };
  repack?: { program: string; steps: Array<[string, string]>; execution: ExecutionReport; artifacts: string | null; files: string[] };
  errors: Record<
    "gap" | "noReference" | "unknownStep" | "unknownParameter" | "wrongType" | "unknownPipeline" | "retrySucceeded" | "stopAgain" | "describeDeleted",
    ClientError
  >;
}

/** Runs sagemaker_sdk_client.py; resolves with its JSON summary (its last stdout line: the SDK prints on stdout too). */
function runClient(t: TestContext, python: string, endpoint: string, store: string, pipeline: string, key: Record<string, string>): Promise<Summary> {
  const scratch = mkdtempSync(join(tmpdir(), "smp-sdk-home-"));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  // The SDK's telemetry is off, and the @step functions' bucket set, through its own defaults file, as a user sets them.
  writeFileSync(
    join(scratch, "config.yaml"),
    [
      "SchemaVersion: '1.0'",
      "SageMaker:",
      "  PythonSDK:",
      "    Modules:",
      "      TelemetryOptOut: true",
      "      Session:",
      "        DefaultS3Bucket: sdk-step",
      "      RemoteFunction:",
      "        S3RootUri: s3://sdk-step",
      "",
    ].join("\n"),
  );
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_") && !k.startsWith("SAGEMAKER_")));
  Object.assign(env, {
    HOME: scratch,
    // The SDK writes temporary files (the @step functions' requirements) that go with the scratch folder.
    TMPDIR: scratch,
    AWS_CONFIG_FILE: join(scratch, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, "aws-credentials"),
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: "us-east-1",
    SAGEMAKER_USER_CONFIG_OVERRIDE: join(scratch, "config.yaml"),
    // v3 checks the role with IAM before CreatePipeline; the local engine is no IAM.
    SAGEMAKER_VALIDATE_ROLE: "false",
    SAGEMAKER_SUPPRESS_V2_WARNING: "1",
    NO_PROXY: ["127.0.0.1", "localhost", env.NO_PROXY].filter(Boolean).join(","),
    PYTHONDONTWRITEBYTECODE: "1",
  });
  const child = spawn(python, [join(import.meta.dirname, "sagemaker_sdk_client.py"), "--endpoint", endpoint, "--store", store, "--pipeline", pipeline], {
    env,
    cwd: scratch,
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`sagemaker_sdk_client.py did not finish within 300 s.\nstderr:\n${stderr.slice(-6000)}`));
    }, 300_000);
    child.once("error", (error) => reject(new Error(`could not run ${python}: ${error.message}`)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(new Error(`sagemaker_sdk_client.py exited with ${code}.\nstderr:\n${stderr.slice(-6000)}\nstdout:\n${stdout.slice(-2000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Summary);
      } catch {
        reject(new Error(`sagemaker_sdk_client.py printed no JSON summary:\n${stdout.slice(-2000)}\nstderr:\n${stderr.slice(-4000)}`));
      }
    });
  });
}

const stepsByName = (report: ExecutionReport) => Object.fromEntries(report.steps.map((s) => [s.name, s]));

for (const major of [2, 3] as const) {
  test(
    `interop: the SageMaker Python SDK v${major} drives local serve (upsert twice, runs, selective runs, refusals, retry, stop, delete; ${major === 2 ? "FrameworkProcessor, @step functions and the repack step run" : "the repack step runs"} on the host runner)`,
    { timeout: 30 * 60_000 },
    async (t) => {
      const python = sagemakerVenv(t, major);
      const work = mkdtempSync(join(tmpdir(), `smp-sdk-v${major}-`));
      t.after(() => rmSync(work, { recursive: true, force: true }));
      const store = join(work, "store");
      // The @step functions' jobs (v2) run with this venv's python (it has the sagemaker package their driver needs), and
      // get AWS credentials (any: moto's S3 takes them) for the S3 their pickles are in.
      const jobEnv = { ...process.env, PATH: [dirname(python), process.env.PATH].join(delimiter), AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };
      const server = await startLocalServe(t, store, jobEnv, ["--pass-aws-credentials"]);
      const printed = spawnSync(process.execPath, [cli, "local", "credentials", "--store", store, "--format", "json"], { encoding: "utf8" });
      assert.equal(printed.status, 0, printed.stderr);
      const started = Date.now();
      const s = await runClient(t, python, server.endpoint, store, `sdk-v${major}`, JSON.parse(printed.stdout) as Record<string, string>);
      t.diagnostic(`sagemaker ${s.versions.sagemaker} (boto3 ${s.versions.boto3}): the client's run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.equal(s.major, major);
      assert.match(s.versions.sagemaker, major === 2 ? /^2\.257\./ : /^3\.27\./);

      // upsert() twice: created, then "already exists" → updated (version 2), the tags of both calls kept.
      assert.match(s.upsert.first, new RegExp(`:pipeline/sdk-v${major}$`));
      assert.equal(s.upsert.second, s.upsert.first);
      assert.equal(s.upsert.secondVersion, 2);
      assert.equal(s.upsert.latestVersion, 2, "latest_pipeline_version_id (ListPipelineVersions)");
      assert.deepEqual(s.upsert.versions, [2, 1]);
      assert.deepEqual(s.upsert.tags, [
        { Key: "stage", Value: "dev" },
        { Key: "team", Value: "ml" },
      ]);
      assert.equal(s.upsert.description, "second");
      assert.equal(s.upsert.firstDescription, "first", "describe(pipeline_version_id=1)");
      assert.equal(s.upsert.definitionRoundTrip, true, "DescribePipeline returns the SDK's definition()");

      // A full run: parameters as the SDK sends them (str()), the steps' real work, the SDK's waiter.
      assert.equal(s.first.status, "Succeeded", JSON.stringify(s.first));
      assert.equal(s.first.displayName, "first");
      assert.equal(s.first.versionId, 2);
      assert.deepEqual(s.first.parameters, { Greeting: "hello sdk", SleepSeconds: "0", Count: "3" });
      assert.deepEqual(
        s.first.steps.map((step) => [step.name, step.status, step.metadata.join()]),
        [
          ["Check", "Succeeded", "Condition"],
          ["Prepare", "Succeeded", "ProcessingJob"],
          ["Report", "Succeeded", "ProcessingJob"],
        ],
      );
      assert.equal(s.first.reportText, "HELLO SDK", "the parameter reached the first step, whose output reached the second");
      assert.deepEqual(s.buildParameters, { Greeting: "again", SleepSeconds: "0", Count: "3" }, "build_parameters_from_execution");
      assert.equal(s.updatedDisplayName, "renamed", "UpdatePipelineExecution");

      // Selective execution with an explicit reference, then with the latest execution (looked up by the SDK).
      const explicit = stepsByName(s.explicit);
      assert.equal(s.explicit.status, "Succeeded", JSON.stringify(s.explicit));
      assert.deepEqual(s.explicit.selective, { SourcePipelineExecutionArn: s.first.arn, SelectedSteps: [{ StepName: "Report" }] });
      assert.equal(explicit.Prepare.reusedFrom, s.first.arn);
      assert.equal(explicit.Prepare.start, stepsByName(s.first).Prepare.start, "the reused step is the reference's run");
      assert.equal(explicit.Report.reusedFrom, null);
      assert.equal(explicit.Check, undefined, "a step downstream of the selection does not run");
      const latest = stepsByName(s.latest);
      assert.equal(s.latest.status, "Succeeded", JSON.stringify(s.latest));
      assert.equal(s.latest.selective?.SourcePipelineExecutionArn, s.explicit.arn, "reference_latest_execution: the newest execution");
      assert.equal(latest.Prepare.reusedFrom, s.explicit.arn);
      assert.equal(latest.Check.status, "Succeeded");

      // What the service refuses, with the codes AWS gives, as the SDK raises them.
      const expectations: Array<[keyof Summary["errors"], string, string, RegExp]> = [
        ["gap", "ValidationException", "StartPipelineExecution", /Steps \[Report\] lie between the selected steps/],
        ["noReference", "ValidationException", "StartPipelineExecution", /Invalid SourcePipelineExecutionArn: null/],
        ["unknownStep", "ValidationException", "StartPipelineExecution", /\[Nope\]/],
        ["unknownParameter", "ValidationException", "StartPipelineExecution", /'Nope' is not defined/],
        ["wrongType", "ValidationException", "StartPipelineExecution", /not an Integer/],
        ["unknownPipeline", "ResourceNotFound", "DescribePipeline", /sdk-v\d-missing' does not exist/],
        ["retrySucceeded", "ConflictException", "RetryPipelineExecution", /is Succeeded/],
        ["stopAgain", "ConflictException", "StopPipelineExecution", /is Stopped/],
        ["describeDeleted", "ResourceNotFound", "DescribePipeline", /does not exist/],
      ];
      for (const [name, code, operation, message] of expectations) {
        const error = s.errors[name];
        assert.equal(error.code, code, `${name}: ${JSON.stringify(error)}`);
        assert.equal(error.operation, operation, name);
        assert.equal(error.status, 400, name);
        assert.match(error.message ?? "", message, name);
      }
      assert.equal(s.errors.unknownPipeline.raised, "ResourceNotFound", "botocore raises the modeled exception class");

      // Retry: the failed step runs again in the same execution; the step that succeeded is kept.
      assert.match(s.waitOnFailure ?? "", /terminal failure state/, "the SDK's wait() ends on Failed");
      assert.equal(s.failed.status, "Failed");
      assert.match(stepsByName(s.failed).Report.failureReason ?? "", /the switch is off/);
      assert.equal(s.retried.responseArn, s.failed.arn);
      assert.equal(s.retried.arn, s.failed.arn);
      assert.equal(s.retried.status, "Succeeded", JSON.stringify(s.retried));
      assert.equal(s.retried.failureReason, null);
      assert.equal(stepsByName(s.retried).Prepare.start, stepsByName(s.failed).Prepare.start, "Prepare is kept, not run again");
      assert.ok(stepsByName(s.retried).Report.start! > stepsByName(s.failed).Report.start!, "Report ran again");
      assert.equal(stepsByName(s.retried).Check.status, "Succeeded", "and what follows it ran");

      // Stop while a step runs.
      assert.equal(s.stopped.status, "Stopped");
      assert.equal(stepsByName(s.stopped).Prepare.status, "Stopped");
      assert.equal(s.stopped.parameters.SleepSeconds, "120");

      // The repack step: a training job running the SDK's repack code (v2: _repack_script_launcher.sh → _repack_model.py in
      // script mode; v3: ModelTrainer's sm_train.sh, which runs them), whose model.tar.gz — the trained model with the
      // inference code added under code/ — the Model step after it reads.
      assert.ok(s.repack, "the repack pipeline is reported");
      assert.equal(s.repack.execution.status, "Succeeded", JSON.stringify(s.repack.execution));
      const repackName = major === 2 ? "Deploy-RepackModel-0" : "Deploy-RepackModel-repacked";
      const modelName = major === 2 ? "Deploy-CreateModel" : "Deploy";
      if (major === 2) assert.equal(s.repack.program, '"_repack_script_launcher.sh"');
      else assert.match(s.repack.program, /\/opt\/ml\/input\/data\/sm_drivers\/sm_train\.sh/);
      assert.deepEqual(
        s.repack.steps.sort(),
        [
          [repackName, "Training"],
          [modelName, "Model"],
        ].sort(),
      );
      assert.deepEqual(
        s.repack.execution.steps.map((step) => [step.name, step.status, step.metadata.join()]).sort(),
        [
          [modelName, "Succeeded", "Model"],
          [repackName, "Succeeded", "TrainingJob"],
        ].sort(),
      );
      assert.match(s.repack.artifacts ?? "", /^s3:\/\/sdk-repack\/.*\/output\/model\.tar\.gz$/);
      assert.ok(s.repack.files.includes("weights.txt"), `the trained model is kept: ${s.repack.files.join()}`);
      assert.ok(s.repack.files.includes("code/inference.py"), `the inference code is added: ${s.repack.files.join()}`);
      if (major === 3) return;

      // The SDK's own wrappers, run on the host runner in the /opt/ml sandbox.
      assert.ok(s.framework && s.function, "v2 reports its wrapper pipelines");
      assert.equal(s.framework.execution.status, "Succeeded", JSON.stringify(s.framework.execution));
      assert.match(s.framework.entrypoint.join(" "), /runproc\.sh/);
      assert.match(s.framework.result.cwd, /\/opt\/ml\/processing\/input\/code$/, "runproc.sh runs the script in its code folder");
      assert.deepEqual(s.framework.result.args, ["--rows", "3"]);
      assert.ok(s.framework.result.files.includes("prepare.py"), s.framework.result.files.join());
      assert.equal(s.function.execution.status, "Succeeded", JSON.stringify(s.function.execution));
      assert.equal(s.function.result, 50, "square(7) + 1, read back by the SDK's result()");
    },
  );
}
