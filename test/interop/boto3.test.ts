import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Interoperability: the real Python boto3 client (pinned in requirements.txt, in a venv that
 * scripts/python-venv.mjs makes on first use) against `sagemaker-pipelines local serve --runner host`,
 * exactly as a script would talk to AWS, only endpoint_url differs. boto3_client.py makes the calls and
 * prints what boto3 parsed; this file makes the assertions, and checks the data the steps wrote in the store.
 */

const root = join(import.meta.dirname, "../..");
const cli = join(root, "dist/cli.js");
const BUCKET = "boto3-interop";

interface Venv {
  python: string;
  created: boolean;
  seconds: number;
}

/** Builds the venv when it is missing; a venv that cannot be made fails the test (it is never skipped). */
function prepareVenv(t: TestContext): Venv {
  const result = spawnSync(process.execPath, [join(root, "scripts/python-venv.mjs"), "--json"], { cwd: root, encoding: "utf8", timeout: 15 * 60_000 });
  if (result.status !== 0) {
    assert.fail(
      `Could not prepare the Python virtualenv with boto3 that this test needs (node scripts/python-venv.mjs, exit ${result.status ?? result.signal ?? result.error?.message}).\n` +
        `It needs python3 with the venv module and access to PyPI.\n${result.stderr}`,
    );
  }
  const venv = JSON.parse(result.stdout) as Venv;
  t.diagnostic(`boto3 venv ${venv.created ? "created" : "cached"} in ${venv.seconds.toFixed(1)} s: ${venv.python}`);
  return venv;
}

interface Server {
  process: ChildProcess;
  endpoint: string;
  output: () => string;
}

/** Stops a child: SIGTERM, then SIGKILL when it is still there after `graceMs`. Resolves with its exit code or signal. */
function stop(child: ChildProcess, graceMs = 10_000): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal!);
    });
    child.kill("SIGTERM");
  });
}

function startServer(t: TestContext, store: string): Promise<Server> {
  const child = spawn(process.execPath, [cli, "local", "serve", "--port", "0", "--store", store, "--runner", "host"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => stop(child));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local serve did not start within 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, endpoint: match[1], output: () => output });
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local serve exited (${code}):\n${output}`));
    });
  });
}

/** Runs boto3_client.py; resolves with its JSON summary, or fails with its stderr. Killed if the test ends first. */
function runClient(t: TestContext, python: string, args: string[], key: { accessKeyId: string; secretAccessKey: string }): Promise<Summary> {
  // Nothing from the machine's AWS setup (profiles, endpoints, proxies) reaches the client: only its arguments count.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const scratch = mkdtempSync(join(tmpdir(), "smp-boto3-home-"));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  Object.assign(env, {
    AWS_CONFIG_FILE: join(scratch, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, "credentials"),
    // The engine's key pair, as `eval "$(sagemaker-pipelines local credentials)"` exports it.
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    NO_PROXY: ["127.0.0.1", "localhost", env.NO_PROXY].filter(Boolean).join(","),
    PYTHONDONTWRITEBYTECODE: "1",
  });
  const child = spawn(python, [join(import.meta.dirname, "boto3_client.py"), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => stop(child, 2_000));
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`boto3_client.py did not finish within 180 s.\nstderr:\n${stderr}`));
    }, 180_000);
    child.once("error", (error) => reject(new Error(`could not run ${python}: ${error.message}`)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`boto3_client.py exited with ${code}.\nstderr:\n${stderr}\nstdout:\n${stdout}`));
      try {
        resolve(JSON.parse(stdout) as Summary);
      } catch {
        reject(new Error(`boto3_client.py printed no JSON summary:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
  });
}

/** Processes whose working folder or command line is inside `folder` (Linux: /proc), to find what outlived the engine. */
function processesIn(folder: string): string[] {
  if (!existsSync("/proc/self/cwd")) return [];
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cwd.startsWith(folder) || cmdline.includes(folder)) found.push(`${pid} (cwd ${cwd}): ${cmdline}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

// ---- The pipeline: Prepare -> Transform -> Report, three host processes (python3 -c), no container. ----

// Each program is one ContainerEntrypoint item, which the API limits to 256 characters. Folders come as arguments.
const PREPARE =
  'import json,os,sys,uuid;t=uuid.uuid4().hex;json.dump({"greeting":os.environ["GREETING"],"token":t},open(sys.argv[1]+"/message.json","w"));print("prepared",t)';
const TRANSFORM =
  'import json,os,sys;m=json.load(open(sys.argv[1]+"/message.json"));json.dump({"shout":m["greeting"].upper()+os.environ["SUFFIX"],"token":m["token"]},open(sys.argv[2]+"/result.json","w"))';
const REPORT = 'import json,sys;r=json.load(open(sys.argv[1]+"/result.json"));open(sys.argv[2]+"/report.txt","w").write(r["shout"]+" "+r["token"])';

const outputUri = (step: string, name: string) => ({
  "Std:Join": { On: "/", Values: [`s3://${BUCKET}`, { Get: "Execution.PipelineExecutionId" }, step, name] },
});
const fromOutput = (step: string, name: string) => ({ Get: `Steps.${step}.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri` });

function processingStep(
  name: string,
  code: string,
  options: { input?: { step: string; output: string }; output: string; environment?: Record<string, unknown> },
) {
  const inputPath = "/opt/ml/processing/input/data";
  const outputPath = `/opt/ml/processing/output/${options.output}`;
  return {
    Name: name,
    Type: "Processing",
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.t3.medium", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: {
        ImageUri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        ContainerEntrypoint: ["python3", "-c", code],
        ContainerArguments: options.input ? [inputPath, outputPath] : [outputPath],
      },
      ...(options.environment ? { Environment: options.environment } : {}),
      ...(options.input
        ? {
            ProcessingInputs: [
              {
                InputName: "data",
                AppManaged: false,
                S3Input: { S3Uri: fromOutput(options.input.step, options.input.output), LocalPath: inputPath, S3DataType: "S3Prefix", S3InputMode: "File" },
              },
            ],
          }
        : {}),
      ProcessingOutputConfig: {
        Outputs: [
          {
            OutputName: options.output,
            AppManaged: false,
            S3Output: { S3Uri: outputUri(name, options.output), LocalPath: outputPath, S3UploadMode: "EndOfJob" },
          },
        ],
      },
      StoppingCondition: { MaxRuntimeInSeconds: 120 },
      RoleArn: "arn:aws:iam::000000000000:role/Local",
    },
  };
}

const definition = {
  Version: "2020-12-01",
  Metadata: {},
  Parameters: [
    { Name: "Greeting", Type: "String", DefaultValue: "hello" },
    { Name: "Suffix", Type: "String", DefaultValue: "!" },
  ],
  PipelineExperimentConfig: { ExperimentName: { Get: "Execution.PipelineName" }, TrialName: { Get: "Execution.PipelineExecutionId" } },
  Steps: [
    processingStep("Prepare", PREPARE, { output: "out", environment: { GREETING: { Get: "Parameters.Greeting" } } }),
    processingStep("Transform", TRANSFORM, {
      input: { step: "Prepare", output: "out" },
      output: "result",
      environment: { SUFFIX: { Get: "Parameters.Suffix" } },
    }),
    processingStep("Report", REPORT, { input: { step: "Transform", output: "result" }, output: "report" }),
  ],
};

// ---- What boto3_client.py prints (timestamps as {datetime: epoch seconds}, i.e. botocore parsed them). ----

type Timestamp = { datetime: number };
interface Step {
  StepName: string;
  StepStatus: string;
  StartTime?: Timestamp;
  EndTime?: Timestamp;
  Metadata?: { ProcessingJob?: { Arn?: string } };
  AttemptCount?: number;
  SelectiveExecutionResult?: { SourcePipelineExecutionArn: string };
  CacheHitResult?: unknown;
}
interface ExecutionReport {
  arn: string;
  statusesSeen: string[];
  describe: Record<string, unknown> & { CreationTime: Timestamp; LastModifiedTime: Timestamp };
  steps: Step[];
  stepsNextToken: string | null;
  parameters: Array<{ Name: string; Value: string }>;
  definition: { PipelineDefinition: string; CreationTime: Timestamp };
}
interface ErrorReport {
  raised: string | null;
  clientError?: boolean;
  code?: string;
  message?: string;
  httpStatus?: number;
  operation?: string;
  modeledResourceNotFound?: boolean;
  response?: unknown;
}
interface Summary {
  versions: { boto3: string; botocore: string; python: string };
  startedAt: number;
  finishedAt: number;
  createPipeline: { PipelineArn: string };
  createAuxPipeline: { PipelineArn: string };
  describePipeline: Record<string, unknown> & { CreationTime: Timestamp; LastModifiedTime: Timestamp; LastRunTime?: Timestamp; PipelineDefinition: string };
  full: ExecutionReport;
  selective: ExecutionReport;
  selectiveRequest: Record<string, unknown>;
  listPipelines: { nameAscending: string[]; nameDescending: string[]; creationDescending: string[] };
  listPipelinesRaw: Array<Record<string, unknown> & { CreationTime: Timestamp }>;
  pipelinesAfterErrors: string[];
  authentication: Record<"unsigned" | "wrongSecret", ErrorReport>;
  errors: Record<
    "describeUnknownPipeline" | "selectionWithGap" | "selectionUnknownReference" | "selectionWithoutReference" | "createWithUnknownStepReference",
    ErrorReport
  >;
  listExecutions: {
    ascending: string[];
    descending: string[];
    createdAfterFull: string[];
    pages: string[][];
    raw: Array<Record<string, unknown> & { StartTime: Timestamp }>;
  };
  calls: Array<{ operation: string; status: number; contentType: string; retries: number; error?: string }>;
}

const byName = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.StepName, s]));
const readStore = (store: string, ...path: string[]) => readFileSync(join(store, "s3", BUCKET, ...path), "utf8");
const executionId = (arn: string) => arn.split("/").pop()!;

test("interop: boto3 drives local serve like the service (create, run, selective run, list, describe, errors)", { timeout: 20 * 60_000 }, async (t) => {
  const venv = prepareVenv(t);

  const work = mkdtempSync(join(tmpdir(), "smp-interop-"));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const store = join(work, "store");
  const definitionFile = join(work, "pipeline.json");
  const definitionText = JSON.stringify(definition, null, 2);
  writeFileSync(definitionFile, definitionText);

  const server = await startServer(t, store);
  const printed = spawnSync(process.execPath, [cli, "local", "credentials", "--store", store, "--format", "json"], { encoding: "utf8" });
  assert.equal(printed.status, 0, printed.stderr);
  const key = JSON.parse(printed.stdout) as { accessKeyId: string; secretAccessKey: string };
  const clientStarted = Date.now();
  const summary = await runClient(t, venv.python, ["--endpoint", server.endpoint, "--definition", definitionFile, "--pipeline", "boto3-interop"], key);
  t.diagnostic(
    `boto3 ${summary.versions.boto3} / botocore ${summary.versions.botocore} on Python ${summary.versions.python}: client run took ${((Date.now() - clientStarted) / 1000).toFixed(1)} s`,
  );
  const { startedAt, finishedAt } = summary;
  const within = (what: string, ts: Timestamp | undefined) => {
    assert.equal(typeof ts?.datetime, "number", `${what} is parsed by botocore into a datetime`);
    assert.ok(
      ts!.datetime >= startedAt - 1 && ts!.datetime <= finishedAt + 1,
      `${what} (${ts!.datetime}) lies within the client's run (${startedAt}..${finishedAt})`,
    );
  };

  // Every exchange is AWS JSON 1.1, answered first time (no hidden retries).
  assert.ok(summary.calls.length >= 20, `the client made its calls (${summary.calls.length})`);
  for (const call of summary.calls) {
    assert.equal(call.contentType, "application/x-amz-json-1.1", `${call.operation} answers in AWS JSON 1.1`);
    assert.equal(call.retries, 0, `${call.operation} needed no retry`);
  }

  // CreatePipeline / DescribePipeline.
  const pipelineArn = summary.createPipeline.PipelineArn;
  assert.match(pipelineArn, /^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:pipeline\/boto3-interop$/);
  assert.match(summary.createAuxPipeline.PipelineArn, /pipeline\/boto3-interop-aux$/);
  const described = summary.describePipeline;
  assert.equal(described.PipelineArn, pipelineArn);
  assert.equal(described.PipelineName, "boto3-interop");
  assert.equal(described.PipelineDisplayName, "boto3-interop");
  assert.equal(described.PipelineDescription, "Created by boto3");
  assert.equal(described.PipelineStatus, "Active");
  assert.equal(described.RoleArn, "arn:aws:iam::000000000000:role/Local");
  assert.equal(described.PipelineDefinition, definitionText, "the definition comes back byte for byte");
  within("DescribePipeline.CreationTime", described.CreationTime);
  within("DescribePipeline.LastModifiedTime", described.LastModifiedTime);

  // The full execution, with Greeting overridden and Suffix left at its default.
  const full = summary.full;
  assert.match(full.arn, new RegExp(`^${pipelineArn}/execution/[a-z0-9]+$`));
  assert.equal(full.describe.PipelineExecutionStatus, "Succeeded", JSON.stringify(full.describe));
  assert.equal(full.statusesSeen.at(-1), "Succeeded");
  assert.ok(
    full.statusesSeen.every((s) => s === "Executing" || s === "Succeeded"),
    full.statusesSeen.join(" → "),
  );
  assert.equal(full.describe.PipelineArn, pipelineArn);
  assert.equal(full.describe.PipelineExecutionArn, full.arn);
  assert.equal(full.describe.PipelineExecutionDisplayName, "boto3-full");
  assert.equal(full.describe.PipelineExecutionDescription, "full run from boto3");
  assert.equal(full.describe.SelectiveExecutionConfig, undefined);
  assert.deepEqual(full.describe.PipelineExperimentConfig, { ExperimentName: "boto3-interop", TrialName: executionId(full.arn) });
  within("DescribePipelineExecution.CreationTime", full.describe.CreationTime);
  within("DescribePipelineExecution.LastModifiedTime", full.describe.LastModifiedTime);
  assert.ok(full.describe.LastModifiedTime.datetime >= full.describe.CreationTime.datetime);

  const fullSteps = byName(full.steps);
  assert.deepEqual(Object.keys(fullSteps).sort(), ["Prepare", "Report", "Transform"]);
  assert.deepEqual(
    full.steps.map((s) => s.StepName),
    ["Prepare", "Transform", "Report"],
    "SortOrder=Ascending lists the steps in the order they started",
  );
  assert.equal(full.stepsNextToken, null, "one page holds the three steps");
  for (const step of full.steps) {
    assert.equal(step.StepStatus, "Succeeded", JSON.stringify(step));
    assert.match(
      step.Metadata?.ProcessingJob?.Arn ?? "",
      /^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:processing-job\/.+/,
      `${step.StepName} reports its processing job`,
    );
    assert.equal(step.AttemptCount, 1);
    assert.equal(step.SelectiveExecutionResult, undefined);
    within(`${step.StepName}.StartTime`, step.StartTime);
    within(`${step.StepName}.EndTime`, step.EndTime);
    assert.ok(step.EndTime!.datetime >= step.StartTime!.datetime);
  }
  assert.ok(fullSteps.Transform.StartTime!.datetime >= fullSteps.Prepare.EndTime!.datetime, "Transform waited for Prepare's output");
  assert.ok(fullSteps.Report.StartTime!.datetime >= fullSteps.Transform.EndTime!.datetime, "Report waited for Transform's output");
  assert.equal(new Set(full.steps.map((s) => s.Metadata!.ProcessingJob!.Arn)).size, 3, "one processing job per step");

  assert.deepEqual(
    [...full.parameters].sort((a, b) => a.Name.localeCompare(b.Name)),
    [
      { Name: "Greeting", Value: "hello from boto3" },
      { Name: "Suffix", Value: "!" },
    ],
  );
  assert.equal(full.definition.PipelineDefinition, definitionText);
  within("DescribePipelineDefinitionForExecution.CreationTime", full.definition.CreationTime);

  // What the host processes really did, read from the engine's object store.
  const fullId = executionId(full.arn);
  const message = JSON.parse(readStore(store, fullId, "Prepare", "out", "message.json")) as { greeting: string; token: string };
  assert.equal(message.greeting, "hello from boto3", "the parameter override reached the step's environment");
  assert.match(message.token, /^[0-9a-f]{32}$/);
  assert.deepEqual(JSON.parse(readStore(store, fullId, "Transform", "result", "result.json")), { shout: "HELLO FROM BOTO3!", token: message.token });
  assert.equal(readStore(store, fullId, "Report", "report", "report.txt"), `HELLO FROM BOTO3! ${message.token}`);

  // ListPipelines: the prefix filter and both sort keys.
  assert.deepEqual(summary.listPipelines.nameAscending, ["boto3-interop", "boto3-interop-aux"]);
  assert.deepEqual(summary.listPipelines.nameDescending, ["boto3-interop-aux", "boto3-interop"]);
  assert.deepEqual(summary.listPipelines.creationDescending, ["boto3-interop-aux", "boto3-interop"]);
  for (const p of summary.listPipelinesRaw) within(`ListPipelines ${p.PipelineName}.CreationTime`, p.CreationTime);

  // Errors, as botocore raises them.
  const notFound = summary.errors.describeUnknownPipeline;
  assert.equal(notFound.clientError, true, JSON.stringify(notFound));
  assert.equal(notFound.code, "ResourceNotFound");
  assert.equal(notFound.raised, "ResourceNotFound", "botocore maps the code to the modeled exception class");
  assert.equal(notFound.modeledResourceNotFound, true);
  assert.equal(notFound.httpStatus, 400);
  assert.equal(notFound.operation, "DescribePipeline");
  assert.match(notFound.message ?? "", /boto3-interop-does-not-exist/);
  for (const [name, pattern] of [
    ["selectionWithGap", /Transform\] lie between the selected steps/],
    ["selectionUnknownReference", /doesnotexist0/],
    ["selectionWithoutReference", /SourcePipelineExecutionArn/],
    ["createWithUnknownStepReference", /Nope/],
  ] as const) {
    const error = summary.errors[name];
    assert.equal(error.clientError, true, `${name}: ${JSON.stringify(error)}`);
    assert.equal(error.code, "ValidationException", name);
    assert.equal(error.httpStatus, 400, name);
    assert.match(error.message ?? "", pattern, `${name}: ${error.message}`);
  }
  // Unsigned, or signed with another secret: refused with the names AWS uses, which botocore reports.
  for (const [name, code] of [
    ["unsigned", "UnrecognizedClientException"],
    ["wrongSecret", "InvalidSignatureException"],
  ] as const) {
    const error = summary.authentication[name];
    assert.equal(error.clientError, true, `${name}: ${JSON.stringify(error)}`);
    assert.equal(error.code, code, name);
    assert.equal(error.httpStatus, 403, name);
  }
  assert.deepEqual(summary.pipelinesAfterErrors.sort(), ["boto3-interop", "boto3-interop-aux"], "the refused CreatePipeline created nothing");

  // Selective execution of Transform + Report, reusing Prepare from the full run, with Suffix overridden.
  const selective = summary.selective;
  assert.equal(selective.describe.PipelineExecutionStatus, "Succeeded", JSON.stringify(selective.describe));
  assert.deepEqual(selective.describe.SelectiveExecutionConfig, summary.selectiveRequest, "DescribePipelineExecution echoes the SelectiveExecutionConfig");
  assert.equal(selective.describe.PipelineExecutionDisplayName, "boto3-selective");
  const selectiveSteps = byName(selective.steps);
  assert.deepEqual(Object.keys(selectiveSteps).sort(), ["Prepare", "Report", "Transform"]);
  assert.equal(selectiveSteps.Prepare.StepStatus, "Succeeded");
  assert.deepEqual(selectiveSteps.Prepare.SelectiveExecutionResult, { SourcePipelineExecutionArn: full.arn }, "the reused step names its source execution");
  assert.equal(selectiveSteps.Prepare.Metadata?.ProcessingJob?.Arn, fullSteps.Prepare.Metadata?.ProcessingJob?.Arn, "the reused step is the full run's job");
  for (const name of ["Transform", "Report"]) {
    assert.equal(selectiveSteps[name].StepStatus, "Succeeded", name);
    assert.equal(selectiveSteps[name].SelectiveExecutionResult, undefined, `${name} ran again`);
    assert.notEqual(selectiveSteps[name].Metadata?.ProcessingJob?.Arn, fullSteps[name].Metadata?.ProcessingJob?.Arn, `${name} is a new job`);
    within(`selective ${name}.StartTime`, selectiveSteps[name].StartTime);
  }
  assert.deepEqual(
    [...selective.parameters].sort((a, b) => a.Name.localeCompare(b.Name)),
    [
      { Name: "Greeting", Value: "hello" },
      { Name: "Suffix", Value: "?!" },
    ],
  );
  const selectiveId = executionId(selective.arn);
  assert.equal(existsSync(join(store, "s3", BUCKET, selectiveId, "Prepare")), false, "Prepare did not run again");
  assert.deepEqual(
    JSON.parse(readStore(store, selectiveId, "Transform", "result", "result.json")),
    { shout: "HELLO FROM BOTO3?!", token: message.token },
    "Transform read the full run's Prepare output (its greeting and token), with this run's Suffix",
  );
  assert.equal(readStore(store, selectiveId, "Report", "report", "report.txt"), `HELLO FROM BOTO3?! ${message.token}`);

  // ListPipelineExecutions: sort orders, CreatedAfter, and the paginator following NextToken. The refused starts made nothing.
  assert.deepEqual(summary.listExecutions.ascending, [full.arn, selective.arn]);
  assert.deepEqual(summary.listExecutions.descending, [selective.arn, full.arn]);
  assert.deepEqual(summary.listExecutions.createdAfterFull, [selective.arn]);
  assert.deepEqual(summary.listExecutions.pages, [[full.arn], [selective.arn]]);
  const [latest] = summary.listExecutions.raw;
  assert.equal(latest.PipelineExecutionArn, selective.arn, "the default order is newest first");
  assert.equal(latest.PipelineExecutionStatus, "Succeeded");
  assert.equal(latest.PipelineExecutionDisplayName, "boto3-selective");
  within("ListPipelineExecutions StartTime", latest.StartTime);

  // The engine stops cleanly and leaves no process behind.
  const code = await stop(server.process);
  assert.equal(code, 0, server.output());
  assert.deepEqual(processesIn(store), [], "no process outlives the engine");
});
