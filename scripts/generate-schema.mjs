#!/usr/bin/env node
// Generates the pipeline definition JSON schema and the step-property shape table from the
// botocore SageMaker service model.
//
//   node scripts/generate-schema.mjs [path-to-botocore-json] [--out DIR]
//
// Default input: schemas/source/sagemaker-service-2.json (the botocore model; `npm run update:api-model` refreshes it).
// Default output directory: <repo>/schemas. Writes:
//   pipeline-definition.schema.json  JSON Schema draft-07, validated with `new Ajv({allErrors, strict:false})`
//   step-properties.json             shapes reachable from each step type's property root, used to check
//                                    `{"Get": "Steps.X.<path>"}` references and for hovers
//
// Output is deterministic: same input, same bytes (definition/shape names sorted; structure members
// keep the API order, which is stable and reads better in completions).
//
// Design constraints from the consumers of the schema:
// * An expression (`Get`, `Std:Join`, `Std:JsonGet`) may stand at EVERY value inside Arguments, so each
//   generated definition is `if IsExpression then Expression else <real type>`.
// * No oneOf/anyOf except inside IsExpression: the project turns ajv errors into human messages and
//   oneOf/anyOf produce a cloud of unhelpful branch errors. Discriminated unions use if/then.
// * No botocore `pattern`s: they are Java regexes (possessive quantifiers, \p{...}) that ajv rejects
//   or interprets differently.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// =====================================================================================================
// EXCEPTIONS: every place where the generated schema deliberately differs from the API model.
// =====================================================================================================
const EXCEPTIONS = {
  // Members the SDK pops from the request before putting it into the definition (the service names
  // the job itself), so they are allowed but never required. Keyed by request shape.
  notRequired: {
    CreateTrainingJobRequest: ["TrainingJobName"],
    // RoleArn: diego_terraform-template_pipeline-definition.json (hand-written template) has none.
    CreateProcessingJobRequest: ["ProcessingJobName", "RoleArn"],
    CreateTransformJobRequest: ["TransformJobName"],
    CreateHyperParameterTuningJobRequest: ["HyperParameterTuningJobName"],
    CreateModelInput: ["ModelName"],
    CreateAutoMLJobRequest: ["AutoMLJobName"],
    // EndpointConfigName/EndpointName stay required: the SDK's EndpointConfigStep/EndpointStep pass
    // them through (nothing popped) and no corpus file has such a step.
  },

  // Members removed from a request shape: the service rejects them in a definition.
  removedMembers: {
    // SDK PR #3472: "Unable to parse pipeline definition. Unknown Argument member 'ModelPackageName'".
    CreateModelPackageInput: ["ModelPackageName"],
  },

  // List shapes whose botocore `max` is NOT turned into maxItems.
  noMaxItems: [
    // >10 inputs pass CreatePipeline and fail at run time (SDK issue #2554); the separate rule
    // `processing-inputs-limit` reports it with a better message.
    "ProcessingInputs",
  ],

  // Member-level replacements `"Shape.Member": schema`, used instead of the member's `$ref`, so the
  // shared shape (Tag, RoleArn) stays strict everywhere else.
  memberOverrides: {
    // sdk-test_automl-step_wrapped.json (SDK fixture) writes AutoML tags as {"Name", "Value"}
    // instead of {"Key", "Value"}: accept any object of strings there.
    "CreateAutoMLJobRequest.Tags": {
      type: "array",
      items: {
        if: { $ref: "#/definitions/IsExpression" },
        then: { $ref: "#/definitions/Expression" },
        else: { type: "object", additionalProperties: { $ref: "#/definitions/value.String" } },
      },
    },
    // sdk-test_automl-step_wrapped.json: "RoleArn": "DummyRole" is shorter than RoleArn's minLength 20.
    "CreateAutoMLJobRequest.RoleArn": { $ref: "#/definitions/value.String" },
  },

  // Stub Arguments accepted for a step type instead of its request shape: an object with no members
  // other than these. SDK unit tests use a stub "Training" step (CustomStep) as a dependency target,
  // with `"Arguments": {}` (sdk-test_callback-steps.json, sdk-test_condition-all-types.json,
  // sdk-test_emr-cluster-id.json, sdk-test_emr-retry-policies_wrapped.json, sdk-test_lambda-steps.json)
  // or `{"input_data": ...}` (sdk-test_pipeline-variables.json, sdk-test_experiment-config-null.json,
  // sdk-v3-test_mlflow-config.json). Real Training Arguments (any API member) keep the full check.
  stubArguments: {
    Training: ["input_data"],
  },

  // A string that is entirely a template placeholder (Terraform/CDK `${name}`) is not checked against
  // enum/minLength/maxLength: its value is unknown until the template is rendered.
  // diego_terraform-template_pipeline-definition.json: "InstanceType": "${processing_instance_type}".
  templatePlaceholderPattern: "^\\$\\{[^{}]+\\}$",
};

// Step type -> Arguments request shape (botocore). Types absent here get hand-written Arguments.
const STEP_ARGUMENT_SHAPES = {
  Training: "CreateTrainingJobRequest",
  Processing: "CreateProcessingJobRequest",
  ClarifyCheck: "CreateProcessingJobRequest",
  QualityCheck: "CreateProcessingJobRequest",
  Transform: "CreateTransformJobRequest",
  Tuning: "CreateHyperParameterTuningJobRequest",
  Model: "CreateModelInput",
  RegisterModel: "CreateModelPackageInput",
  // The SDK's AutoMLStep emits the V1 request (AutoMLJobConfig/ProblemType/InputDataConfig), as the
  // corpus file sdk-test_automl-step_wrapped.json shows.
  AutoML: "CreateAutoMLJobRequest",
  EndpointConfig: "CreateEndpointConfigInput",
  Endpoint: "CreateEndpointInput",
  InferenceComponent: "CreateInferenceComponentInput",
};

// API shapes the hand-written arguments use (LineageStep: its entities are Create{Action,Artifact,Context} requests).
const HAND_WRITTEN_API_SHAPES = ["CreateActionRequest", "CreateArtifactRequest", "CreateContextRequest", "AssociationEdgeType"];

const STEP_TYPES = [
  "Processing",
  "Training",
  "Transform",
  "Tuning",
  "Model",
  "RegisterModel",
  "Condition",
  "Fail",
  "Lambda",
  "Callback",
  "ClarifyCheck",
  "QualityCheck",
  "EMR",
  "EMRServerless",
  "AutoML",
  "EndpointConfig",
  "Endpoint",
  "InferenceComponent",
  "BedrockCustomModel",
  "BedrockCustomModelDeployment",
  "BedrockModelImport",
  "BedrockProvisionedModelThroughput",
  "Lineage",
  // SDK v3 (sagemaker-mlops): ForEach fans its ForEachBody out per item, Cleanup deletes upstream S3 outputs, Job
  // wraps CreateJob (its parameters travel in the JobConfigDocument string).
  "ForEach",
  "Cleanup",
  "Job",
];

// Step types whose Arguments is a free object (no published request model, or free-form inputs).
const FREE_ARGUMENT_TYPES = new Set([
  "Lambda",
  "Callback",
  "EMRServerless",
  "BedrockCustomModel",
  "BedrockCustomModelDeployment",
  "BedrockModelImport",
  "BedrockProvisionedModelThroughput",
  // No SDK-made Job definition is in the fixtures yet: the CreateJob request is not imposed on its Arguments.
  "Job",
]);

const COMPARISON_CONDITIONS = ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo"];
const CONDITION_TYPES = [...COMPARISON_CONDITIONS, "In", "Not", "Or"];

// Property roots for `Steps.<name>.<path>` (SDK `Properties(shape_name=...)`).
const PROPERTY_ROOTS = {
  Training: "DescribeTrainingJobResponse",
  Processing: "DescribeProcessingJobResponse",
  Transform: "DescribeTransformJobResponse",
  Model: "DescribeModelOutput",
  RegisterModel: "DescribeModelPackageOutput",
  Tuning: ["DescribeHyperParameterTuningJobResponse", "ListTrainingJobsForHyperParameterTuningJobResponse"],
  AutoML: "DescribeAutoMLJobResponse",
  EndpointConfig: "DescribeEndpointConfigOutput",
  Endpoint: "DescribeEndpointOutput",
  InferenceComponent: "DescribeInferenceComponentOutput",
  Job: "DescribeJobResponse",
};

// keyField for lists of structures, i.e. which member `['key']` matches. First the names the SDK
// uses (research report 2.6), then a generic fallback (see pickKeyField).
const KEY_FIELD_PREFERENCE = [
  "OutputName", // ProcessingOutputConfig.Outputs
  "InputName", // ProcessingInputs
  "MetricName", // FinalMetricDataList, metric definitions
  "ChannelName", // InputDataConfig channels
  "ChannelType", // AutoML channels (training/validation)
  "ContainerHostname", // inference containers
  "RuleConfigurationName", // Debug/Profiler rule configurations and statuses
  "VariantName", // ProductionVariants
  "TrainingJobName", // TrainingJobSummaries
  "Name",
  "Key",
];

// =====================================================================================================
// Text helpers
// =====================================================================================================
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&nbsp;": " " };
const ABBREVIATIONS = new Set(["e.g", "i.e", "etc", "vs", "approx"]);
const MAX_DOC = 300;

function stripHtml(html) {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|amp|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e])
    .replace(/\s+/g, " ")
    .trim();
}

/** First sentence of a botocore documentation string, plain text, at most MAX_DOC chars. */
function firstSentence(html) {
  if (!html) return undefined;
  const text = stripHtml(html);
  if (!text) return undefined;
  let sentence = text;
  for (const m of text.matchAll(/[.!?](?=\s|$)/g)) {
    // "e.g. foo" is not a sentence end
    const word = /([A-Za-z.]+)$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase() ?? "";
    if (ABBREVIATIONS.has(word)) continue;
    sentence = text.slice(0, m.index + 1);
    break;
  }
  return sentence.length > MAX_DOC ? sentence.slice(0, MAX_DOC - 1).trimEnd() + "…" : sentence;
}

// =====================================================================================================
// Botocore model helpers
// =====================================================================================================
function memberEntries(shapes, shapeName) {
  const removed = new Set(EXCEPTIONS.removedMembers[shapeName] ?? []);
  return Object.entries(shapes[shapeName].members ?? {}).filter(([name]) => !removed.has(name));
}

/** Shape names referenced directly by a shape. */
function childShapes(shapes, shapeName) {
  const s = shapes[shapeName];
  switch (s.type) {
    case "structure":
      return memberEntries(shapes, shapeName).map(([, m]) => m.shape);
    case "list":
      return [s.member.shape];
    case "map":
      return [s.value.shape];
    default:
      return [];
  }
}

/** All shapes reachable from the roots (roots included), sorted by name. */
function reachable(shapes, roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    if (!shapes[name]) throw new Error(`shape not in model: ${name}`);
    seen.add(name);
    stack.push(...childShapes(shapes, name));
  }
  return [...seen].sort();
}

// =====================================================================================================
// Schema building blocks
// =====================================================================================================
const ref = (name) => ({ $ref: `#/definitions/${name}` });
const apiRef = (shapeName) => ref(`api.${shapeName}`);

/** `schema`, unless the value is an expression, in which case the expression must be well formed. */
function exprOr(schema) {
  return { if: ref("IsExpression"), then: ref("Expression"), else: schema };
}

function withRange(target, s, lowKey, highKey) {
  if (s.min !== undefined) target[lowKey] = s.min;
  if (s.max !== undefined) target[highKey] = s.max;
  return target;
}

/** The non-expression part of one botocore shape. */
function realTypeSchema(shapes, shapeName) {
  const s = shapes[shapeName];
  switch (s.type) {
    case "structure":
      return structureSchema(shapes, shapeName);
    case "list": {
      const out = { type: "array", items: apiRef(s.member.shape) };
      if (s.min !== undefined) out.minItems = s.min;
      if (s.max !== undefined && !EXCEPTIONS.noMaxItems.includes(shapeName)) out.maxItems = s.max;
      return out;
    }
    case "map":
      return withRange({ type: "object", additionalProperties: apiRef(s.value.shape) }, s, "minProperties", "maxProperties");
    case "string":
    case "blob":
      return stringSchema(s);
    case "integer":
    case "long":
      return withRange({ type: "integer" }, s, "minimum", "maximum");
    case "float":
    case "double":
      return withRange({ type: "number" }, s, "minimum", "maximum");
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      return { type: ["string", "number"] };
    default:
      throw new Error(`unsupported shape type ${s.type} (${shapeName})`);
  }
}

function stringSchema(s) {
  const constraints = withRange(s.enum ? { enum: [...s.enum] } : {}, s, "minLength", "maxLength");
  if (!Object.keys(constraints).length) return { type: "string" };
  return { type: "string", if: { pattern: EXCEPTIONS.templatePlaceholderPattern }, else: constraints };
}

function structureSchema(shapes, shapeName) {
  const s = shapes[shapeName];
  const properties = {};
  for (const [member, m] of memberEntries(shapes, shapeName)) {
    const override = EXCEPTIONS.memberOverrides[`${shapeName}.${member}`];
    const prop = override ? structuredClone(override) : apiRef(m.shape);
    const doc = firstSentence(m.documentation);
    if (doc) prop.description = doc;
    properties[member] = prop;
  }
  const out = { type: "object", properties };
  const notRequired = new Set(EXCEPTIONS.notRequired[shapeName] ?? []);
  const required = (s.required ?? []).filter((r) => !notRequired.has(r) && r in properties);
  if (required.length) out.required = required;
  // A botocore union sets exactly one member; "at most one" is expressible without oneOf.
  if (s.union) out.maxProperties = 1;
  out.additionalProperties = false;
  return out;
}

function apiDefinitions(shapes, requestRoots) {
  const defs = {};
  for (const name of reachable(shapes, requestRoots)) {
    defs[`api.${name}`] = exprOr(realTypeSchema(shapes, name));
  }
  return defs;
}

// ---- expressions and generic values --------------------------------------------------------------
function expressionDefinitions() {
  return {
    IsExpression: {
      description: "True for an object carrying one of the expression keys Get, Std:Join, Std:JsonGet.",
      type: "object",
      anyOf: [{ required: ["Get"] }, { required: ["Std:Join"] }, { required: ["Std:JsonGet"] }],
    },
    Expression: {
      description: 'A pipeline expression: {"Get": ...}, {"Std:Join": ...} or {"Std:JsonGet": ...}.',
      type: "object",
      allOf: [
        { if: { required: ["Get"] }, then: ref("expr.Get") },
        { if: { required: ["Std:Join"] }, then: ref("expr.Join") },
        { if: { required: ["Std:JsonGet"] }, then: ref("expr.JsonGet") },
      ],
    },
    "expr.Get": {
      description: "Reference to a parameter, execution variable, experiment config value or step property.",
      type: "object",
      properties: {
        Get: {
          type: "string",
          description: "Parameters.<Name>, Execution.<Variable>, PipelineExperimentConfig.<Name> or Steps.<StepName>.<path>.",
        },
      },
      required: ["Get"],
      additionalProperties: false,
    },
    "expr.Join": {
      description: "Joins the string forms of Values with the separator On.",
      type: "object",
      properties: {
        "Std:Join": {
          type: "object",
          properties: {
            On: { type: "string", description: "Separator placed between the values." },
            Values: { type: "array", items: ref("value.Any"), description: "Values (primitives or expressions) to join." },
          },
          required: ["On", "Values"],
          additionalProperties: false,
        },
      },
      required: ["Std:Join"],
      additionalProperties: false,
    },
    "expr.JsonGet": {
      description: "Reads a value from a JSON property file (or an S3 JSON object) at run time.",
      type: "object",
      properties: {
        "Std:JsonGet": {
          type: "object",
          properties: {
            PropertyFile: {
              description: 'The property file: {"Get": "Steps.<Processing step>.PropertyFiles.<name>"} or its name.',
              if: { type: "object" },
              then: ref("expr.Get"),
              else: { type: "string" },
            },
            Path: { type: "string", description: "JSON path inside the file (dot keys, [n], ['key'])." },
            S3Uri: { ...ref("value.Any"), description: "S3 URI of the JSON document (used by @step function outputs)." },
          },
          required: ["Path"],
          additionalProperties: false,
        },
      },
      required: ["Std:JsonGet"],
      additionalProperties: false,
    },
    "value.Any": { description: "Any JSON value; an expression must be well formed.", if: ref("IsExpression"), then: ref("Expression") },
    "value.String": exprOr({ type: "string" }),
    "value.Boolean": exprOr({ type: "boolean" }),
  };
}

// ---- envelope -----------------------------------------------------------------------------------
function envelopeDefinitions() {
  return {
    Parameter: {
      type: "object",
      properties: {
        Name: { type: "string", description: 'Parameter name, referenced as {"Get": "Parameters.<Name>"}.' },
        Type: { type: "string", enum: ["String", "Integer", "Float", "Boolean"], description: "Parameter type (String when omitted)." },
        // Type/default agreement is a separate rule; here only "a JSON primitive".
        DefaultValue: { type: ["string", "number", "boolean"], description: "Value used when an execution does not set the parameter." },
        EnumValues: { type: "array", items: { type: ["string", "number", "boolean"] }, description: "Allowed values." },
        Description: { type: "string" },
      },
      required: ["Name"],
      additionalProperties: false,
    },
    PipelineExperimentConfig: {
      description: "Experiment and trial the executions are recorded under; null disables it.",
      type: ["object", "null"],
      properties: {
        ExperimentName: { ...ref("value.String"), description: "Experiment name (default: the pipeline name)." },
        TrialName: { ...ref("value.String"), description: "Trial name (default: the execution id)." },
      },
      additionalProperties: false,
    },
    MlflowConfig: {
      description: "MLflow tracking server and experiment (SDK v3); null when unset.",
      type: ["object", "null"],
      properties: {
        MlflowResourceArn: { ...ref("value.String"), description: "ARN of the MLflow tracking server." },
        MlflowExperimentName: { ...ref("value.String"), description: "MLflow experiment name." },
      },
      additionalProperties: false,
    },
  };
}

// ---- steps ----------------------------------------------------------------------------------------
function commonStepDefinitions() {
  return {
    CacheConfig: {
      description: "Step caching: reuse a successful earlier run with the same cache key.",
      type: "object",
      properties: {
        Enabled: { type: "boolean", description: "Turns caching on for this step." },
        // The duration format is checked by a separate rule (lenient ISO 8601 spellings are in use).
        ExpireAfter: { type: "string", description: "ISO 8601 duration after which a cached run is no longer reused, e.g. P30D, T12H." },
      },
      additionalProperties: false,
    },
    RetryPolicy: {
      type: "object",
      properties: {
        // The SDK and the docs use an array; the old official schema a single string.
        ExceptionType: { type: ["array", "string"], items: { type: "string" }, description: "Exception types the policy applies to, e.g. Step.SERVICE_FAULT." },
        IntervalSeconds: { type: "integer", description: "Seconds before the first retry." },
        BackoffRate: { type: "number", description: "Multiplier applied to the interval after each retry." },
        MaxAttempts: { type: "integer", description: "Maximum number of retries." },
        ExpireAfterMin: { type: "integer", description: "Minutes after which no more retries are made." },
      },
      additionalProperties: false,
    },
    PropertyFile: {
      description: "A JSON file in a processing output, readable with Std:JsonGet.",
      type: "object",
      properties: {
        PropertyFileName: { type: "string", description: 'Name used in {"Get": "Steps.<step>.PropertyFiles.<name>"}.' },
        OutputName: { type: "string", description: "Processing output (ProcessingOutputConfig.Outputs[].OutputName) holding the file." },
        FilePath: { type: "string", description: "Path of the file inside that output." },
      },
      additionalProperties: false,
    },
    OutputParameter: {
      type: "object",
      properties: {
        OutputName: { type: "string", description: "Name, referenced as Steps.<step>.OutputParameters['<name>']." },
        OutputType: { type: "string", enum: ["String", "Integer", "Boolean", "Float"], description: "Output type (String when omitted)." },
      },
      additionalProperties: false,
    },
  };
}

/** Hand-written Arguments for step types without a botocore request shape. */
function handWrittenArguments() {
  const strictObject = (properties, required) => ({
    type: "object",
    properties,
    ...(required ? { required } : {}),
    additionalProperties: false,
  });
  return {
    "args.Condition": strictObject(
      {
        Conditions: { type: "array", items: ref("Condition"), description: "Conditions, all of which must hold (AND) for IfSteps to run." },
        IfSteps: { type: "array", items: ref("Step"), description: "Steps run when the conditions hold." },
        ElseSteps: { type: "array", items: ref("Step"), description: "Steps run otherwise." },
      },
      ["Conditions"],
    ),
    "args.Fail": strictObject({ ErrorMessage: { ...ref("value.String"), description: "Message shown as the failure reason." } }),
    "args.EMR": strictObject(
      {
        ClusterId: { ...ref("value.String"), description: "Existing EMR cluster to add the step to." },
        ClusterConfig: { type: "object", description: "RunJobFlow configuration of a cluster SageMaker creates for this step." },
        StepConfig: exprOr(
          strictObject(
            {
              HadoopJarStep: exprOr(
                strictObject(
                  {
                    Jar: { ...ref("value.String"), description: "Path of the JAR to run." },
                    Args: exprOr({ type: "array", items: ref("value.String") }),
                    MainClass: { ...ref("value.String"), description: "Main class, when the JAR manifest has none." },
                    Properties: exprOr({
                      type: "array",
                      items: exprOr(strictObject({ Key: ref("value.String"), Value: ref("value.String") })),
                    }),
                  },
                  ["Jar"],
                ),
              ),
            },
            ["HadoopJarStep"],
          ),
        ),
        ExecutionRoleArn: { ...ref("value.String"), description: "Runtime role for the step (only with ClusterId)." },
      },
      ["StepConfig"],
    ),
    // SDK v3 ForEachStep.arguments: the body steps are checked as steps (the validator walks ForEachBody like IfSteps).
    "args.ForEach": strictObject(
      {
        IterableItems: {
          ...exprOr({ type: "array", items: ref("value.Any"), minItems: 1, maxItems: 100 }),
          description: "The items: a list (at most 100), or a reference resolving to a JSON list string.",
        },
        MaxConcurrency: { ...exprOr({ type: "integer", minimum: 1, maximum: 50 }), description: "Child steps running at once (1 to 50)." },
        Selector: {
          ...strictObject(
            {
              Pick: { type: "string", enum: ["MaxBy", "MinBy"], description: "Which iteration the selector picks." },
              Field: { ...ref("value.Any"), description: "An IterationOutput.<body step>.<path> reference compared across iterations." },
            },
            ["Pick", "Field"],
          ),
          description: "Picks one iteration, exposed as Steps.<step>.Selected.",
        },
        ForEachBody: { type: "array", items: ref("Step"), minItems: 1, description: "Steps run once per item (no Condition, Fail or ForEach)." },
      },
      ["IterableItems", "MaxConcurrency", "ForEachBody"],
    ),
    // SDK v3 CleanupStep.arguments.
    "args.Cleanup": strictObject(
      {
        Resources: {
          ...strictObject(
            {
              S3: {
                type: "array",
                minItems: 1,
                items: strictObject(
                  {
                    StepName: { type: "string", description: "The upstream step whose S3 outputs are deleted." },
                    S3Uris: { type: "array", items: ref("value.String"), minItems: 1, description: "Exact objects to delete (Processing, Transform)." },
                  },
                  ["StepName"],
                ),
              },
            },
            ["S3"],
          ),
          description: "What the step deletes.",
        },
      },
      ["Resources"],
    ),
    // The LineageStep of SDK v2 and v3: entities are create requests; an association's ends are an entity of the same step
    // (Name and Type) or any entity by Arn.
    "args.Lineage": strictObject({
      Actions: { type: "array", items: apiRef("CreateActionRequest"), description: "Actions the step creates (CreateAction requests)." },
      Artifacts: { type: "array", items: apiRef("CreateArtifactRequest"), description: "Artifacts the step creates (CreateArtifact requests)." },
      Contexts: { type: "array", items: apiRef("CreateContextRequest"), description: "Contexts the step creates (CreateContext requests)." },
      Associations: {
        type: "array",
        description: "Associations added after the entities are created.",
        items: strictObject(
          {
            Source: ref("lineage.EntityReference"),
            Destination: ref("lineage.EntityReference"),
            AssociationType: { ...apiRef("AssociationEdgeType"), description: "The type of the association." },
          },
          ["Source", "Destination"],
        ),
      },
    }),
    "lineage.EntityReference": {
      description: "An entity created by the same step (Name and Type), or any entity by its Arn.",
      // if/then/else rather than oneOf: a mistake gets the one message of the form it was meant to be.
      if: { type: "object", required: ["Arn"] },
      then: strictObject({ Arn: { ...ref("value.String"), description: "ARN of an existing lineage entity." } }, ["Arn"]),
      else: strictObject(
        {
          Name: { ...ref("value.String"), description: "Name of an entity this step creates." },
          Type: { type: "string", enum: ["Action", "Artifact", "Context"], description: "Kind of that entity." },
        },
        ["Name", "Type"],
      ),
    },
    "args.Free": { type: "object", additionalProperties: ref("value.Any") },
  };
}

function conditionDefinitions() {
  const typeProp = (values) => ({ type: "string", enum: values });
  return {
    Condition: {
      type: "object",
      properties: { Type: { ...typeProp(CONDITION_TYPES), description: "Condition type." } },
      required: ["Type"],
      allOf: [
        { if: { properties: { Type: { enum: COMPARISON_CONDITIONS } }, required: ["Type"] }, then: ref("condition.Comparison") },
        { if: { properties: { Type: { const: "In" } }, required: ["Type"] }, then: ref("condition.In") },
        { if: { properties: { Type: { const: "Not" } }, required: ["Type"] }, then: ref("condition.Not") },
        { if: { properties: { Type: { const: "Or" } }, required: ["Type"] }, then: ref("condition.Or") },
      ],
    },
    "condition.Comparison": {
      type: "object",
      properties: { Type: typeProp(COMPARISON_CONDITIONS), LeftValue: ref("value.Any"), RightValue: ref("value.Any") },
      required: ["Type", "LeftValue", "RightValue"],
      additionalProperties: false,
    },
    "condition.In": {
      type: "object",
      properties: { Type: typeProp(["In"]), QueryValue: ref("value.Any"), Values: { type: "array", items: ref("value.Any") } },
      required: ["Type", "QueryValue", "Values"],
      additionalProperties: false,
    },
    "condition.Not": {
      type: "object",
      properties: { Type: typeProp(["Not"]), Condition: ref("Condition") },
      required: ["Type", "Condition"],
      additionalProperties: false,
    },
    "condition.Or": {
      type: "object",
      properties: { Type: typeProp(["Or"]), Conditions: { type: "array", items: ref("Condition") } },
      required: ["Type", "Conditions"],
      additionalProperties: false,
    },
  };
}

/** Step members beyond the common ones, per type. */
function typeSpecificStepMembers(type) {
  const nullableString = exprOr({ type: ["string", "null"] });
  const checkMembers = (checkTypes) => ({
    CheckType: { ...exprOr({ type: "string", enum: checkTypes }), description: "What the check computes." },
    // The SDK always writes these three, null when unset (the service takes it).
    ModelPackageGroupName: { ...nullableString, description: "Model package group whose latest approved baselines are used." },
    SkipCheck: { ...ref("value.Boolean"), description: "Skip the check and only calculate baselines." },
    FailOnViolation: { ...ref("value.Boolean"), description: "Fail the step when a violation is found." },
    RegisterNewBaseline: { ...ref("value.Boolean"), description: "Make the calculated baselines the ones used for drift checks." },
    SuppliedBaselineConstraints: { ...nullableString, description: "S3 URI of the constraints to check against." },
    ModelName: { ...ref("value.String"), description: "Model used by model bias / explainability checks." },
  });
  const outputParameters = { type: "array", items: ref("OutputParameter"), description: "Outputs, referenced as Steps.<step>.OutputParameters['<name>']." };
  switch (type) {
    case "Processing":
      return { PropertyFiles: { type: "array", items: ref("PropertyFile"), description: "JSON files in the outputs that Std:JsonGet can read." } };
    case "Lambda":
      return { FunctionArn: { ...ref("value.String"), description: "ARN of the Lambda function to invoke." }, OutputParameters: outputParameters };
    case "Callback":
      return { SqsQueueUrl: { ...ref("value.String"), description: "SQS queue the callback message is sent to." }, OutputParameters: outputParameters };
    case "ClarifyCheck":
      return checkMembers(["DATA_BIAS", "MODEL_BIAS", "MODEL_EXPLAINABILITY"]);
    case "QualityCheck":
      return {
        ...checkMembers(["DATA_QUALITY", "MODEL_QUALITY"]),
        SuppliedBaselineStatistics: { ...nullableString, description: "S3 URI of the statistics to check against." },
      };
    default:
      return {};
  }
}

function argumentsSchema(type) {
  if (EXCEPTIONS.stubArguments[type]) {
    return { if: ref(`stub.${type}`), then: ref("args.Free"), else: apiRef(STEP_ARGUMENT_SHAPES[type]) };
  }
  if (STEP_ARGUMENT_SHAPES[type]) return apiRef(STEP_ARGUMENT_SHAPES[type]);
  if (FREE_ARGUMENT_TYPES.has(type)) return ref("args.Free");
  return ref(`args.${type}`); // Condition, Fail, EMR, ForEach, Cleanup, Lineage
}

/** Which members a step of this type must have. */
function requiredStepMembers(type) {
  const required = ["Name", "Type"];
  if (!FREE_ARGUMENT_TYPES.has(type)) required.push("Arguments");
  if (type === "Lambda") required.push("FunctionArn");
  if (type === "Callback") required.push("SqsQueueUrl");
  if (type === "ClarifyCheck" || type === "QualityCheck") required.push("CheckType");
  return required;
}

function stepDefinitions() {
  const defs = {
    Step: {
      description: "A pipeline step.",
      type: "object",
      properties: {
        Name: { type: "string", description: "Step name, unique in the pipeline." },
        Type: { type: "string", enum: STEP_TYPES, description: "Step type." },
      },
      required: ["Name", "Type"],
      allOf: STEP_TYPES.map((t) => ({
        if: { properties: { Type: { const: t } }, required: ["Type"] },
        then: ref(`step.${t}`),
      })),
    },
  };
  for (const [type, keys] of Object.entries(EXCEPTIONS.stubArguments)) {
    defs[`stub.${type}`] = {
      description: "Stub Arguments of SDK unit-test fixtures (see EXCEPTIONS.stubArguments in the generator).",
      type: "object",
      propertyNames: { enum: keys },
    };
  }
  for (const type of STEP_TYPES) {
    defs[`step.${type}`] = {
      type: "object",
      properties: {
        Name: { type: "string", description: "Step name, unique in the pipeline." },
        Type: { const: type, description: "Step type." },
        Arguments: { ...argumentsSchema(type), description: `Arguments of the ${type} step.` },
        DependsOn: {
          type: "array",
          // SDK v3's StepDependency writes {"Step", "Trigger"} for a run condition other than Completed.
          items: {
            if: { type: "object" },
            then: {
              type: "object",
              properties: {
                Step: { type: "string", description: "The upstream step." },
                Trigger: { type: "string", enum: ["Completed", "Failed", "Stopped", "Any"], description: "The upstream outcome that lets this step run." },
              },
              required: ["Step", "Trigger"],
              additionalProperties: false,
            },
            else: { type: "string" },
          },
          description: "Steps that must finish before this one starts: names, or {Step, Trigger} for another outcome than Completed.",
        },
        DisplayName: { type: "string", description: "Name shown in the console." },
        Description: { type: "string", description: "Step description." },
        // On every type: separate rules warn where the service does not support them.
        CacheConfig: ref("CacheConfig"),
        RetryPolicies: { type: "array", items: ref("RetryPolicy"), description: "Retry policies for failures of this step." },
        ...typeSpecificStepMembers(type),
      },
      required: requiredStepMembers(type),
      additionalProperties: false,
    };
  }
  return defs;
}

function sortKeys(obj) {
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, obj[k]]),
  );
}

function buildSchema(model) {
  const requestRoots = [...new Set([...Object.values(STEP_ARGUMENT_SHAPES), ...HAND_WRITTEN_API_SHAPES])];
  const definitions = sortKeys({
    ...expressionDefinitions(),
    ...envelopeDefinitions(),
    ...commonStepDefinitions(),
    ...handWrittenArguments(),
    ...conditionDefinitions(),
    ...stepDefinitions(),
    ...apiDefinitions(model.shapes, requestRoots),
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://sagemaker-pipelines-editor/pipeline-definition.schema.json",
    title: "Amazon SageMaker Pipelines definition",
    description:
      "Pipeline definition JSON (CreatePipeline PipelineDefinition). Step Arguments follow the SageMaker API request shapes; an expression (Get, Std:Join, Std:JsonGet) may stand at any value.",
    "x-generated-by": "scripts/generate-schema.mjs",
    "x-botocore-api-version": model.metadata?.apiVersion,
    type: "object",
    properties: {
      Version: { type: "string", enum: ["2020-12-01"], description: "Definition format version." },
      Metadata: { type: "object", description: "Free metadata (the SDK emits {})." },
      Parameters: { type: "array", items: ref("Parameter"), description: 'Pipeline parameters, referenced as {"Get": "Parameters.<Name>"}.' },
      PipelineExperimentConfig: ref("PipelineExperimentConfig"),
      MlflowConfig: ref("MlflowConfig"),
      Steps: { type: "array", items: ref("Step"), description: "Top-level steps (Condition branches nest more)." },
    },
    required: ["Steps"],
    additionalProperties: false,
    definitions,
  };
}

// =====================================================================================================
// Step property table
// =====================================================================================================
function pickKeyField(shapes, structName) {
  const members = Object.keys(shapes[structName].members ?? {});
  const preferred = KEY_FIELD_PREFERENCE.find((k) => members.includes(k));
  if (preferred) return preferred;
  // Fallback: a required ...Name member, else any ...Name member.
  const names = members.filter((m) => m.endsWith("Name") && shapes[shapes[structName].members[m].shape].type === "string");
  const required = new Set(shapes[structName].required ?? []);
  return names.find((m) => required.has(m)) ?? names[0];
}

function propertyTypeName(type) {
  switch (type) {
    case "integer":
    case "long":
      return "integer";
    case "float":
    case "double":
      return "number";
    case "blob":
      return "string";
    default:
      return type; // string, boolean, timestamp
  }
}

function propertyShapeEntry(shapes, name) {
  const s = shapes[name];
  switch (s.type) {
    case "structure": {
      const members = {};
      for (const [m, def] of Object.entries(s.members ?? {})) {
        const doc = firstSentence(def.documentation);
        members[m] = doc ? { shape: def.shape, doc } : { shape: def.shape };
      }
      return { type: "structure", members };
    }
    case "list": {
      const out = { type: "list", member: s.member.shape };
      if (shapes[s.member.shape].type === "structure") {
        const keyField = pickKeyField(shapes, s.member.shape);
        if (keyField) out.keyField = keyField;
      }
      return out;
    }
    case "map":
      return { type: "map", value: s.value.shape };
    default: {
      const out = { type: propertyTypeName(s.type) };
      if (s.enum) out.enum = [...s.enum];
      return out;
    }
  }
}

const str = (doc) => ({ shape: "String", doc });

/** Synthetic shapes (prefix `x.`/`emr.`) for properties the SageMaker model does not describe. */
const SYNTHETIC_SHAPES = {
  "x.Object": { type: "object" },
  "x.ObjectList": { type: "list", member: "x.Object" },
  "x.PropertyFileMap": { type: "map", value: "x.PropertyFile" },
  "x.PropertyFile": {
    type: "structure",
    members: {
      PropertyFileName: str("Name of the property file."),
      OutputName: str("Processing output holding the file."),
      FilePath: str("Path of the file inside the output."),
    },
  },
  "x.OutputParameterMap": { type: "map", value: "String" },
  "x.AutoMLBestCandidateProperties": {
    type: "structure",
    members: {
      ModelInsightsJsonReportPath: str("S3 path of the model insights JSON report of the best candidate."),
      ExplainabilityJsonReportPath: str("S3 path of the explainability JSON report of the best candidate."),
    },
  },
  // EMR `Step` (DescribeStep in the EMR API; not part of the SageMaker model).
  "emr.HadoopStepConfig": {
    type: "structure",
    members: {
      Jar: str("Path to the JAR file that runs during the step."),
      Properties: { shape: "x.StringMap", doc: "Java properties set when the step runs." },
      MainClass: str("Main class of the JAR."),
      Args: { shape: "x.StringList", doc: "Arguments passed to the main function." },
    },
  },
  "emr.StepStatus": {
    type: "structure",
    members: {
      State: { shape: "emr.StepState", doc: "Execution state of the step." },
      StateChangeReason: { shape: "emr.StepStateChangeReason", doc: "Reason for the last state change." },
      FailureDetails: { shape: "emr.FailureDetails", doc: "Details of a failed step." },
      Timeline: { shape: "emr.StepTimeline", doc: "Timeline of the step." },
    },
  },
  "emr.StepState": { type: "string", enum: ["PENDING", "CANCEL_PENDING", "RUNNING", "COMPLETED", "CANCELLED", "FAILED", "INTERRUPTED"] },
  "emr.ActionOnFailure": { type: "string", enum: ["TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE"] },
  "emr.StepStateChangeReason": { type: "structure", members: { Code: str("Reason code."), Message: str("Descriptive message.") } },
  "emr.FailureDetails": {
    type: "structure",
    members: { Reason: str("Reason of the failure."), Message: str("Descriptive message."), LogFile: str("Path of the log file with the failure.") },
  },
  "emr.StepTimeline": {
    type: "structure",
    members: {
      CreationDateTime: { shape: "Timestamp", doc: "When the step was created." },
      StartDateTime: { shape: "Timestamp", doc: "When the step started." },
      EndDateTime: { shape: "Timestamp", doc: "When the step ended." },
    },
  },
  "x.StringMap": { type: "map", value: "String" },
  "x.StringList": { type: "list", member: "String" },
  // EMR Serverless GetJobRunResponse.jobRun (botocore's emr-serverless model; SDK v3 EMRServerlessStep.properties).
  "emrserverless.JobRun": {
    type: "structure",
    members: {
      applicationId: str("Application the job ran on."),
      jobRunId: str("Identifier of the job run."),
      name: str("Name of the job run."),
      arn: str("ARN of the job run."),
      createdBy: str("Who created the job run."),
      createdAt: { shape: "Timestamp", doc: "When the job run was created." },
      updatedAt: { shape: "Timestamp", doc: "When the job run was last updated." },
      executionRole: str("Role the job ran with."),
      state: { shape: "emrserverless.JobRunState", doc: "State of the job run." },
      stateDetails: str("Details of the state."),
      releaseLabel: str("EMR release of the job run."),
      configurationOverrides: { shape: "x.Object", doc: "Configuration overrides of the job run." },
      jobDriver: { shape: "x.Object", doc: "The job driver (sparkSubmit or hive)." },
      tags: { shape: "x.StringMap", doc: "Tags of the job run." },
      totalExecutionDurationSeconds: { shape: "Integer", doc: "Execution time in seconds." },
      executionTimeoutMinutes: { shape: "Integer", doc: "Timeout of the job run in minutes." },
      mode: { shape: "emrserverless.JobRunMode", doc: "BATCH or STREAMING." },
      attempt: { shape: "Integer", doc: "Attempt number of the job run." },
      startedAt: { shape: "Timestamp", doc: "When the job run started." },
      endedAt: { shape: "Timestamp", doc: "When the job run ended." },
    },
  },
  "emrserverless.JobRunState": {
    type: "string",
    enum: ["SUBMITTED", "PENDING", "SCHEDULED", "RUNNING", "SUCCESS", "FAILED", "CANCELLING", "CANCELLED", "QUEUED"],
  },
  "emrserverless.JobRunMode": { type: "string", enum: ["BATCH", "STREAMING"] },
};

const CHECK_EXTRAS = {
  CalculatedBaselineConstraints: { shape: "String1024", doc: "S3 URI of the constraints calculated by this step." },
  BaselineUsedForDriftCheckConstraints: { shape: "String1024", doc: "S3 URI of the constraints the drift check used." },
};

/** Step members that are not in the root shape (SDK step `properties`). */
const EXTRA_MEMBERS = {
  Training: {
    // NotebookJobStep serializes as a Training step and exposes these aliases.
    ComputingJobName: str("Name of the notebook job's training job (alias of TrainingJobName)."),
    ComputingJobStatus: { shape: "TrainingJobStatus", doc: "Status of the notebook job's training job (alias of TrainingJobStatus)." },
    NotebookJobInputLocation: str("S3 location of the notebook job's inputs."),
    NotebookJobOutputLocationPrefix: str("S3 prefix of the notebook job's outputs."),
    InputNotebookName: str("Name of the input notebook."),
    OutputNotebookName: str("Name of the executed output notebook."),
  },
  Processing: {
    PropertyFiles: { shape: "x.PropertyFileMap", doc: "Property files declared by the step, for Std:JsonGet." },
  },
  AutoML: {
    BestCandidateProperties: { shape: "x.AutoMLBestCandidateProperties", doc: "Report locations of the best candidate." },
  },
  QualityCheck: {
    ...CHECK_EXTRAS,
    CalculatedBaselineStatistics: { shape: "String1024", doc: "S3 URI of the statistics calculated by this step." },
    BaselineUsedForDriftCheckStatistics: { shape: "String1024", doc: "S3 URI of the statistics the drift check used." },
  },
  ClarifyCheck: { ...CHECK_EXTRAS },
  Condition: {
    Outcome: { shape: "ConditionOutcome", doc: "Outcome of the condition evaluation (True or False)." },
  },
  Lambda: {
    OutputParameters: { shape: "x.OutputParameterMap", doc: "Outputs of the function, by OutputName." },
  },
  Callback: {
    OutputParameters: { shape: "x.OutputParameterMap", doc: "Outputs sent with SendPipelineExecutionStepSuccess, by OutputName." },
  },
  Job: {
    // A JSON string in the API model, but SDK v3's JobStep lets a reference descend into it (the service parses it
    // when the reference is resolved): Steps.X.JobConfigDocument.OutputModelPackageArn.
    JobConfigDocument: { shape: "x.Object", doc: "The job's configuration document; a reference may read its members." },
  },
  ForEach: {
    Status: str("Status of the fan-out: Succeeded, Failed or Stopped."),
    InputItemCount: { shape: "Integer", doc: "Number of items iterated." },
    TotalStepCount: { shape: "Integer", doc: "Child steps across all iterations." },
    SucceededStepCount: { shape: "Integer", doc: "Child steps that succeeded." },
    FailedStepCount: { shape: "Integer", doc: "Child steps that failed." },
    StoppedStepCount: { shape: "Integer", doc: "Child steps that were stopped." },
    IterationOutputs: { shape: "x.ObjectList", doc: "Per iteration, the outputs of each body step: IterationOutputs[i].<body step>.<member>." },
    Selected: { shape: "x.Object", doc: "Outputs of the iteration the Selector picked." },
  },
  // SDK v2/v3 LineageStep.properties: the ARNs of what it created, by entity name (no API shape).
  Lineage: {
    ActionArns: { shape: "x.StringMap", doc: "ARN of each action the step created, by ActionName: ActionArns['<name>']." },
    ArtifactArns: { shape: "x.StringMap", doc: "ARN of each artifact the step created, by ArtifactName: ArtifactArns['<name>']." },
    ContextArns: { shape: "x.StringMap", doc: "ARN of each context the step created, by ContextName: ContextArns['<name>']." },
    Associations: { shape: "x.Object", doc: "The associations the step added." },
  },
  EMRServerless: {
    jobRun: { shape: "emrserverless.JobRun", doc: "The job run (EMR Serverless GetJobRun)." },
  },
  EMR: {
    ClusterId: str("Cluster the step ran on."),
    ClusterConfig: { shape: "x.Object", doc: "Configuration of the cluster created for the step." },
    Id: str("Identifier of the EMR step."),
    Name: str("Name of the EMR step."),
    Config: { shape: "emr.HadoopStepConfig", doc: "Hadoop JAR step configuration." },
    ActionOnFailure: { shape: "emr.ActionOnFailure", doc: "Action taken when the step fails." },
    Status: { shape: "emr.StepStatus", doc: "Current execution status of the step." },
    ExecutionRoleArn: str("Runtime role of the step."),
  },
};

function buildStepProperties(model) {
  const shapes = model.shapes;
  const synthetic = new Set(Object.keys(SYNTHETIC_SHAPES));
  // Botocore shapes referenced by the hand-written parts.
  const extraBotocore = [
    ...Object.values(EXTRA_MEMBERS).flatMap((members) => Object.values(members).map((m) => m.shape)),
    ...Object.values(SYNTHETIC_SHAPES).flatMap((s) => [s.value, s.member, ...Object.values(s.members ?? {}).map((m) => m.shape)]),
  ].filter((s) => s && !synthetic.has(s));
  const roots = [...Object.values(PROPERTY_ROOTS).flat(), ...extraBotocore];
  const table = {};
  for (const name of reachable(shapes, roots)) table[name] = propertyShapeEntry(shapes, name);
  Object.assign(table, structuredClone(SYNTHETIC_SHAPES));
  return {
    $comment:
      "Generated by scripts/generate-schema.mjs. A Get path Steps.<name>.<path> starts at the members of roots[<step type>] (one shape or several, merged) plus extraMembers[<step type>]. Path segments: .Member on a structure, [n] on a list, ['key'] on a list (matches the element whose keyField equals key) or on a map; .key is also accepted on a map (PropertyFiles.<name>). Type 'object' is opaque: any deeper path is accepted.",
    "x-generated-by": "scripts/generate-schema.mjs",
    roots: PROPERTY_ROOTS,
    extraMembers: EXTRA_MEMBERS,
    shapes: sortKeys(table),
  };
}

// =====================================================================================================
// CLI
// =====================================================================================================
function parseArgs(argv, scriptDir) {
  const repoRoot = path.resolve(scriptDir, "..");
  let input = path.join(repoRoot, "schemas/source/sagemaker-service-2.json");
  let outDir = path.join(repoRoot, "schemas");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      if (!argv[i + 1]) throw new Error("--out needs a directory");
      outDir = path.resolve(argv[++i]);
    } else if (argv[i].startsWith("--")) {
      throw new Error(`unknown option ${argv[i]}`);
    } else {
      input = path.resolve(argv[i]);
    }
  }
  return { input, outDir };
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

function main() {
  const scriptDir = path.dirname(fileURLToPath(import.meta.url));
  const { input, outDir } = parseArgs(process.argv.slice(2), scriptDir);
  const model = JSON.parse(fs.readFileSync(input, "utf8"));
  fs.mkdirSync(outDir, { recursive: true });
  const schema = buildSchema(model);
  const properties = buildStepProperties(model);
  const schemaFile = path.join(outDir, "pipeline-definition.schema.json");
  const propertiesFile = path.join(outDir, "step-properties.json");
  writeJson(schemaFile, schema);
  writeJson(propertiesFile, properties);
  console.log(
    `wrote ${schemaFile} (${Object.keys(schema.definitions).length} definitions) and ${propertiesFile} (${Object.keys(properties.shapes).length} shapes)`,
  );
}

try {
  main();
} catch (err) {
  console.error(`generate-schema: ${err.message}`);
  console.error("usage: node scripts/generate-schema.mjs [path-to-botocore-json] [--out DIR]");
  process.exit(1);
}
