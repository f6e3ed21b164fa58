/**
 * Damage is reported, not hidden: a record the engine cannot read (truncated JSON, a wrong shape) is moved
 * aside to `<file>.corrupt-<time>`, logged with both paths, and skipped; every List still answers; a new
 * CreatePipeline of that name writes a fresh record and leaves the damaged bytes where they were moved.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreatePipelineCommand,
  DescribePipelineCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelinesCommand,
  StartPipelineExecutionCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { tempDir } from "../helpers/temp";
import { startEngine, waitForExecution, type TestEngine } from "./helpers";
import { twoStepDefinition } from "./store-fixtures";

const engines: TestEngine[] = [];
after(async () => Promise.all(engines.map((e) => e.engine.close())));

async function engine(root: string, log: string[]): Promise<TestEngine> {
  const t = await startEngine(root, undefined, { log: (message) => log.push(message) });
  engines.push(t);
  return t;
}

async function create(client: SageMakerClient, name: string) {
  await client.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: twoStepDefinition(),
      RoleArn: "arn:aws:iam::123456789012:role/Role",
      ClientRequestToken: `create-${name}-${Math.random().toString(36).slice(2)}`,
    }),
  );
}

async function run(t: TestEngine, name: string): Promise<string> {
  const { PipelineExecutionArn } = await t.client.send(new StartPipelineExecutionCommand({ PipelineName: name }));
  await waitForExecution(t.client, PipelineExecutionArn!);
  return PipelineExecutionArn!;
}

const truncate = (path: string) => writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
const corruptFiles = (dir: string) => readdirSync(dir).filter((f) => f.includes(".corrupt-"));

test("store: truncated and wrong-shape records are moved aside and logged; Lists still answer; a new Create keeps the old bytes", async (c) => {
  const root = tempDir(c, "smp-damage-");
  const first: string[] = [];
  let t = await engine(root, first);
  for (const name of ["good", "truncated", "shape"]) await create(t.client, name);
  const intact = await run(t, "good");
  const lost = await run(t, "good");
  const partial = await run(t, "good");
  await t.engine.close();
  assert.deepEqual(first, [], "an intact store logs nothing");

  // Damage, while the engine is stopped.
  const pipelines = join(root, "pipelines");
  truncate(join(pipelines, "truncated.json"));
  const truncatedBytes = readFileSync(join(pipelines, "truncated.json"), "utf8");
  const shape = join(pipelines, "shape.json");
  writeFileSync(shape, JSON.stringify({ ...JSON.parse(readFileSync(shape, "utf8")), CreationTime: "yesterday" }));
  const executionFile = join(root, "executions", lost.split("/").pop()!, "execution.json");
  truncate(executionFile);
  const stepFile = join(root, "executions", partial.split("/").pop()!, "steps", "Second", "step.json");
  truncate(stepFile);

  const second: string[] = [];
  t = await engine(root, second);
  const listed = await t.client.send(new ListPipelinesCommand({}));
  assert.deepEqual(
    listed.PipelineSummaries?.map((p) => p.PipelineName),
    ["good"],
  );
  const executions = await t.client.send(new ListPipelineExecutionsCommand({ PipelineName: "good", SortOrder: "Ascending" }));
  assert.deepEqual(executions.PipelineExecutionSummaries?.map((e) => e.PipelineExecutionArn).sort(), [intact, partial].sort());
  const steps = await t.client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: partial }));
  assert.deepEqual(
    steps.PipelineExecutionSteps?.map((s) => s.StepName),
    ["First"],
  );
  const intactSteps = await t.client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: intact }));
  assert.equal(intactSteps.PipelineExecutionSteps?.length, 2);

  // Each damaged file is moved aside (its bytes kept) and logged with its path and where it went.
  assert.equal(second.length, 4, second.join("\n"));
  for (const file of [join(pipelines, "truncated.json"), join(pipelines, "shape.json"), executionFile, stepFile]) {
    assert.equal(existsSync(file), false, file);
    const dir = join(file, "..");
    const [moved] = corruptFiles(dir).filter((f) => f.startsWith(file.split("/").pop()!));
    assert.ok(moved, `${file} moved aside`);
    const line = second.find((l) => l.includes(file));
    assert.ok(line?.includes(join(dir, moved)), `logged: ${line}`);
  }
  assert.match(
    second.find((l) => l.includes("shape.json"))!,
    /CreationTime is not a number/,
  );
  assert.match(
    second.find((l) => l.includes("truncated.json"))!,
    /not valid JSON/,
  );

  // A new pipeline of the damaged one's name is a fresh record; the damaged bytes stay where they were moved.
  await create(t.client, "truncated");
  assert.equal((await t.client.send(new DescribePipelineCommand({ PipelineName: "truncated" }))).PipelineName, "truncated");
  const [moved] = corruptFiles(pipelines).filter((f) => f.startsWith("truncated.json"));
  assert.equal(readFileSync(join(pipelines, moved), "utf8"), truncatedBytes);
  await t.engine.close();

  // The next start finds nothing to report, and everything that was kept.
  const third: string[] = [];
  t = await engine(root, third);
  assert.deepEqual(third, []);
  const again = await t.client.send(new ListPipelinesCommand({ SortBy: "Name", SortOrder: "Ascending" }));
  assert.deepEqual(
    again.PipelineSummaries?.map((p) => p.PipelineName),
    ["good", "truncated"],
  );
  assert.equal(corruptFiles(pipelines).length, 2);
});

test("store: a pipeline file the engine did not load is moved aside, not overwritten, by a Create of its name", async (c) => {
  const root = tempDir(c, "smp-damage-");
  const log: string[] = [];
  const t = await engine(root, log);
  const path = join(t.root, "pipelines", "late.json");
  writeFileSync(path, "written behind the engine's back");
  await create(t.client, "late");
  const [moved] = corruptFiles(join(t.root, "pipelines"));
  assert.equal(readFileSync(join(t.root, "pipelines", moved), "utf8"), "written behind the engine's back");
  assert.equal(JSON.parse(readFileSync(path, "utf8")).PipelineName, "late");
  assert.equal(log.length, 1);
  assert.ok(log[0].includes(path) && log[0].includes(moved), log[0]);
});
