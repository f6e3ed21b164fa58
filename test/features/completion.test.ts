import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CompletionItem, Position, TextEdit } from "vscode-languageserver-protocol";
import { LineIndex } from "../../core/src";
import { EXECUTION_VARIABLES } from "../../core/src/references";
import { rootMembers } from "../../core/src/properties";
import { KNOWN_STEP_TYPES } from "../../core/src/step-types";
import { definition, view } from "../../core/src/schema/navigate";
import { cursor } from "../helpers/lsp";
import { InProcessClient } from "../helpers/in-process";

let client: InProcessClient;
before(async () => (client = await InProcessClient.start()));
after(async () => client.stop());

const SNIPPET = 2;

/** A pipeline with a Processing, Training, Lambda and Condition step (with branch steps). `@HERE` is replaced per test. */
const PIPELINE = `{
  "Version": "2020-12-01",
  "Parameters": [
    {"Name": "InstanceType", "Type": "String", "DefaultValue": "ml.m5.xlarge"},
    {"Name": "TrainCount", "Type": "Integer", "DefaultValue": 1},
    {"Name": "Threshold", "Type": "Float"}
  ],
  "Steps": [
    {
      "Name": "Prep",
      "Type": "Processing",
      "Arguments": {
        "ProcessingResources": {"ClusterConfig": {"InstanceType": {"Get": "Parameters.InstanceType"}, "InstanceCount": 1, "VolumeSizeInGB": 30}},
        "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sklearn:1"},
        "ProcessingOutputConfig": {"Outputs": [
          {"OutputName": "train", "S3Output": {"S3Uri": "s3://b/train", "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}},
          {"OutputName": "test", "S3Output": {"S3Uri": "s3://b/test", "LocalPath": "/opt/ml/processing/test", "S3UploadMode": "EndOfJob"}}
        ]}
      },
      "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "test", "FilePath": "report.json"}]
    },
    {
      "Name": "Train",
      "Type": "Training",
      "DependsOn": ["Prep"],
      "Arguments": {
        "RoleArn": "arn:aws:iam::123456789012:role/Role",
        "OutputDataConfig": {"S3OutputPath": "s3://b/model"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": {"Get": "Parameters.TrainCount"}, "VolumeSizeInGB": 30},
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"}}}}]
      }
    },
    {
      "Name": "Notify",
      "Type": "Lambda",
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
      "Arguments": {"model": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}},
      "OutputParameters": [{"OutputName": "statusCode"}, {"OutputName": "body"}]
    },
    {
      "Name": "Check",
      "Type": "Condition",
      "Arguments": {
        "Conditions": [{"Type": "LessThanOrEqualTo", "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.Report"}, "Path": "mse"}}, "RightValue": {"Get": "Parameters.Threshold"}}],
        "IfSteps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.Notify.OutputParameters['body']"}}}],
        "ElseSteps": []
      }
    }@HERE
  ]
}`;

/** PIPELINE with `replacement` substituted for the first occurrence of `anchor` (which must exist). */
function edit(anchor: string, replacement: string, source = PIPELINE.replace("@HERE", "")): string {
  assert.ok(source.includes(anchor), `anchor not found: ${anchor}`);
  return source.replace(anchor, replacement);
}

async function complete(source: string): Promise<{ items: CompletionItem[]; text: string; offset: number; uri: string }> {
  const { text, position, offset } = cursor(source);
  const uri = await client.open(text);
  return { items: await completeAt(uri, position), text, offset, uri };
}

function completeAt(uri: string, position: Position): Promise<CompletionItem[]> {
  return client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const item = (items: CompletionItem[], label: string) => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no item ${label} in ${labels(items).join(", ")}`);
  return found;
};

/** The default text of a snippet: every placeholder left as it is (the first option of a choice). */
function snippetDefaults(snippet: string): string {
  let out = "";
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === "\\") {
      out += snippet[++i];
      continue;
    }
    const placeholder = /^\$\{\d+([:|])/.exec(snippet.slice(i));
    if (placeholder) {
      let j = i + placeholder[0].length;
      let content = "";
      while (j < snippet.length && snippet[j] !== "}") {
        if (snippet[j] === "\\") j++;
        content += snippet[j++];
      }
      out += placeholder[1] === "|" ? content.replace(/\|$/, "").split(",")[0] : content;
      i = j;
      continue;
    }
    const tabStop = /^\$\d+/.exec(snippet.slice(i));
    if (tabStop) {
      i += tabStop[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** The text after accepting an item (snippets with their defaults), its additional edits included. */
function accept(text: string, completion: CompletionItem): string {
  const lines = new LineIndex(text);
  const main = completion.textEdit as TextEdit;
  const edits = [main, ...(completion.additionalTextEdits ?? [])]
    .map((e) => ({
      start: lines.offsetAt(e.range.start),
      end: lines.offsetAt(e.range.end),
      newText: completion.insertTextFormat === SNIPPET && e === main ? snippetDefaults(e.newText) : e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of edits) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

function rangeOf(text: string, start: number, end: number) {
  return new LineIndex(text).rangeOf(start, end);
}

// ---- DependsOn ----------------------------------------------------------------------------------

test("completion: DependsOn offers the other steps, not the step itself nor names already listed", async () => {
  const { items, text, offset } = await complete(edit(`"DependsOn": ["Prep"]`, `"DependsOn": ["Prep", "‸"]`));
  assert.deepEqual(labels(items), ["Notify", "Check", "Stop"]);
  assert.equal(item(items, "Check").detail, "Condition");
  assert.deepEqual(item(items, "Notify").textEdit, { range: rangeOf(text, offset, offset), newText: "Notify" });
});

test("completion: DependsOn replaces the partly typed name, and inserts a quoted name where no string is", async () => {
  const typed = await complete(edit(`"DependsOn": ["Prep"]`, `"DependsOn": ["Prep", "No‸t"]`));
  assert.deepEqual(labels(typed.items), ["Notify", "Check", "Stop"]);
  assert.deepEqual(item(typed.items, "Notify").textEdit, { range: rangeOf(typed.text, typed.offset - 2, typed.offset + 1), newText: "Notify" });

  const bare = await complete(edit(`"DependsOn": ["Prep"]`, `"DependsOn": ["Prep", ‸]`));
  assert.deepEqual(labels(bare.items), ["Notify", "Check", "Stop"]);
  assert.ok(accept(bare.text, item(bare.items, "Check")).includes(`"DependsOn": ["Prep", "Check"]`));
});

// ---- Get ----------------------------------------------------------------------------------------

test("completion: a Get string starts with the four roots", async () => {
  const { items, text, offset } = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "‸"}`));
  assert.deepEqual(labels(items), ["Parameters.", "Steps.", "Execution.", "PipelineExperimentConfig."]);
  assert.deepEqual(item(items, "Steps.").textEdit, { range: rangeOf(text, offset, offset), newText: "Steps." });

  const partial = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Exe‸"}`));
  assert.deepEqual(item(partial.items, "Execution.").textEdit, { range: rangeOf(partial.text, partial.offset - 3, partial.offset), newText: "Execution." });

  // No string yet: the root is inserted as a new string, the cursor before its closing quote.
  const fresh = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": ‸}`));
  assert.deepEqual(labels(fresh.items), ["Parameters.", "Steps.", "Execution.", "PipelineExperimentConfig."]);
  assert.equal(item(fresh.items, "Steps.").insertTextFormat, SNIPPET);
  assert.equal((item(fresh.items, "Steps.").textEdit as TextEdit).newText, `"Steps.$0"`);
});

test("completion: Parameters. lists the parameters with type and default", async () => {
  const { items, text, offset } = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Parameters.Th‸"}`));
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [
      ["InstanceType", `String = "ml.m5.xlarge"`],
      ["TrainCount", "Integer = 1"],
      ["Threshold", "Float"],
    ],
  );
  assert.deepEqual(item(items, "Threshold").textEdit, { range: rangeOf(text, offset - 2, offset), newText: "Threshold" });
});

test("completion: Execution. lists the execution variables with their meaning", async () => {
  const { items } = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Execution.‸"}`));
  assert.deepEqual(labels(items), Object.keys(EXECUTION_VARIABLES));
  assert.deepEqual(item(items, "PipelineExecutionId").documentation, { kind: "markdown", value: EXECUTION_VARIABLES.PipelineExecutionId });
});

test("completion: PipelineExperimentConfig. lists ExperimentName and TrialName", async () => {
  const { items } = await complete(edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "PipelineExperimentConfig.‸"}`));
  assert.deepEqual(labels(items), ["ExperimentName", "TrialName"]);
});

test("completion: Steps. lists the step names with their type, except the step holding the reference", async () => {
  const { items, text, offset } = await complete(
    edit(`{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Steps.Tr‸ain.ModelArtifacts.S3ModelArtifacts"}`),
  );
  assert.deepEqual(
    items.map((i) => [i.label, i.detail]),
    [
      ["Prep", "Processing"],
      ["Train", "Training"],
      ["Check", "Condition"],
      ["Stop", "Fail"],
    ],
  );
  // The whole step name is replaced, the path after it is kept.
  assert.deepEqual(item(items, "Train").textEdit, { range: rangeOf(text, offset - 2, offset + 3), newText: "Train" });
});

test("completion: Steps.X. lists the top-level properties of X's step type, with shape and documentation", async () => {
  const { items } = await complete(edit(`{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Steps.Prep.‸"}`));
  assert.deepEqual(labels(items), Object.keys(rootMembers("Processing")!));
  assert.ok(labels(items).includes("PropertyFiles"));
  const outputConfig = item(items, "ProcessingOutputConfig");
  assert.equal(outputConfig.detail, "ProcessingOutputConfig");
  assert.deepEqual(outputConfig.documentation, { kind: "markdown", value: "Output configuration for the processing job." });
  assert.equal(item(items, "ProcessingInputs").detail, "list of ProcessingInput");
});

test("completion: a property path drills down member by member", async () => {
  const config = await complete(edit(`{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Steps.Prep.ProcessingOutputConfig.‸"}`));
  assert.deepEqual(labels(config.items), ["Outputs", "KmsKeyId"]);
  assert.equal(item(config.items, "Outputs").detail, "list of ProcessingOutput");

  const output = await complete(
    edit(`{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S‸"}`),
  );
  assert.deepEqual(labels(output.items), ["S3Uri", "LocalPath", "S3UploadMode"]);
  assert.equal(item(output.items, "S3UploadMode").detail, "string");
  assert.match((item(output.items, "S3UploadMode").documentation as { value: string }).value, /One of `Continuous`, `EndOfJob`/);

  const training = await complete(edit(`{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Steps.Train.ModelArtifacts.‸"}`));
  assert.deepEqual(labels(training.items), ["S3ModelArtifacts"]);
});

test("completion: after a list, [0] and the output names the step declares", async () => {
  const { items, text, offset } = await complete(edit(`Outputs['train'].S3Output.S3Uri`, `Outputs[‸]`));
  assert.deepEqual(labels(items), ["[0]", "['train']", "['test']"]);
  // `[` to the auto-closed `]` are replaced.
  assert.deepEqual(item(items, "['test']").textEdit, { range: rangeOf(text, offset - 1, offset + 1), newText: "['test']" });
  assert.equal(item(items, "['test']").detail, "ProcessingOutput");

  const quoted = await complete(edit(`Outputs['train'].S3Output.S3Uri`, `Outputs['te‸'].S3Output.S3Uri`));
  assert.deepEqual(labels(quoted.items), ["[0]", "['train']", "['test']"]);
  assert.ok(accept(quoted.text, item(quoted.items, "['test']")).includes(`Outputs['test'].S3Output.S3Uri"`));
});

test("completion: Lambda OutputParameters offers the declared output names", async () => {
  const { items, text } = await complete(edit(`OutputParameters['body']`, `OutputParameters[‸`));
  assert.deepEqual(labels(items), ["['statusCode']", "['body']"]);
  assert.ok(accept(text, item(items, "['statusCode']")).includes(`"Steps.Notify.OutputParameters['statusCode']"`));
});

test("completion: Steps.X.PropertyFiles. offers the declared property files", async () => {
  const { items } = await complete(edit(`PropertyFiles.Report`, `PropertyFiles.‸`));
  assert.deepEqual(labels(items), ["Report"]);
  assert.equal(item(items, "Report").detail, "property file");
});

// ---- ForEach (SDK v3) ---------------------------------------------------------------------------

/** A ForEach step (as SDK v3 writes it) with a Lambda body step, and a Lambda step after it. `@BODY` and `@FIELD` are replaced. */
const FOR_EACH = `{
  "Version": "2020-12-01",
  "Parameters": [{"Name": "Regions", "Type": "String", "DefaultValue": "[{\\"name\\": \\"a\\"}]"}],
  "Steps": [
    {
      "Name": "PerRegion",
      "Type": "ForEach",
      "Arguments": {
        "IterableItems": {"Get": "Parameters.Regions"},
        "MaxConcurrency": 5,
        "ForEachBody": [
          {"Name": "ScoreRegion", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "Arguments": {"region": @BODY}, "OutputParameters": [{"OutputName": "score", "OutputType": "Float"}, {"OutputName": "rows"}]}
        ],
        "Selector": {"Pick": "MaxBy", "Field": @FIELD}
      }
    },
    {"Name": "After", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Arguments": {"x": @AFTER}}
  ]
}`;

function forEach(
  body: string,
  field = `{"Get": "IterationOutput.ScoreRegion.OutputParameters['score']"}`,
  after = `{"Get": "Steps.PerRegion.Status"}`,
): string {
  return FOR_EACH.replace("@BODY", body).replace("@FIELD", field).replace("@AFTER", after);
}

test("completion: in a ForEachBody step, a Get offers the ForEach root too; elsewhere it does not", async () => {
  const body = await complete(forEach(`{"Get": "‸"}`));
  assert.deepEqual(labels(body.items), ["Parameters.", "Steps.", "Execution.", "PipelineExperimentConfig.", "ForEach."]);
  const fresh = await complete(forEach(`{"Get": ‸}`));
  assert.ok(labels(fresh.items).includes("ForEach."));
  const after = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, undefined, `{"Get": "‸"}`));
  assert.deepEqual(labels(after.items), ["Parameters.", "Steps.", "Execution.", "PipelineExperimentConfig."]);
});

test("completion: ForEach. offers CurrentItem in a ForEachBody step, nothing outside one", async () => {
  const { items, text, offset } = await complete(forEach(`{"Get": "ForEach.Cur‸"}`));
  assert.deepEqual(labels(items), ["CurrentItem"]);
  assert.deepEqual(item(items, "CurrentItem").textEdit, { range: rangeOf(text, offset - 3, offset), newText: "CurrentItem" });
  assert.match((item(items, "CurrentItem").documentation as { value: string }).value, /ForEach\.CurrentItem\.name/);
  const outside = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, undefined, `{"Get": "ForEach.‸"}`));
  assert.deepEqual(labels(outside.items), []);
});

test("completion: in a ForEach step's Selector, IterationOutput. offers its body steps, then their properties", async () => {
  const root = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, `{"Get": "‸"}`));
  assert.ok(labels(root.items).includes("IterationOutput."));
  assert.ok(!labels(root.items).includes("ForEach."));

  const steps = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, `{"Get": "IterationOutput.‸"}`));
  assert.deepEqual(labels(steps.items), ["ScoreRegion"]);
  assert.equal(item(steps.items, "ScoreRegion").detail, "Lambda");

  const members = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, `{"Get": "IterationOutput.ScoreRegion.‸"}`));
  assert.deepEqual(labels(members.items), Object.keys(rootMembers("Lambda")!));

  const outputs = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, `{"Get": "IterationOutput.ScoreRegion.OutputParameters[‸"}`));
  assert.deepEqual(labels(outputs.items), ["['score']", "['rows']"]);
  assert.ok(accept(outputs.text, item(outputs.items, "['rows']")).includes(`"IterationOutput.ScoreRegion.OutputParameters['rows']"`));

  // Outside the ForEach step, and for a step outside its body, there is nothing to offer.
  const outside = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, undefined, `{"Get": "IterationOutput.‸"}`));
  assert.deepEqual(labels(outside.items), []);
  const notBody = await complete(forEach(`{"Get": "ForEach.CurrentItem"}`, `{"Get": "IterationOutput.After.‸"}`));
  assert.deepEqual(labels(notBody.items), []);
});

// ---- Step Type ----------------------------------------------------------------------------------

test("completion: a step's Type offers the known step types", async () => {
  const { items, text } = await complete(edit(`"Type": "Fail"`, `"Type": "Fa‸il"`));
  assert.deepEqual(labels(items), [...KNOWN_STEP_TYPES]);
  assert.ok(accept(text, item(items, "Lambda")).includes(`"Name": "Stop", "Type": "Lambda"`));
});

// ---- Arguments ----------------------------------------------------------------------------------

test("completion: Arguments members of the step's type, without the present ones, with the schema documentation", async () => {
  const { items, text } = await complete(edit(`"RoleArn": "arn:aws:iam::123456789012:role/Role",`, `"RoleArn": "arn:aws:iam::123456789012:role/Role", "‸"`));
  const request = view(definition("api.CreateTrainingJobRequest"), undefined);
  const expected = Object.keys(request.properties).filter((k) => !["RoleArn", "OutputDataConfig", "ResourceConfig", "InputDataConfig"].includes(k));
  assert.deepEqual(labels(items), expected);
  const stopping = item(items, "StoppingCondition");
  assert.equal(stopping.insertTextFormat, SNIPPET);
  assert.deepEqual(stopping.documentation, { kind: "markdown", value: request.properties.StoppingCondition.description });
  // The key string is replaced by the member and an empty value; a comma separates it from the next member.
  assert.ok(accept(text, stopping).includes(`"RoleArn": "arn:aws:iam::123456789012:role/Role", "StoppingCondition": {},\n`));
});

test("completion: members of nested objects (ProcessingResources.ClusterConfig)", async () => {
  const { items, text } = await complete(edit(`"InstanceCount": 1, "VolumeSizeInGB": 30}}`, `"‸"}}`));
  // The members of ProcessingClusterConfig in the botocore model (1.44.8 added the instance-preference members), less InstanceType.
  assert.deepEqual(labels(items), [
    "InstanceCount",
    "VolumeSizeInGB",
    "VolumeKmsKeyId",
    "InstancePreferences",
    "SelectedInstanceType",
    "SelectedInstanceCount",
  ]);
  assert.equal(item(items, "VolumeSizeInGB").detail, "ProcessingVolumeSizeInGB");
  assert.ok(accept(text, item(items, "VolumeSizeInGB")).includes(`{"Get": "Parameters.InstanceType"}, "VolumeSizeInGB": }}`));
});

test("completion: enum values at a value position whose schema has an enum", async () => {
  const { items, text } = await complete(
    edit(`"S3UploadMode": "EndOfJob"}},\n          {"OutputName": "test"`, `"S3UploadMode": "‸"}},\n          {"OutputName": "test"`),
  );
  assert.deepEqual(labels(items), ["Continuous", "EndOfJob"]);
  assert.ok(accept(text, item(items, "Continuous")).includes(`"S3UploadMode": "Continuous"}}`));

  const condition = await complete(edit(`"Type": "LessThanOrEqualTo"`, `"Type": ‸`));
  assert.deepEqual(labels(condition.items), ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo", "In", "Not", "Or"]);
  assert.ok(accept(condition.text, item(condition.items, "Equals")).includes(`[{"Type": "Equals", "LeftValue"`));
});

test("completion: an empty object where a string is expected offers the expression keys", async () => {
  const { items } = await complete(edit(`"RoleArn": "arn:aws:iam::123456789012:role/Role"`, `"RoleArn": {‸}`));
  assert.deepEqual(labels(items), ["Get", "Std:Join", "Std:JsonGet"]);
});

// ---- Snippets -----------------------------------------------------------------------------------

const STEP_SNIPPETS = [
  "Processing step",
  "Training step",
  "Transform step",
  "Tuning step",
  "Model step",
  "RegisterModel step",
  "Condition step",
  "Fail step",
  "Lambda step",
  "Callback step",
  "QualityCheck step",
  "ClarifyCheck step",
  "EMR step",
  "AutoML step",
];

test("completion: a new element of Steps offers a step skeleton of each main type, which lints clean", async () => {
  const { items, text } = await complete(PIPELINE.replace("@HERE", ",\n    ‸"));
  assert.deepEqual(labels(items), STEP_SNIPPETS);
  for (const snippet of items) assert.equal(snippet.insertTextFormat, SNIPPET);
  const processing = item(items, "Processing step");
  assert.match((processing.textEdit as TextEdit).newText, /^\{\n  "Name": "\$\{1:Preprocess\}",\n  "Type": "Processing",\n  "Arguments": \{/);

  // Each skeleton, with its placeholders' defaults, adds no diagnostic to the (clean) pipeline.
  const clean = await client.open(PIPELINE.replace("@HERE", ""));
  assert.deepEqual((await client.diagnostics(clean)).diagnostics, []);
  for (const snippet of items) {
    const uri = await client.open(accept(text, snippet));
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}: ${d.message}`),
      [],
      snippet.label,
    );
  }
});

test("completion: step skeletons in a Condition branch; a comma is added after the previous step", async () => {
  const { items } = await complete(edit(`"ElseSteps": []`, `"ElseSteps": [‸]`));
  assert.deepEqual(labels(items), STEP_SNIPPETS);

  const after = await complete(
    edit(
      `"Arguments": {"ErrorMessage": {"Get": "Steps.Notify.OutputParameters['body']"}}}`,
      `"Arguments": {"ErrorMessage": {"Get": "Steps.Notify.OutputParameters['body']"}}}‸`,
    ),
  );
  const fail = item(after.items, "Fail step");
  // "Fail" is not taken, "Stop" is the existing Fail step.
  const accepted = accept(after.text, fail);
  assert.ok(accepted.includes(`['body']"}}},{\n  "Name": "Fail",\n  "Type": "Fail",`), accepted);
});

test("completion: at a key of a step, the common members as snippets; CacheConfig only where caching applies", async () => {
  const { items, text } = await complete(edit(`"PropertyFiles": [`, `‸"PropertyFiles": [`));
  assert.deepEqual(labels(items), ["DependsOn", "DisplayName", "Description", "CacheConfig", "RetryPolicies"]);
  assert.ok(accept(text, item(items, "CacheConfig")).includes(`"CacheConfig": {"Enabled": true, "ExpireAfter": "PT1H"},"PropertyFiles"`));
  assert.equal(
    (item(items, "RetryPolicies").textEdit as TextEdit).newText,
    `"RetryPolicies": [{"ExceptionType": ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR", "Step.SERVICE_FAULT", "Step.THROTTLING"], "IntervalSeconds": \${1:10}, "BackoffRate": \${2:2}, "MaxAttempts": \${3:3}}],`,
  );

  const processing = await complete(edit(`"Name": "Prep",`, `"Name": "Prep", "‸"`));
  assert.deepEqual(labels(processing.items), ["DependsOn", "DisplayName", "Description", "CacheConfig", "RetryPolicies"]);

  const bare = await complete(
    edit(`"Type": "Processing",`, `"Type": "Processing", ‸`).replace(
      `,\n      "PropertyFiles": [{"PropertyFileName": "Report", "OutputName": "test", "FilePath": "report.json"}]`,
      "",
    ),
  );
  assert.deepEqual(labels(bare.items), ["DependsOn", "DisplayName", "Description", "CacheConfig", "RetryPolicies", "PropertyFiles"]);
  // The property file names the step's first declared output.
  assert.ok(
    accept(bare.text, item(bare.items, "PropertyFiles")).includes(
      `"PropertyFiles": [{"PropertyFileName": "EvaluationReport", "OutputName": "train", "FilePath": "evaluation.json"}]`,
    ),
  );

  const fail = await complete(edit(`{"Name": "Stop", "Type": "Fail",`, `{"Name": "Stop", "Type": "Fail", "‸",`));
  assert.deepEqual(labels(fail.items), ["DependsOn", "DisplayName", "Description"]);
  const lambda = await complete(edit(`"Name": "Notify",`, `"Name": "Notify", "‸"`));
  assert.deepEqual(labels(lambda.items), ["DependsOn", "DisplayName", "Description"]);
});

// ---- A real file, a broken file, elsewhere --------------------------------------------------------

test("completion: on a corpus file (abalone)", async () => {
  const source = readFileSync(join(import.meta.dirname, "../fixtures/corpus/aws-examples_abalone-2022-03.json"), "utf8");
  const outputs = source.indexOf("Outputs['train']") + "Outputs[".length;
  const list = await complete(source.slice(0, outputs) + "‸" + source.slice(outputs));
  assert.deepEqual(labels(list.items), ["[0]", "['train']", "['validation']", "['test']"]);

  // In AbaloneEval's inputs: every step but AbaloneEval itself, branch steps included.
  const reference = source.indexOf(`"Get": "Steps.AbaloneTrain.ModelArtifacts.S3ModelArtifacts"`) + `"Get": "Steps.`.length;
  const steps = await complete(source.slice(0, reference) + "‸" + source.slice(reference));
  assert.deepEqual(labels(steps.items), [
    "AbaloneProcess",
    "AbaloneTrain",
    "AbaloneMSECond",
    "AbaloneRegisterModel",
    "AbaloneCreateModel",
    "AbaloneTransform",
    "AbaloneMSEFail",
  ]);
  assert.deepEqual(item(steps.items, "AbaloneTrain").textEdit, {
    range: rangeOf(steps.text, steps.offset, steps.offset + "AbaloneTrain".length),
    newText: "AbaloneTrain",
  });
});

test("completion: works in a half-typed file, with the names of the last version that parsed", async () => {
  const good = PIPELINE.replace("@HERE", `,\n    {"Name": "Later", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}`);
  const uri = await client.open(good);
  await client.diagnostics(uri, (p) => p.version === 1);
  const { text, position } = cursor(good.replace(`"DependsOn": ["Prep"],`, `"DependsOn": ["‸\n`));
  await client.change(uri, text);
  const items = await completeAt(uri, position);
  // "Later" comes from the last good model: the broken text swallowed it.
  assert.deepEqual(labels(items), ["Prep", "Notify", "Check", "Stop", "Later"]);
  assert.ok(accept(text, item(items, "Prep")).includes(`"DependsOn": ["Prep"\n`));

  const get = cursor(good.replace(`{"Get": "Parameters.Threshold"}`, `{"Get": "Steps.Prep.ProcessingOutputConfig.Outputs[‸`));
  await client.change(uri, get.text);
  assert.deepEqual(labels(await completeAt(uri, get.position)), ["[0]", "['train']", "['test']"]);
});

test("completion: nothing elsewhere", async () => {
  for (const source of [
    edit(`"Name": "Prep"`, `"Name": "Pr‸ep"`),
    edit(`"VolumeSizeInGB": 30}}`, `"VolumeSizeInGB": 30‸}}`),
    edit(`"Version": "2020-12-01"`, `"Version": "2020-12-01"‸`),
    edit(`"DependsOn": ["Prep"]`, `"DependsOn": ["Prep"‸]`),
    edit(`"FilePath": "report.json"`, `"FilePath": "rep‸ort.json"`),
    edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Nope.‸"}`),
    edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Steps.Unknown.‸"}`),
    edit(`{"Get": "Parameters.Threshold"}`, `{"Get": "Steps.Prep.NoSuchMember.‸"}`),
    "‸",
    "{‸",
    `{"Steps": [{"Name": ‸`,
  ]) {
    const { items } = await complete(source);
    assert.deepEqual(labels(items), [], source.slice(Math.max(0, source.indexOf("‸") - 40), source.indexOf("‸") + 10));
  }
});
