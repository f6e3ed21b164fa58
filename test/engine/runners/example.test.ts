import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ObjectStore } from "../../../engine/src/object-store";
import { createStepRunner } from "../../../engine/src/runners/index";
import type { JobStepType } from "../../../engine/src/runners/runner";
import { sandbox } from "./helpers";

/**
 * The example pipeline's job steps through the host runner, in dependency order, with a minimal stand-in for the
 * engine's expression evaluation (parameter defaults, Execution variables, step properties, Std:Join): shows that
 * the example's scripts and data run on a machine with only python3.
 */

const examples = join(import.meta.dirname, "../../../examples");
const definition = JSON.parse(readFileSync(join(examples, "abalone.pipeline.json"), "utf8"));

type Json = Record<string, unknown>;
const steps = new Map<string, Json>();
const collect = (list: Json[]) => {
  for (const step of list) {
    steps.set(step.Name as string, step);
    const args = step.Arguments as Json;
    if (step.Type === "Condition") for (const branch of ["IfSteps", "ElseSteps"]) collect((args[branch] as Json[]) ?? []);
  }
};
collect(definition.Steps);

function propertyAt(value: unknown, path: string): unknown {
  for (const part of path.match(/\[[^\]]+\]|[^.[\]]+/g) ?? []) {
    if (part.startsWith("[")) {
      const key = part.slice(1, -1).replace(/^'|'$/g, "");
      const list = value as Json[];
      value = /^\d+$/.test(key) ? list[Number(key)] : list.find((item) => item.OutputName === key || item.ChannelName === key);
    } else {
      value = (value as Json)[part];
    }
  }
  return value;
}

function resolve(value: unknown, properties: Map<string, Json>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, properties));
  if (typeof value !== "object" || value === null) return value;
  const object = value as Json;
  if (typeof object.Get === "string") {
    const [kind, name, ...rest] = object.Get.split(".");
    if (kind === "Parameters") return (definition.Parameters as Json[]).find((p) => p.Name === name)?.DefaultValue;
    if (kind === "Execution") return name === "PipelineExecutionId" ? "exec1" : "AbalonePipeline";
    const result = propertyAt(properties.get(name), rest.join("."));
    assert.notEqual(result, undefined, `unresolved ${object.Get}`);
    return result;
  }
  if (object["Std:Join"]) {
    const join = object["Std:Join"] as Json;
    return (resolve(join.Values, properties) as unknown[]).map(String).join(join.On as string);
  }
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, resolve(item, properties)]));
}

test("example: the abalone pipeline's Processing, Training, Evaluation and Transform run with the host runner", { timeout: 120_000 }, async (t) => {
  const box = sandbox(t);
  const store = new ObjectStore(join(box.root, "s3"), examples);
  const runner = createStepRunner({ mode: "host" });
  const properties = new Map<string, Json>();
  const logs: string[] = [];
  const run = async (name: string, extra: Json = {}) => {
    const step = steps.get(name)!;
    const args = resolve(step.Arguments, properties) as Json;
    const job = { ...box.job(step.Type as JobStepType, { ...args, ...extra }, name), objectStore: store };
    const result = await runner.run(job).catch((error: Error) => {
      throw new Error(`${name}: ${error.message}\n${job.logs.join("\n")}`);
    });
    logs.push(...job.logs);
    properties.set(name, { ...args, ...result.properties });
    return result;
  };

  await run("AbaloneProcess");
  for (const split of ["train", "validation", "test"]) {
    const rows = readFileSync(store.localPath(`s3://example-bucket/abalone/AbaloneProcess/output/${split}/${split}.csv`), "utf8")
      .trim()
      .split("\n");
    assert.ok(rows.length >= 50, split);
    assert.equal(rows[0].split(",").length, 11, "label, 3 one-hot sex columns, 7 measurements");
  }

  const training = await run("AbaloneTrain");
  const modelUri = (training.properties.ModelArtifacts as Json).S3ModelArtifacts;
  assert.equal(modelUri, "s3://example-bucket/abalone/AbaloneTrain/pipelines-exec1-AbaloneTrain/output/model.tar.gz");
  const [metric] = training.properties.FinalMetricDataList as { MetricName: string; Value: number }[];
  assert.equal(metric.MetricName, "validation:mse");
  assert.ok(metric.Value > 0 && metric.Value < 6, String(metric.Value));

  await run("AbaloneEval");
  const evalStep = steps.get("AbaloneEval")!;
  const propertyFile = (evalStep.PropertyFiles as Json[])[0];
  const outputUri = propertyAt(properties.get("AbaloneEval"), `ProcessingOutputConfig.Outputs['${propertyFile.OutputName}'].S3Output.S3Uri`) as string;
  const report = JSON.parse(readFileSync(join(store.localPath(outputUri), propertyFile.FilePath as string), "utf8"));
  const mse = report.regression_metrics.mse.value;
  const threshold = (definition.Parameters as Json[]).find((p) => p.Name === "MseThreshold")!.DefaultValue as number;
  assert.ok(mse > 0 && mse <= threshold, `test mse ${mse} should take the if-branch (threshold ${threshold})`);

  // The Model step is only recorded by the engine: its properties are its resolved arguments plus a name.
  const modelArgs = resolve(steps.get("AbaloneCreateModel")!.Arguments, properties) as Json;
  properties.set("AbaloneCreateModel", { ...modelArgs, ModelName: "pipelines-exec1-AbaloneCreateModel" });
  const container = modelArgs.PrimaryContainer as Json;
  await run("AbaloneTransform", { __localModel: { image: container.Image, modelDataUrl: container.ModelDataUrl, environment: container.Environment } });
  const predictions = readFileSync(store.localPath("s3://example-bucket/abalone/transform/exec1/abalone-batch.csv.out"), "utf8").trim().split("\n");
  assert.equal(predictions.length, 20);
  assert.ok(
    predictions.every((line) => Number(line) > 0 && Number(line) < 30),
    predictions.join(","),
  );
  assert.ok(logs.some((line) => /^\| test mse: /.test(line)));
});
