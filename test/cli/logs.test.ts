import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { CreatePipelineCommand, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { showLogs } from "../../cli/src/commands/logs";
import { abaloneLikeDefinition, failWith, startEngine, waitForExecution, type TestEngine } from "../engine/helpers";

let t: TestEngine;
before(async () => (t = await startEngine()));
after(async () => t.engine.close());

test("cli logs: a failed local step's status, FailureReason and log, from a running engine", async () => {
  t.runner.behaviour.set("Process", (job) => {
    job.log("epoch 1: loss=nan");
    return failWith("the model diverged")();
  });
  await t.client.send(
    new CreatePipelineCommand({
      PipelineName: "cli-logs",
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/R",
      ClientRequestToken: "cli-logs".padEnd(32, "0"),
    }),
  );
  const { PipelineExecutionArn: arn } = await t.client.send(
    new StartPipelineExecutionCommand({ PipelineName: "cli-logs", ClientRequestToken: "cli-logs-run".padEnd(32, "0") }),
  );
  await waitForExecution(t.client, arn!);
  const lines: string[] = [];
  const code = await showLogs(arn!, "Process", { endpoint: t.endpoint, store: t.root }, (line) => lines.push(line));
  assert.equal(code, 0, lines.join("\n"));
  assert.equal(lines[0], "Step: Process · Failed");
  assert.match(lines[1], /^Failure: .*the model diverged/);
  assert.ok(lines.includes("epoch 1: loss=nan"), lines.join("\n"));
  assert.ok(
    lines.some((l) => /Failed: .*the model diverged/.test(l)),
    "the engine's own last line",
  );

  const missing: string[] = [];
  assert.equal(await showLogs(arn!, "Nope", { endpoint: t.endpoint, store: t.root }, (line) => missing.push(line)), 1);
  assert.match(missing.join("\n"), /has no step Nope \(its steps: Process/);
});
