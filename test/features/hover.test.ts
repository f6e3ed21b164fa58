import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hover, MarkupContent, Range } from "vscode-languageserver-protocol";
import { LineIndex } from "../../core/src";
import { cursor, CURSOR } from "../helpers/lsp";
import { InProcessClient } from "../helpers/in-process";
import { definition, FAIL_STEP, PROCESSING_STEP } from "../helpers/marked";

let client: InProcessClient;
before(async () => (client = await InProcessClient.start()));
after(async () => client.stop());

const TRAIN_STEP = `{
      "Name": "Train",
      "Type": "Training",
      "DependsOn": ["Prep"],
      "CacheConfig": {"Enabled": true, "ExpireAfter": "30dT5h"},
      "RetryPolicies": [{"ExceptionType": ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR"], "IntervalSeconds": 10, "BackoffRate": 2, "MaxAttempts": 3}],
      "Arguments": {
        "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgb:1", "TrainingInputMode": "File"},
        "OutputDataConfig": {"S3OutputPath": "s3://b/model"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "RoleArn": "arn:aws:iam::123456789012:role/Role",
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"}}}}]
      }
    }`;

const CHECK_STEP = `{
      "Name": "Check",
      "Type": "Condition",
      "Arguments": {
        "Conditions": [{"Type": "GreaterThanOrEqualTo", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.Report"}, "Path": "metrics.accuracy"}}, "RightValue": 0.8}],
        "IfSteps": [{
          "Name": "CreateModel",
          "Type": "Model",
          "Arguments": {"ExecutionRoleArn": "arn:aws:iam::123456789012:role/Role", "PrimaryContainer": {"Image": "img", "ModelDataUrl": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}}}
        }],
        "ElseSteps": [${FAIL_STEP("Stop")}]
      }
    }`;

const PREP_STEP = PROCESSING_STEP(
  "Prep",
  `,
      "DisplayName": "Prepare data",
      "Description": "Splits the raw data",
      "CacheConfig": {"Enabled": true, "ExpireAfter": "PT1H"},
      "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "train", "FilePath": "report.json"}]`,
  `,
        "Environment": {"MODE": {"Get": "Parameters.Mode"}, "RUN": {"Get": "Execution.PipelineExecutionId"}, "INPUT": {"Get": "Parameters.InputData"}}`,
);

const PARAMETERS = `[
    {"Name": "InputData", "Type": "String", "DefaultValue": "s3://bucket/input"},
    {"Name": "Mode", "Type": "String", "DefaultValue": "fast", "EnumValues": ["fast", "slow"], "Description": "How thorough the preprocessing is"}
  ]`;

const PIPELINE = definition(
  `[
    ${PREP_STEP},
    ${TRAIN_STEP},
    ${CHECK_STEP}
  ]`,
  PARAMETERS,
);

/** `base` with the cursor placed as in `snippet` (the snippet without ‸ must occur exactly once). */
function mark(base: string, snippet: string): string {
  const plain = snippet.replace(CURSOR, "");
  const at = base.indexOf(plain);
  assert.ok(at >= 0 && base.indexOf(plain, at + 1) < 0, `snippet must occur exactly once: ${plain}`);
  return base.slice(0, at) + snippet + base.slice(at + plain.length);
}

/** Hovers at the ‸ of `source`; returns the markdown, the hovered text and the document text. */
async function hoverAt(source: string): Promise<{ markdown: string; hovered: string; range: Range; text: string; offset: number } | null> {
  const { text, position, offset } = cursor(source);
  const uri = await client.open(text);
  const result = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position });
  await client.close(uri);
  if (!result) return null;
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, "markdown");
  assert.ok(result.range, "a hover has a range");
  const lines = new LineIndex(text);
  const hovered = text.slice(lines.offsetAt(result.range.start), lines.offsetAt(result.range.end));
  return { markdown: contents.value, hovered, range: result.range, text, offset };
}

/** The range of the occurrence of `token` that contains `offset`. */
function rangeAround(text: string, offset: number, token: string): Range {
  let at = text.indexOf(token);
  while (at >= 0 && !(at <= offset && offset <= at + token.length)) at = text.indexOf(token, at + 1);
  assert.ok(at >= 0, `no ${token} around the cursor`);
  return new LineIndex(text).rangeOf(at, at + token.length);
}

async function expectHover(source: string, token: string, markdown: string | string[]): Promise<void> {
  const found = await hoverAt(source);
  assert.ok(found, "expected a hover");
  assert.deepEqual(found.range, rangeAround(found.text, found.offset, token));
  assert.equal(found.hovered, token);
  if (typeof markdown === "string") {
    assert.equal(found.markdown, markdown);
  } else {
    const lines = found.markdown.split("\n");
    for (const line of markdown) assert.ok(lines.includes(line), `missing line ${JSON.stringify(line)} in:\n${found.markdown}`);
  }
}

const TRAIN_FACTS = [
  "- Upstream: `Prep` (DependsOn, Get)",
  "- Downstream: `CreateModel` (Get)",
  "- Cache: on · 30 days and 5 hours (P30DT5H)",
  "- Cache key: `AlgorithmSpecification`, `CheckpointConfig`, `DebugHookConfig`, `DebugRuleConfigurations`, `Environment`, `HyperParameters`, `InputDataConfig`",
  "- Retry: `SageMaker.JOB_INTERNAL_ERROR`, `SageMaker.CAPACITY_ERROR`: max 3 attempts · interval 10 s · backoff ×2",
].join("\n");

test("hover: a step's Name shows its type, display name, description, DAG neighbours, cache and retries", async () => {
  await expectHover(
    mark(PIPELINE, `"Name": "Pr‸ep"`),
    "Prep",
    [
      "**Step** `Prep` · Processing",
      "",
      "Display name: Prepare data",
      "",
      "Splits the raw data",
      "",
      "- Upstream: none",
      "- Downstream: `Train` (DependsOn, Get), `Check` (Get)",
      "- Cache: on · 1 hour (PT1H)",
      "- Cache key: `AppSpecification`, `Environment`, `ProcessingInputs`",
      "- Retry: none",
    ].join("\n"),
  );
  await expectHover(mark(PIPELINE, `"Name": "‸Train"`), "Train", `**Step** \`Train\` · Training\n\n${TRAIN_FACTS}`);
});

test("hover: a branch step says which Condition branch holds it; a Fail step cannot cache", async () => {
  await expectHover(
    mark(PIPELINE, `"Name": "Sto‸p"`),
    "Stop",
    [
      "**Step** `Stop` · Fail",
      "",
      "- In the ElseSteps of Condition `Check`",
      "- Upstream: `Check` (ElseSteps)",
      "- Downstream: none",
      "- Cache: n/a (step caching does not cover Fail steps)",
      "- Retry: none",
    ].join("\n"),
  );
  await expectHover(mark(PIPELINE, `"Name": "Check‸"`), "Check", ["- Downstream: `CreateModel` (IfSteps), `Stop` (ElseSteps)"]);
});

test("hover: a step type named like an Object.prototype member is just an unknown type", async () => {
  await expectHover(definition(`[{"Name": "Od‸d", "Type": "constructor", "Arguments": {}}]`), "Odd", [
    "**Step** `Odd` · constructor",
    "- Cache: n/a (step caching does not cover constructor steps)",
  ]);
});

test("hover: a DependsOn entry shows the target step and where it is defined", async () => {
  const source = mark(PIPELINE, `"DependsOn": ["P‸rep"]`);
  const line =
    cursor(source)
      .text.split("\n")
      .findIndex((l) => l.includes(`"Name": "Prep"`)) + 1;
  await expectHover(source, "Prep", ["**Step** `Prep` · Processing", "- Downstream: `Train` (DependsOn, Get), `Check` (Get)", `Defined on line ${line}.`]);
});

test("hover: a DependsOn entry naming no step says so", async () => {
  await expectHover(
    mark(PIPELINE, `"DependsOn": ["P‸rep"]`).replace(`["P${CURSOR}rep"]`, `["P${CURSOR}repare"]`),
    "Prepare",
    "Unknown step `Prepare`: no step of this pipeline has this name.",
  );
});

test("hover: the step name inside a Get string shows the step", async () => {
  const source = mark(PIPELINE, `"Steps.Tr‸ain.ModelArtifacts.S3ModelArtifacts"`);
  const line =
    cursor(source)
      .text.split("\n")
      .findIndex((l) => l.includes(`"Name": "Train"`)) + 1;
  await expectHover(source, "Train", `**Step** \`Train\` · Training\n\n${TRAIN_FACTS}\n\nDefined on line ${line}.`);
});

test("hover: ExpireAfter in canonical form", async () => {
  await expectHover(
    mark(PIPELINE, `"ExpireAfter": "P‸T1H"`),
    `"PT1H"`,
    [
      "**ExpireAfter** `PT1H`: 1 hour",
      "",
      "Canonical ISO 8601 form.",
      "",
      "A successful earlier run of this step younger than 1 hour is reused when its cache-key attributes are unchanged.",
    ].join("\n"),
  );
});

test("hover: ExpireAfter in an accepted non-canonical spelling shows words and the canonical form", async () => {
  await expectHover(
    mark(PIPELINE, `"ExpireAfter": "30dT‸5h"`),
    `"30dT5h"`,
    [
      "**ExpireAfter** `30dT5h`: 30 days and 5 hours",
      "",
      "Canonical ISO 8601 form: `P30DT5H`",
      "",
      "A successful earlier run of this step younger than 30 days and 5 hours is reused when its cache-key attributes are unchanged.",
    ].join("\n"),
  );
});

test("hover: an invalid ExpireAfter says what happens to it (its diagnostic says what is wrong); a disabled cache ignores it", async () => {
  await expectHover(
    mark(PIPELINE.replace(`"ExpireAfter": "PT1H"`, `"ExpireAfter": "one hour"`), `"ExpireAfter": "one ‸hour"`),
    `"one hour"`,
    [
      "**ExpireAfter** `one hour`: the definition does not run until this value is fixed.",
      "",
      "The editor and the CLI do not send a definition with errors, and the local engine refuses it (ValidationException at CreatePipeline). " +
        "What the SageMaker service does with such a value is not known (the SageMaker SDK sends it unchecked).",
      "",
      "As a duration: `PT1H` (1 hour), which the quick fix writes.",
    ].join("\n"),
  );
  await expectHover(
    mark(PIPELINE.replace(`"ExpireAfter": "PT1H"`, `"ExpireAfter": "fortnight"`), `"ExpireAfter": "fort‸night"`),
    `"fortnight"`,
    [
      "**ExpireAfter** `fortnight`: the definition does not run until this value is fixed.",
      "",
      "The editor and the CLI do not send a definition with errors, and the local engine refuses it (ValidationException at CreatePipeline). " +
        "What the SageMaker service does with such a value is not known (the SageMaker SDK sends it unchecked).",
    ].join("\n"),
  );
  await expectHover(
    mark(PIPELINE.replace(`"Enabled": true, "ExpireAfter": "PT1H"`, `"Enabled": false, "ExpireAfter": "PT1H"`), `"ExpireAfter": "‸PT1H"`),
    `"PT1H"`,
    ["Ignored: caching is off for this step (`Enabled` is not true)."],
  );
});

test("hover: a parameter Get shows its type, default, allowed values and description", async () => {
  const source = mark(PIPELINE, `"Parameters.Mo‸de"`);
  const line =
    cursor(source)
      .text.split("\n")
      .findIndex((l) => l.includes(`"Name": "Mode"`)) + 1;
  await expectHover(
    source,
    "Mode",
    [
      "**Parameter** `Mode` · String",
      "",
      "How thorough the preprocessing is",
      "",
      '- Default: `"fast"`',
      '- Allowed values: `"fast"`, `"slow"`',
      "",
      `Defined on line ${line}.`,
    ].join("\n"),
  );
});

test("hover: a parameter's Name says how often it is read; the root of a Get covers the whole string", async () => {
  await expectHover(mark(PIPELINE, `{"Name": "Input‸Data"`), "InputData", [
    "**Parameter** `InputData` · String",
    '- Default: `"s3://bucket/input"`',
    "Read by 1 `Get` reference.",
  ]);
  await expectHover(mark(PIPELINE, `"Param‸eters.InputData"`), "Parameters.InputData", ["**Parameter** `InputData` · String"]);
});

test("hover: an execution variable shows its meaning", async () => {
  await expectHover(
    mark(PIPELINE, `"Execution.PipelineExecution‸Id"`),
    "PipelineExecutionId",
    "**Execution variable** `Execution.PipelineExecutionId`\n\nThe ID of the pipeline execution. Resolved when the pipeline runs.",
  );
  await expectHover(
    mark(PIPELINE.replace("Execution.PipelineExecutionId", "Execution.PipelineRunId"), `"Execution.Pipeline‸RunId"`),
    "PipelineRunId",
    "Unknown execution variable `Execution.PipelineRunId`.",
  );
});

test("hover: a step property path shows the API type, its documentation and the shape it belongs to", async () => {
  await expectHover(
    mark(PIPELINE, `"Steps.Train.ModelArtifacts.S3Model‸Artifacts"`),
    "S3ModelArtifacts",
    [
      "**Property** `Steps.Train.ModelArtifacts.S3ModelArtifacts`",
      "",
      "Type: string (`S3Uri`)",
      "",
      "The path of the S3 object that contains the model artifacts.",
      "",
      "Inside `ModelArtifacts` · Training step `Train`",
    ].join("\n"),
  );
  await expectHover(
    mark(PIPELINE, `"Steps.Train.Model‸Artifacts.S3ModelArtifacts"`),
    "ModelArtifacts",
    [
      "**Property** `Steps.Train.ModelArtifacts`",
      "",
      "Type: structure `ModelArtifacts` with members `S3ModelArtifacts`",
      "",
      "Information about the Amazon S3 location that is configured for storing model artifacts.",
      "",
      "Top-level property of Training step `Train` (from `DescribeTrainingJobResponse`)",
    ].join("\n"),
  );
});

test("hover: list elements, enums and invalid paths", async () => {
  await expectHover(mark(PIPELINE, `Outputs['tr‸ain'].S3Output`), "train", [
    "**Property** `Steps.Prep.ProcessingOutputConfig.Outputs['train']`",
    "Type: structure `ProcessingOutput` with members `OutputName`, `S3Output`, `FeatureStoreOutput`, `AppManaged`",
    "The element of `Outputs` whose `OutputName` is `train`.",
    "Inside `ProcessingOutputConfig.Outputs` · Processing step `Prep`",
  ]);
  await expectHover(mark(PIPELINE, `"Steps.Prep.ProcessingOutputConfig.Out‸puts`), "Outputs", [
    "Type: list `ProcessingOutputs` of `ProcessingOutput`; select an element with `[n]` or `['<OutputName>']`",
  ]);
  const status = PIPELINE.replace("Steps.Train.ModelArtifacts.S3ModelArtifacts", "Steps.Train.TrainingJobStatus");
  await expectHover(mark(status, `"Steps.Train.Training‸JobStatus"`), "TrainingJobStatus", [
    "Type: string (`TrainingJobStatus`), one of `InProgress`, `Completed`, `Failed`, `Stopping`, `Stopped`, `Deleting`",
  ]);
  const typo = PIPELINE.replace("Steps.Train.ModelArtifacts.S3ModelArtifacts", "Steps.Train.ModelArtifact.S3ModelArtifacts");
  await expectHover(mark(typo, `"Steps.Train.Model‸Artifact.`), "ModelArtifact", [
    "Not a property: 'ModelArtifact' is not a property of Training step. Did you mean 'ModelArtifacts'?",
  ]);
});

test("hover: a Std:JsonGet property file shows its output, file and where it is defined", async () => {
  const source = mark(PIPELINE, `"Steps.Prep.PropertyFiles.Rep‸ort"`);
  const line =
    cursor(source)
      .text.split("\n")
      .findIndex((l) => l.includes(`"PropertyFileName": "Report"`)) + 1;
  await expectHover(
    source,
    "Report",
    [
      "**Property file** `Report` of step `Prep`",
      "",
      "- Output: `train`",
      "- File: `report.json`",
      "",
      "A JSON file the step writes to that output; read it with `Std:JsonGet`.",
      "",
      `Defined on line ${line}.`,
    ].join("\n"),
  );
  await expectHover(
    mark(PIPELINE.replace("PropertyFiles.Report", "PropertyFiles.Rapport"), `"Steps.Prep.PropertyFiles.Rap‸port"`),
    "Rapport",
    "Unknown property file: step `Prep` declares no property file `Rapport`.",
  );
  await expectHover(mark(PIPELINE, `"PropertyFileName": "Re‸port"`), "Report", ["**Property file** `Report` of step `Prep`"]);
  await expectHover(mark(PIPELINE, `"Steps.Prep.Property‸Files.Report"`), "PropertyFiles", ["**Property files** of step `Prep`", "", "Declared: `Report`"]);
  await expectHover(
    mark(PIPELINE.replace("Steps.Prep.PropertyFiles.Report", "Steps.Train.PropertyFiles.Report"), `"Steps.Train.PropertyFiles.Re‸port"`),
    "Report",
    "Property files belong to Processing steps; `Train` is a Training step.",
  );
});

test("hover: the pipeline experiment config members", async () => {
  const source = definition(`[{"Name": "F", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "PipelineExperimentConfig.Trial‸Name"}}}]`);
  await expectHover(source, "TrialName", [
    "**Pipeline experiment config** `PipelineExperimentConfig.TrialName`",
    "The trial each execution is recorded under (default: the execution ID).",
    "This pipeline sets `PipelineExperimentConfig` to null.",
  ]);
  const configured = source.replace(
    `"PipelineExperimentConfig": null`,
    `"PipelineExperimentConfig": {"ExperimentName": {"Get": "Execution.PipelineName"}, "TrialName": {"Get": "Execution.PipelineExecutionId"}}`,
  );
  await expectHover(configured, "TrialName", ['Set in this pipeline to `{"Get": "Execution.PipelineExecutionId"}`.']);
});

test("hover: null off any known token", async () => {
  assert.equal(await hoverAt(mark(PIPELINE, `"Ver‸sion"`)), null);
  assert.equal(await hoverAt(mark(PIPELINE, `"Type": "Proc‸essing"`)), null);
  assert.equal(await hoverAt(mark(PIPELINE, `"Metadata": {},‸`)), null);
  assert.equal(await hoverAt(mark(PIPELINE, `"Depends‸On"`)), null);
  assert.equal(await hoverAt(mark(PIPELINE, `"Path": "metrics.acc‸uracy"`)), null);
  assert.equal(await hoverAt(`{"not": "a pipe‸line"}`), null);
  assert.equal(await hoverAt(`‸`), null);
});

test("hover: works while another part of the file has a syntax error", async () => {
  const broken = PIPELINE.replace(`"Metadata": {}`, `"Metadata": {"Owner": }`);
  await expectHover(mark(broken, `"DependsOn": ["Pre‸p"]`), "Prep", ["**Step** `Prep` · Processing", "- Downstream: `Train` (DependsOn, Get), `Check` (Get)"]);
  await expectHover(mark(broken, `"Steps.Train.ModelArtifacts.S3Model‸Artifacts"`), "S3ModelArtifacts", ["Type: string (`S3Uri`)"]);
  await expectHover(mark(broken, `"ExpireAfter": "30d‸T5h"`), `"30dT5h"`, ["**ExpireAfter** `30dT5h`: 30 days and 5 hours"]);
  const halfTyped = PIPELINE.replace(`"DependsOn": ["Prep"],`, `"DependsOn": ["Prep",`);
  await expectHover(mark(halfTyped, `"DependsOn": ["Pr‸ep",`), "Prep", ["**Step** `Prep` · Processing"]);
});

test("hover: a real definition from the corpus (abalone, 2022-03)", async () => {
  const corpus = readFileSync(join(import.meta.dirname, "../fixtures/corpus/aws-examples_abalone-2022-03.json"), "utf8");
  await expectHover(mark(corpus, `"Name": "AbaloneMSE‸Fail"`), "AbaloneMSEFail", [
    "**Step** `AbaloneMSEFail` · Fail",
    "- In the ElseSteps of Condition `AbaloneMSECond`",
    "- Upstream: `AbaloneMSECond` (ElseSteps)",
  ]);
  await expectHover(mark(corpus, `"Name": "Abalone‸Train"`), "AbaloneTrain", [
    "- Upstream: `AbaloneProcess` (Get)",
    "- Downstream: `AbaloneEval` (Get), `AbaloneRegisterModel` (Get), `AbaloneCreateModel` (Get)",
    "- Cache: off",
  ]);
  await expectHover(mark(corpus, `"Steps.AbaloneEval.PropertyFiles.Evaluation‸Report"`), "EvaluationReport", [
    "- Output: `evaluation`",
    "- File: `evaluation.json`",
  ]);
  await expectHover(mark(corpus, `"RightValue": {\n              "Get": "Parameters.MseThr‸eshold"`), "MseThreshold", [
    "**Parameter** `MseThreshold` · Float",
    "- Default: `6.0`",
  ]);
});

test("hover: ForEach.CurrentItem in a ForEach body step says what it holds; IterationOutput hovers as a step property", async () => {
  const forEach = definition(`[{"Name": "Loop", "Type": "ForEach", "Arguments": {"IterableItems": ["a", "b"], "MaxConcurrency": 2,
    "Selector": {"Pick": "MinBy", "Field": {"Get": "IterationOutput.Score.OutputParameters['s']"}},
    "ForEachBody": [{"Name": "Score", "Type": "Lambda", "Arguments": {"item": {"Get": "ForEach.CurrentItem.name"}},
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "OutputParameters": [{"OutputName": "s", "OutputType": "Float"}]}]}}]`);
  const item = await hoverAt(mark(forEach, `"ForEach.Curre‸ntItem.name"`));
  assert.match(item?.markdown ?? "", /^\*\*ForEach\.CurrentItem\*\* — the item of the ForEach step's `IterableItems`/);
  const step = await hoverAt(mark(forEach, `"IterationOutput.Sco‸re.OutputParameters['s']"`));
  assert.match(step?.markdown ?? "", /Score/);
  assert.match(step?.markdown ?? "", /Lambda/);
});
