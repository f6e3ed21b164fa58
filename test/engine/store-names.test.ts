/**
 * Names the API allows are ordinary names for the local engine: 256-character pipeline names (longer than a
 * file name may be), names differing only in case (one pipeline, as the service's lower-case ARNs say), and
 * `__proto__`, `constructor`… as parameter, step and tag names. All over HTTP with the SDK.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  CreatePipelineCommand,
  DescribePipelineCommand,
  ListPipelineExecutionsCommand,
  ListPipelineParametersForExecutionCommand,
  ListPipelinesCommand,
  StartPipelineExecutionCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { tempDir } from "../helpers/temp";
import { startEngine, stepsOf, waitForExecution, type TestEngine } from "./helpers";
import { twoStepDefinition } from "./store-fixtures";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

async function engine(root?: string): Promise<TestEngine> {
  const t = await startEngine(root);
  engines.push(t);
  return t;
}

async function create(client: SageMakerClient, name: string, definition = twoStepDefinition(), tags?: Array<{ Key: string; Value: string }>) {
  return client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: definition,
      RoleArn: "arn:aws:iam::123456789012:role/Role",
      ClientRequestToken: `create-${name.slice(0, 20)}-0000000000000`,
      Tags: tags,
    }),
  );
}

async function run(t: TestEngine, name: string, parameters?: Array<{ Name: string; Value: string }>) {
  const { PipelineExecutionArn } = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: name, PipelineParameters: parameters }));
  return waitForExecution(t.client, PipelineExecutionArn!).then((e) => ({ ...e, PipelineExecutionArn: PipelineExecutionArn! }));
}

test("store: pipeline names of 250 and 256 characters create, describe, list, start and survive a restart", async (c) => {
  const root = tempDir(c, "smp-names-");
  const names = [`a${"b".repeat(248)}c`, `L${"-x".repeat(127)}9`];
  assert.deepEqual(
    names.map((n) => n.length),
    [250, 256],
  );
  let t = await engine(root);
  for (const name of names) {
    await create(t.client, name);
    const execution = await run(t, name);
    assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  }
  // Every file name in the store fits the file system's limit (255 bytes).
  for (const file of readdirSync(join(root, "pipelines"))) assert.ok(file.length <= 255, file);
  await t.engine.close();

  t = await engine(root);
  const listed = await t.client.send(new ListPipelinesCommand({ SortBy: "Name", SortOrder: "Ascending" }));
  assert.deepEqual(
    listed.PipelineSummaries?.map((p) => p.PipelineName),
    [...names].sort((a, b) => a.localeCompare(b)),
  );
  for (const name of names) {
    const described = await t.client.send(new DescribePipelineCommand({ PipelineName: name }));
    assert.equal(described.PipelineName, name);
    const executions = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: name }));
    assert.equal(executions.PipelineExecutionSummaries?.length, 1);
    assert.equal((await run(t, name)).PipelineExecutionStatus, "Succeeded");
  }
});

test("store: names differing only in case are one pipeline (one ARN), found by any casing", async () => {
  const t = await engine();
  const { PipelineArn } = await create(t.client, "CaseTest");
  assert.match(PipelineArn!, /:pipeline\/casetest$/);
  await assert.rejects(
    t.client.send(
      new CreatePipelineCommand({
        PipelineName: "casetest",
        PipelineDefinition: twoStepDefinition(),
        RoleArn: "arn:aws:iam::123456789012:role/Role",
        ClientRequestToken: "another-token-000000000000000",
      }),
    ),
    (e: Error) => e.name === "ValidationException" && /already exists/.test(e.message),
  );
  const listed = await t.client.send(new ListPipelinesCommand({}));
  assert.deepEqual(
    listed.PipelineSummaries?.map((p) => p.PipelineName),
    ["CaseTest"],
  );
  assert.equal((await t.client.send(new DescribePipelineCommand({ PipelineName: "CASETEST" }))).PipelineName, "CaseTest");
  const execution = await run(t, "casetest");
  assert.equal(execution.PipelineArn, PipelineArn);
  for (const name of ["CaseTest", "casetest", PipelineArn!]) {
    const executions = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: name }));
    assert.deepEqual(
      executions.PipelineExecutionSummaries?.map((e) => e.PipelineExecutionArn),
      [execution.PipelineExecutionArn],
    );
  }
});

test("store: __proto__, constructor, toString and hasOwnProperty are ordinary parameter, step, tag and pipeline names", async () => {
  const t = await engine();
  const parameters = ["__proto__", "constructor", "toString", "hasOwnProperty"].map((Name) => ({ Name, DefaultValue: `default-${Name}` }));
  for (const pipeline of ["constructor", "toString", "hasOwnProperty"]) {
    await create(t.client, pipeline, twoStepDefinition({ first: "__proto__", second: "constructor", parameters }), [
      { Key: "__proto__", Value: "x" },
      { Key: "constructor", Value: "y" },
    ]);
  }
  const overrides = [
    { Name: "__proto__", Value: "given-proto" },
    { Name: "constructor", Value: "given-constructor" },
  ];
  const execution = await run(t, "constructor", overrides);
  assert.equal(execution.PipelineExecutionStatus, "Succeeded", execution.FailureReason);
  const listed = await t.client.send(new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: execution.PipelineExecutionArn }));
  assert.deepEqual(
    Object.fromEntries((listed.PipelineParameters ?? []).map((p) => [p.Name, p.Value])),
    JSON.parse(
      '{"__proto__":"given-proto","constructor":"given-constructor","toString":"default-toString","hasOwnProperty":"default-hasOwnProperty"}',
    ) as Record<string, string>,
  );
  // The step received the values the expressions resolved to.
  const job = t.runner.calls.find((c) => c.stepName === "__proto__" && execution.PipelineExecutionArn.endsWith(c.executionId))!;
  assert.deepEqual(
    job.arguments.Environment,
    JSON.parse('{"P0":"given-proto","P1":"given-constructor","P2":"default-toString","P3":"default-hasOwnProperty"}'),
  );
  const steps = await stepsOf(t.client, execution.PipelineExecutionArn);
  assert.deepEqual(Object.keys(steps).sort(), ["__proto__", "constructor"]);
  assert.equal(new Map(Object.entries(steps)).get("constructor")?.StepStatus, "Succeeded");
  // The other pipelines named after Object.prototype members are there too, with their own executions (none).
  const listedPipelines = await t.client.send(new ListPipelinesCommand({ SortBy: "Name", SortOrder: "Ascending" }));
  assert.deepEqual(
    listedPipelines.PipelineSummaries?.map((p) => p.PipelineName),
    ["constructor", "hasOwnProperty", "toString"],
  );
  assert.equal((await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "toString" }))).PipelineExecutionSummaries?.length, 0);
});
