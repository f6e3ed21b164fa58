/**
 * Realistic generated pipeline definitions of any size, for benchmarks and robustness tests: blocks of
 * 15 steps of every main type (Processing with a property file, Training and Tuning with caching,
 * a Condition whose branches hold Model, RegisterModel, Transform and Fail, Lambda, Callback,
 * QualityCheck, ClarifyCheck, EMR, AutoML), wired by `Get` references, `Std:Join`, `Std:JsonGet`,
 * DependsOn and parameters, and chained block to block. Every step and reference is valid: the
 * linter finds no error apart from `definition-too-large` for big ones.
 */

const ROLE = "arn:aws:iam::111122223333:role/SageMakerExecutionRole";
const BUCKET = "s3://amzn-s3-demo-bucket";
const SKLEARN = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
const XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

type Json = Record<string, unknown>;
const get = (path: string) => ({ Get: path });
const join = (...values: unknown[]) => ({ "Std:Join": { On: "/", Values: values } });

const cluster = (instanceType: unknown = get("Parameters.ProcessingInstanceType")) => ({
  ClusterConfig: { InstanceType: instanceType, InstanceCount: get("Parameters.ProcessingInstanceCount"), VolumeSizeInGB: 30 },
});
const s3Input = (name: string, uri: unknown, localPath: string) => ({
  InputName: name,
  AppManaged: false,
  S3Input: {
    S3Uri: uri,
    LocalPath: localPath,
    S3DataType: "S3Prefix",
    S3InputMode: "File",
    S3DataDistributionType: "FullyReplicated",
    S3CompressionType: "None",
  },
});
const s3Output = (name: string, uri: unknown, localPath: string) => ({
  OutputName: name,
  AppManaged: false,
  S3Output: { S3Uri: uri, LocalPath: localPath, S3UploadMode: "EndOfJob" },
});
const output = (step: string, name: string) => get(`Steps.${step}.ProcessingOutputConfig.Outputs['${name}'].S3Output.S3Uri`);
const cache = (expireAfter: string) => ({ CacheConfig: { Enabled: true, ExpireAfter: expireAfter } });
const retry = { RetryPolicies: [{ ExceptionType: ["Step.SERVICE_FAULT", "Step.THROTTLING"], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 5 }] };

function trainingJob(k: number, input: unknown): Json {
  return {
    AlgorithmSpecification: { TrainingImage: XGBOOST, TrainingInputMode: "File" },
    RoleArn: ROLE,
    OutputDataConfig: { S3OutputPath: join(BUCKET, get("Execution.PipelineExecutionId"), `model-${k}`) },
    ResourceConfig: { InstanceType: get("Parameters.TrainingInstanceType"), InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    InputDataConfig: [
      {
        ChannelName: "train",
        DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: input, S3DataDistributionType: "FullyReplicated" } },
        ContentType: "text/csv",
      },
    ],
  };
}

/** The steps of block `k`, in an order where every step only reads steps before it. */
function block(k: number, previous: number | undefined): Array<{ step: Json; count: number }> {
  const n = (name: string) => `${name}${k}`;
  const input = previous === undefined ? get("Parameters.InputData") : output(`Prep${previous}`, "train");
  const prep = {
    Name: n("Prep"),
    Type: "Processing",
    DisplayName: `Preprocess, block ${k}`,
    ...cache("P30D"),
    ...retry,
    Arguments: {
      ProcessingResources: cluster(),
      AppSpecification: { ImageUri: SKLEARN, ContainerEntrypoint: ["python3", "/opt/ml/processing/input/code/preprocess.py"] },
      RoleArn: ROLE,
      Environment: { BLOCK: String(k) },
      ProcessingInputs: [s3Input("input", input, "/opt/ml/processing/input"), s3Input("code", `${BUCKET}/code/preprocess.py`, "/opt/ml/processing/input/code")],
      ProcessingOutputConfig: {
        Outputs: ["train", "validation", "test"].map((o) =>
          s3Output(o, join(BUCKET, get("Execution.PipelineExecutionId"), `prep-${k}`, o), `/opt/ml/processing/${o}`),
        ),
      },
    },
  };
  const train = {
    Name: n("Train"),
    Type: "Training",
    ...cache("PT12H"),
    Arguments: {
      ...trainingJob(k, output(n("Prep"), "train")),
      HyperParameters: { max_depth: { "Std:Join": { On: "", Values: [get("Parameters.MaxDepth")] } }, num_round: "50" },
    },
  };
  const evaluate = {
    Name: n("Eval"),
    Type: "Processing",
    Arguments: {
      ProcessingResources: cluster(),
      AppSpecification: { ImageUri: XGBOOST, ContainerEntrypoint: ["python3", "/opt/ml/processing/input/code/evaluate.py"] },
      RoleArn: ROLE,
      ProcessingInputs: [
        s3Input("model", get(`Steps.${n("Train")}.ModelArtifacts.S3ModelArtifacts`), "/opt/ml/processing/model"),
        s3Input("test", output(n("Prep"), "test"), "/opt/ml/processing/test"),
      ],
      ProcessingOutputConfig: {
        Outputs: [s3Output("evaluation", join(BUCKET, get("Execution.PipelineExecutionId"), `eval-${k}`), "/opt/ml/processing/evaluation")],
      },
    },
    PropertyFiles: [{ PropertyFileName: "EvaluationReport", OutputName: "evaluation", FilePath: "evaluation.json" }],
  };
  const model = {
    Name: n("Model"),
    Type: "Model",
    Arguments: {
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: XGBOOST, Environment: {}, ModelDataUrl: get(`Steps.${n("Train")}.ModelArtifacts.S3ModelArtifacts`) },
    },
  };
  const register = {
    Name: n("Register"),
    Type: "RegisterModel",
    Arguments: {
      ModelPackageGroupName: `group-${k}`,
      ModelApprovalStatus: get("Parameters.ModelApprovalStatus"),
      InferenceSpecification: {
        Containers: [{ Image: XGBOOST, ModelDataUrl: get(`Steps.${n("Train")}.ModelArtifacts.S3ModelArtifacts`) }],
        SupportedContentTypes: ["text/csv"],
        SupportedResponseMIMETypes: ["text/csv"],
        SupportedRealtimeInferenceInstanceTypes: ["ml.m5.xlarge"],
        SupportedTransformInstanceTypes: ["ml.m5.xlarge"],
      },
    },
  };
  const transform = {
    Name: n("Transform"),
    Type: "Transform",
    Arguments: {
      ModelName: get(`Steps.${n("Model")}.ModelName`),
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: get("Parameters.BatchData") } }, ContentType: "text/csv" },
      TransformOutput: { S3OutputPath: join(BUCKET, get("Execution.PipelineExecutionId"), `transform-${k}`) },
      TransformResources: { InstanceType: "ml.m5.xlarge", InstanceCount: 1 },
    },
  };
  const fail = {
    Name: n("Fail"),
    Type: "Fail",
    Arguments: { ErrorMessage: { "Std:Join": { On: " ", Values: ["MSE above", get("Parameters.MseThreshold"), "in block", String(k)] } } },
  };
  const check = {
    Name: n("Check"),
    Type: "Condition",
    Arguments: {
      Conditions: [
        {
          Type: "LessThanOrEqualTo",
          LeftValue: { "Std:JsonGet": { PropertyFile: get(`Steps.${n("Eval")}.PropertyFiles.EvaluationReport`), Path: "regression_metrics.mse.value" } },
          RightValue: get("Parameters.MseThreshold"),
        },
      ],
      IfSteps: [model, register, transform],
      ElseSteps: [fail],
    },
  };
  const tune = {
    Name: n("Tune"),
    Type: "Tuning",
    ...cache("P7D"),
    Arguments: {
      HyperParameterTuningJobConfig: {
        Strategy: "Bayesian",
        ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 },
        HyperParameterTuningJobObjective: { Type: "Minimize", MetricName: "validation:rmse" },
        ParameterRanges: { ContinuousParameterRanges: [{ Name: "eta", MinValue: "0.1", MaxValue: "0.5" }] },
      },
      TrainingJobDefinition: { ...trainingJob(k, output(n("Prep"), "validation")), StaticHyperParameters: { num_round: "100" } },
    },
  };
  const lambda = {
    Name: n("Notify"),
    Type: "Lambda",
    DependsOn: [n("Tune")],
    FunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:notify",
    Arguments: {
      model_artifacts: get(`Steps.${n("Train")}.ModelArtifacts.S3ModelArtifacts`),
      best_job: get(`Steps.${n("Tune")}.BestTrainingJob.TrainingJobName`),
    },
    OutputParameters: [{ OutputName: "statusCode", OutputType: "String" }],
  };
  const callback = {
    Name: n("Approve"),
    Type: "Callback",
    SqsQueueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
    Arguments: { status: get(`Steps.${n("Notify")}.OutputParameters['statusCode']`) },
    OutputParameters: [{ OutputName: "approved", OutputType: "Boolean" }],
  };
  const quality = {
    Name: n("Quality"),
    Type: "QualityCheck",
    CheckType: "DATA_QUALITY",
    Arguments: {
      ProcessingResources: cluster("ml.c5.xlarge"),
      AppSpecification: { ImageUri: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
      RoleArn: ROLE,
      ProcessingInputs: [s3Input("baseline_dataset_input", output(n("Prep"), "train"), "/opt/ml/processing/input/baseline_dataset_input")],
      ProcessingOutputConfig: { Outputs: [s3Output("quality_check_output", `${BUCKET}/monitoring/quality-${k}`, "/opt/ml/processing/output")] },
      Environment: {
        dataset_source: "/opt/ml/processing/input/baseline_dataset_input",
        output_path: "/opt/ml/processing/output",
        dataset_format: '{"csv": {"header": false}}',
        publish_cloudwatch_metrics: "Disabled",
      },
    },
    ModelPackageGroupName: `group-${k}`,
    SkipCheck: false,
    RegisterNewBaseline: false,
  };
  const clarify = {
    Name: n("Bias"),
    Type: "ClarifyCheck",
    CheckType: "DATA_BIAS",
    Arguments: {
      ProcessingResources: cluster("ml.c5.xlarge"),
      AppSpecification: { ImageUri: "205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0" },
      RoleArn: ROLE,
      ProcessingInputs: [
        s3Input("analysis_config", `${BUCKET}/clarify/analysis_config.json`, "/opt/ml/processing/input/config"),
        s3Input("dataset", output(n("Prep"), "train"), "/opt/ml/processing/input/data"),
      ],
      ProcessingOutputConfig: { Outputs: [s3Output("analysis_result", `${BUCKET}/monitoring/bias-${k}`, "/opt/ml/processing/output")] },
    },
    ModelPackageGroupName: `group-${k}`,
    SkipCheck: false,
    RegisterNewBaseline: false,
  };
  const emr = {
    Name: n("Spark"),
    Type: "EMR",
    DependsOn: [n("Prep")],
    Arguments: {
      ClusterId: "j-1ABCDEFGHIJKL",
      StepConfig: { HadoopJarStep: { Jar: "command-runner.jar", Args: ["spark-submit", `${BUCKET}/code/job-${k}.py`] } },
    },
  };
  const automl = {
    Name: n("AutoML"),
    Type: "AutoML",
    Arguments: {
      AutoMLJobConfig: { CompletionCriteria: { MaxCandidates: 10 }, Mode: "ENSEMBLING" },
      AutoMLJobObjective: { MetricName: "F1" },
      InputDataConfig: [
        { ChannelType: "training", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: output(n("Prep"), "train") } }, TargetAttributeName: "label" },
      ],
      OutputDataConfig: { S3OutputPath: `${BUCKET}/automl-${k}` },
      ProblemType: "Regression",
      RoleArn: ROLE,
    },
  };
  return [
    { step: prep, count: 1 },
    { step: train, count: 1 },
    { step: evaluate, count: 1 },
    { step: check, count: 5 },
    { step: tune, count: 1 },
    { step: lambda, count: 1 },
    { step: callback, count: 1 },
    { step: quality, count: 1 },
    { step: clarify, count: 1 },
    { step: emr, count: 1 },
    { step: automl, count: 1 },
  ];
}

/** Steps per block (Condition branches included). */
export const BLOCK_SIZE = 15;

/** A definition with exactly `steps` steps (Condition branch steps counted), as an object. */
export function generatePipeline(steps: number): Json {
  const all: Json[] = [];
  let count = 0;
  for (let k = 0; count < steps; k++) {
    for (const unit of block(k, k === 0 ? undefined : k - 1)) {
      if (count + unit.count > steps) continue; // a Condition that does not fit: the smaller steps after it fill up
      all.push(unit.step);
      count += unit.count;
      if (count === steps) break;
    }
  }
  return {
    Version: "2020-12-01",
    Metadata: {},
    Parameters: [
      { Name: "ProcessingInstanceCount", Type: "Integer", DefaultValue: 1 },
      { Name: "ProcessingInstanceType", Type: "String", DefaultValue: "ml.m5.xlarge" },
      { Name: "TrainingInstanceType", Type: "String", DefaultValue: "ml.m5.xlarge" },
      { Name: "ModelApprovalStatus", Type: "String", DefaultValue: "PendingManualApproval", EnumValues: ["PendingManualApproval", "Approved"] },
      { Name: "InputData", Type: "String", DefaultValue: `${BUCKET}/data/raw` },
      { Name: "BatchData", Type: "String", DefaultValue: `${BUCKET}/data/batch` },
      { Name: "MaxDepth", Type: "Integer", DefaultValue: 5 },
      { Name: "MseThreshold", Type: "Float", DefaultValue: 6.0 },
    ],
    PipelineExperimentConfig: { ExperimentName: get("Execution.PipelineName"), TrialName: get("Execution.PipelineExecutionId") },
    Steps: all,
  };
}

/** The same, as the text an editor holds (2-space indent, as the SDK's `json.dumps(indent=2)`). */
export function generatePipelineText(steps: number): string {
  return `${JSON.stringify(generatePipeline(steps), null, 2)}\n`;
}
