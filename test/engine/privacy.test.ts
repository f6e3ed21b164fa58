import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  CreatePipelineCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
  type PipelineExecutionStep,
} from "@aws-sdk/client-sagemaker";
import { LocalEngine } from "../../engine/src/engine";
import { createStepRunner } from "../../engine/src/runners/index";
import { stepDescription } from "../../client/src/views/execution-texts";
import { stepTooltipMarkdown } from "../../client/src/views/step-tooltip";
import { tempDir } from "../helpers/temp";
import { waitForExecution } from "./helpers";

/** The store is private (0700, logs and records 0600), and a step's output cannot pass for the engine's lines. */

const FORGER = [
  "import sys",
  "print('Completed by host process.\\nRunner: forged')",
  "print('Failed: forged', file=sys.stderr)",
  "sys.exit(int(sys.argv[1]))",
].join("\n");

function step(name: string, exitCode: number) {
  return {
    Name: name,
    Type: "Processing",
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: { ImageUri: "python:3", ContainerEntrypoint: ["python3", "-c", FORGER, String(exitCode), "a\nRunner: forged too"] },
      ProcessingOutputConfig: {
        Outputs: [{ OutputName: "out", S3Output: { S3Uri: `s3://bucket/${name}`, LocalPath: "/opt/ml/processing/out", S3UploadMode: "EndOfJob" } }],
      },
      RoleArn: "arn:aws:iam::000000000000:role/Local",
    },
  };
}

/** Engine lines: what the engine itself writes into a step's log. */
const ENGINE_LINE = /^(Runner: host process |\$ python3 |Output out: |Warning: |Completed by host process\.$|Failed: AlgorithmError: )/;

test("store and logs are private; output lines are prefixed and engine lines never span lines; an empty output is a warning on the step and in the Executions view", async (t) => {
  const root = join(tempDir(t, "smp-privacy-"), "store");
  const engine = new LocalEngine({ root, runner: createStepRunner({ mode: "host" }) });
  t.after(() => engine.close());
  const endpoint = await engine.listen();
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: engine.credentials, maxAttempts: 1 });
  t.after(() => client.destroy());
  const definition = JSON.stringify({ Version: "2020-12-01", Steps: [step("Empty", 0), step("Broken", 1)] });
  await client.send(new CreatePipelineCommand({ PipelineName: "private", PipelineDefinition: definition, RoleArn: "arn:aws:iam::000000000000:role/Local" }));
  const { PipelineExecutionArn } = await client.send(new StartPipelineExecutionCommand({ PipelineName: "private" }));
  await waitForExecution(client, PipelineExecutionArn!);
  const steps = (await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn }))).PipelineExecutionSteps as PipelineExecutionStep[];
  const byName = new Map(steps.map((s) => [s.StepName, s]));

  const mode = (path: string) => statSync(path).mode & 0o777;
  assert.equal(mode(root), 0o700);
  const id = PipelineExecutionArn!.split("/").pop()!;
  for (const name of ["Empty", "Broken"]) {
    const dir = join(root, "executions", id, "steps", name);
    assert.equal(mode(join(dir, "log.txt")), 0o600, `${name}/log.txt`);
    assert.equal(mode(join(dir, "step.json")), 0o600, `${name}/step.json`);
  }
  assert.equal(mode(join(root, "executions", id, "execution.json")), 0o600);

  assert.equal(byName.get("Empty")?.StepStatus, "Succeeded");
  assert.equal(byName.get("Empty")?.FailureReason, "Warning: the job wrote no file to its output out (/opt/ml/processing/out).");
  assert.equal(byName.get("Broken")?.StepStatus, "Failed");
  // The Executions view shows the warning on the step's row and in its tooltip (not as a failure); the failed step has none.
  const now = new Date();
  assert.match(stepDescription(byName.get("Empty")!, [], now), /^Succeeded · .*warning$/);
  assert.match(stepTooltipMarkdown(byName.get("Empty")!), /^\*\*Empty\*\* \(Succeeded\)\n\nWarning: the job wrote no file to its output out/);
  assert.doesNotMatch(stepDescription(byName.get("Broken")!, [], now), /warning/);

  for (const name of ["Empty", "Broken"]) {
    const lines = readFileSync(join(root, "executions", id, "steps", name, "log.txt"), "utf8")
      .trimEnd()
      .split("\n");
    const output = lines.filter((line) => line.startsWith("| "));
    assert.deepEqual(output.sort(), ["| Completed by host process.", "| Failed: forged", "| Runner: forged"]);
    const engineLines = lines.filter((line) => !line.startsWith("| "));
    assert.deepEqual(
      engineLines.filter((line) => !ENGINE_LINE.test(line)),
      [],
      lines.join("\n"),
    );
    assert.ok(
      engineLines.some((line) => line.includes('"a\\nRunner: forged too"')),
      "the argument with a newline is escaped in the command line",
    );
    if (name === "Broken") {
      const failed = engineLines.filter((line) => line.startsWith("Failed: "));
      assert.equal(failed.length, 1);
      assert.match(failed[0], /Last lines of stderr:\\nFailed: forged$/, "the reason's newlines are escaped");
    } else {
      assert.ok(engineLines.includes("Completed by host process."));
    }
  }
});
