import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  CreatePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
  UpdatePipelineCommand,
} from "@aws-sdk/client-sagemaker";
import { readCredentials, CREDENTIALS_FILE } from "../../engine/src";
import { signedFetch, type KeyPair } from "../helpers/sign";
import { startLocalServe, until } from "../helpers/local-serve";
import { tempDir } from "../helpers/temp";

/** `sagemaker-pipelines local serve` as a separate process: killed with SIGKILL mid-execution, then started again. */

const cli = join(import.meta.dirname, "../../dist/cli.js");
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const client = (endpoint: string, credentials: KeyPair) => new SageMakerClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });

/**
 * A process step: `sleep` seconds of work, then a file in its output. Its process ends early when its
 * engine dies (it is in its own process group, so a SIGKILL of the engine does not reach it).
 */
// (An entrypoint argument holds at most 256 characters.) When the engine is gone, the process's parent changes.
const STEP_SCRIPT = [
  "import os,sys,time",
  "p=os.getppid();e=time.time()+int(sys.argv[1])",
  "print('pid',os.getpid(),flush=True)",
  "while time.time()<e and os.getppid()==p:time.sleep(.05)",
  "if os.getppid()!=p:os._exit(1)",
  "open('/opt/ml/processing/out/done.txt','w').write(sys.argv[2])",
].join("\n");
function processingStep(name: string, marker: string, sleep: number, dependsOn?: string[]) {
  return {
    Name: name,
    Type: "Processing",
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: {
        ImageUri: "python:3",
        ContainerEntrypoint: ["python3", "-c", STEP_SCRIPT, String(sleep), marker],
      },
      ProcessingOutputConfig: {
        Outputs: [{ OutputName: "out", S3Output: { S3Uri: `s3://bucket/${name}`, LocalPath: "/opt/ml/processing/out", S3UploadMode: "EndOfJob" } }],
      },
      RoleArn: "arn:aws:iam::000000000000:role/Local",
    },
  };
}

const definition = (marker: string, sleep: number) =>
  JSON.stringify({ Version: "2020-12-01", Steps: [processingStep("Quick", marker, 0), processingStep("Slow", marker, sleep, ["Quick"])] });

test("local serve: after a SIGKILL mid-execution, a restart keeps every record and marks the interrupted execution Failed", { timeout: 120_000 }, async (t) => {
  const store = tempDir(t, "smp-serve-");
  const marker = `smp-crash-test-${process.pid}-${Date.now()}`;

  const first = await startLocalServe(t, store);
  assert.match(first.output(), /eval "\$\(sagemaker-pipelines local credentials --store '.+'\)"/, "serve says how clients get the key");
  // The key pair the first process made; the restarted one must accept it (the store keeps it).
  const key = readCredentials(join(store, CREDENTIALS_FILE))!;
  const sagemaker = client(first.endpoint, key);
  await sagemaker.send(
    new CreatePipelineCommand({ PipelineName: "crash", PipelineDefinition: definition(marker, 0), RoleArn: "arn:aws:iam::000000000000:role/Local" }),
  );
  const finished = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "crash" }));
  await until(
    "the first execution",
    () => sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: finished.PipelineExecutionArn })),
    (d) => d.PipelineExecutionStatus === "Succeeded",
  );
  const finishedSteps = await sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: finished.PipelineExecutionArn }));

  await sagemaker.send(new UpdatePipelineCommand({ PipelineName: "crash", PipelineDefinition: definition(marker, 60) }));
  const interrupted = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "crash" }));
  await until(
    "the slow step to be running",
    () => sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: interrupted.PipelineExecutionArn })),
    (list) => list.PipelineExecutionSteps?.some((s) => s.StepName === "Slow" && s.StepStatus === "Executing") ?? false,
  );
  // Its process, not only its record: the kill must come after the script knows its engine (see STEP_SCRIPT).
  const slowLog = `${first.endpoint}/logs/${interrupted.PipelineExecutionArn!.split("/").pop()}/Slow`;
  await until(
    "the slow step's process to be running",
    () => signedFetch(slowLog, key).then((r) => r.text()),
    (log) => /^\| pid \d+$/m.test(log),
  );
  sagemaker.destroy();
  first.process.kill("SIGKILL");
  await new Promise((r) => first.process.once("exit", r));

  const second = await startLocalServe(t, store);
  const after = client(second.endpoint, key);
  t.after(() => after.destroy());
  const described = await after.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: interrupted.PipelineExecutionArn }));
  assert.equal(described.PipelineExecutionStatus, "Failed");
  assert.match(described.FailureReason ?? "", /local engine stopped while this execution was running/);
  const steps = await after.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: interrupted.PipelineExecutionArn }));
  const byName = new Map(steps.PipelineExecutionSteps?.map((s) => [s.StepName, s]));
  assert.equal(byName.get("Quick")?.StepStatus, "Succeeded", "the step that finished before the kill is kept");
  assert.equal(byName.get("Slow")?.StepStatus, "Failed");
  assert.match(byName.get("Slow")?.FailureReason ?? "", /local engine stopped/);

  const before = await after.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: finished.PipelineExecutionArn }));
  assert.deepEqual(before.PipelineExecutionSteps, finishedSteps.PipelineExecutionSteps, "the finished execution is unchanged");
  const listed = await after.send(new ListPipelineExecutionsCommand({ PipelineName: "crash" }));
  assert.deepEqual(
    listed.PipelineExecutionSummaries?.map((s) => [s.PipelineExecutionArn, s.PipelineExecutionStatus]),
    [
      [interrupted.PipelineExecutionArn, "Failed"],
      [finished.PipelineExecutionArn, "Succeeded"],
    ],
  );

  const again = await after.send(new StartPipelineExecutionCommand({ PipelineName: "crash" }));
  assert.ok(again.PipelineExecutionArn, "the restarted engine takes new executions");
  second.process.kill("SIGTERM");
  const code = await new Promise((r) => second.process.once("exit", (c) => r(c)));
  assert.equal(code, 0, second.output());
  assert.match(second.output(), /Stopping the local engine/);
});

test("local serve: refuses to listen beyond the loopback interface", (t) => {
  const result = spawnSync(process.execPath, [cli, "local", "serve", "--host", "0.0.0.0", "--port", "0", "--store", tempDir(t, "smp-serve-")], {
    encoding: "utf8",
    timeout: 20_000,
  });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /only listens on the loopback interface/);
});
