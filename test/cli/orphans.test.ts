import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CreatePipelineCommand, ListPipelineExecutionStepsCommand, SageMakerClient, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { loadOrCreateCredentials } from "../../engine/src";
import { sandboxBinary } from "../../engine/src/runners/sandbox";
import { startLocalServe, until } from "../helpers/local-serve";
import { tempDir } from "../helpers/temp";

/**
 * A step's processes run in their own process group, which a SIGKILL of the engine does not reach. The engine records
 * each running group in `<store>/processes/`; the next engine on the store ends them before it marks their steps Failed.
 */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** The live (not zombie) members of a process group. */
function groupMembers(pgid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return fields[0] !== "Z" && Number(fields[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

// Sleeps, then writes its output (relative to its working folder, /opt/ml, in the sandbox or not): unless it is killed first.
const SCRIPT = "import time\nprint('started', flush=True)\ntime.sleep(30)\nopen('processing/out/late.txt','w').write('too late')";

const WITHOUT_SANDBOX = { ...process.env, SAGEMAKER_PIPELINES_NO_SANDBOX: "1" };

/** Starts a pipeline whose one step sleeps; resolves when its process runs, with the group its engine recorded. */
async function startSleeper(endpoint: string, store: string) {
  const sagemaker = new SageMakerClient({ endpoint, region: "us-east-1", credentials: loadOrCreateCredentials(store), maxAttempts: 1 });
  const definition = {
    Version: "2020-12-01",
    Steps: [
      {
        Name: "Sleeper",
        Type: "Processing",
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 1 } },
          AppSpecification: { ImageUri: "python:3", ContainerEntrypoint: ["python3", "-c", SCRIPT] },
          ProcessingOutputConfig: {
            Outputs: [{ OutputName: "out", S3Output: { S3Uri: "s3://bucket/out", LocalPath: "/opt/ml/processing/out", S3UploadMode: "EndOfJob" } }],
          },
          RoleArn: "arn:aws:iam::000000000000:role/Local",
        },
      },
    ],
  };
  const role = "arn:aws:iam::000000000000:role/Local";
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: "orphans", PipelineDefinition: JSON.stringify(definition), RoleArn: role }));
  const { PipelineExecutionArn } = await sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "orphans" }));
  sagemaker.destroy();
  const stepDir = join(store, "executions", PipelineExecutionArn!.split("/").pop()!, "steps", "Sleeper");
  await until(
    "the step's process to run",
    () => (existsSync(join(stepDir, "log.txt")) ? readFileSync(join(stepDir, "log.txt"), "utf8") : ""),
    (log) => /^\| started$/m.test(log),
  );
  const records = readdirSync(join(store, "processes"));
  assert.equal(records.length, 1, "the running group is recorded");
  const { pid } = JSON.parse(readFileSync(join(store, "processes", records[0]), "utf8")) as { pid: number };
  return { arn: PipelineExecutionArn!, stepDir, pid };
}

async function failedStep(t: TestContext, endpoint: string, arn: string, store: string) {
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: loadOrCreateCredentials(store), maxAttempts: 1 });
  t.after(() => client.destroy());
  const steps = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }));
  assert.equal(steps.PipelineExecutionSteps?.[0]?.StepStatus, "Failed");
  assert.match(steps.PipelineExecutionSteps?.[0]?.FailureReason ?? "", /local engine stopped/);
}

const linuxOnly = { skip: process.platform !== "linux" && "reads /proc", timeout: 60_000 };

test("crash recovery: after a SIGKILL of the engine, the next engine ends the step's process group, then marks the step Failed", linuxOnly, async (t) => {
  const store = tempDir(t, "smp-orphans-");
  const first = await startLocalServe(t, store, WITHOUT_SANDBOX);
  const { arn, stepDir, pid } = await startSleeper(first.endpoint, store);
  // Should the recovery fail, the orphan must not outlive the test either.
  t.after(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone, as it should be
    }
  });

  first.process.kill("SIGKILL");
  await new Promise((r) => first.process.once("exit", r));
  assert.ok(groupMembers(pid).length > 0, "the step's processes outlive the engine");

  // The new engine ends the orphans while it starts (before it listens): no waiting here.
  const second = await startLocalServe(t, store, WITHOUT_SANDBOX);
  assert.deepEqual(groupMembers(pid), [], "the step's process group is gone");
  assert.deepEqual(readdirSync(join(store, "processes")), [], "its record is removed");
  assert.equal(existsSync(join(stepDir, "attempt-1", "opt", "ml", "processing", "out", "late.txt")), false);
  await failedStep(t, second.endpoint, arn, store);
});

/** The sandbox test needs bubblewrap (`.ci/run` installs it); without it the first test covers recovery. */
const withSandbox = { ...linuxOnly, skip: linuxOnly.skip || (sandboxBinary(process.env) === undefined && "bubblewrap cannot create a sandbox here") };

test("crash recovery: in the sandbox, the step's processes end with the engine (bwrap --die-with-parent)", withSandbox, async (t) => {
  const store = tempDir(t, "smp-orphans-");
  const first = await startLocalServe(t, store, process.env);
  const { arn, pid } = await startSleeper(first.endpoint, store);
  first.process.kill("SIGKILL");
  await new Promise((r) => first.process.once("exit", r));
  // bwrap ends the sandbox when its parent, the engine, dies: the kernel does it, no event reaches this process.
  await until(
    "the sandbox to end",
    () => groupMembers(pid),
    (members) => members.length === 0,
    10_000,
  );
  const second = await startLocalServe(t, store, process.env);
  assert.deepEqual(readdirSync(join(store, "processes")), [], "the stale record is removed");
  await failedStep(t, second.endpoint, arn, store);
});
