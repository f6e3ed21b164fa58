import { choice, rawTab, tab } from "./snippet";

/**
 * Minimal, realistic skeletons of a new step of each main type, written as values with snippet
 * markers (see snippet.ts). Filled in with their defaults, each one passes the linter; the defaults
 * (account 111122223333, bucket amzn-s3-demo-bucket, image URIs of us-east-1) are placeholders to replace.
 */
export const STEP_TEMPLATE_TYPES = [
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
  "QualityCheck",
  "ClarifyCheck",
  "EMR",
  "AutoML",
] as const;

export type TemplateType = (typeof STEP_TEMPLATE_TYPES)[number];

export const DEFAULT_STEP_NAMES: Record<TemplateType, string> = {
  Processing: "Preprocess",
  Training: "Train",
  Transform: "BatchTransform",
  Tuning: "Tune",
  Model: "CreateModel",
  RegisterModel: "RegisterModel",
  Condition: "CheckMetric",
  Fail: "Fail",
  Lambda: "InvokeLambda",
  Callback: "WaitForCallback",
  QualityCheck: "DataQualityCheck",
  ClarifyCheck: "DataBiasCheck",
  EMR: "EMRStep",
  AutoML: "AutoML",
};

export const STEP_DESCRIPTIONS: Record<TemplateType, string> = {
  Processing: "A processing job (CreateProcessingJob): a script in a container, with S3 inputs and outputs.",
  Training: "A training job (CreateTrainingJob).",
  Transform: "A batch transform job (CreateTransformJob) with an existing model.",
  Tuning: "A hyperparameter tuning job (CreateHyperParameterTuningJob).",
  Model: "Creates a SageMaker model (CreateModel) from an image and model artifacts.",
  RegisterModel: "Registers a model package version in a model package group (CreateModelPackage).",
  Condition: "Runs IfSteps when all conditions hold, ElseSteps otherwise.",
  Fail: "Stops the execution as failed, with an error message.",
  Lambda: "Invokes an AWS Lambda function and reads its outputs.",
  Callback: "Sends a message to an SQS queue and waits for SendPipelineExecutionStepSuccess/Failure.",
  QualityCheck: "A data or model quality check against a baseline (Model Monitor).",
  ClarifyCheck: "A data bias, model bias or explainability check against a baseline (SageMaker Clarify).",
  EMR: "Adds a step to an Amazon EMR cluster.",
  AutoML: "An Autopilot job (CreateAutoMLJob) that trains and selects the best model.",
};

const ROLE = "arn:aws:iam::111122223333:role/SageMakerExecutionRole";
const BUCKET = "s3://amzn-s3-demo-bucket";
const SKLEARN_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
const XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

const cluster = (first: number, instanceType = "ml.m5.xlarge") => ({
  ClusterConfig: { InstanceType: tab(first, instanceType), InstanceCount: rawTab(first + 1, 1), VolumeSizeInGB: rawTab(first + 2, 30) },
});

const s3Input = (name: string, uri: string, localPath: string) => ({
  InputName: name,
  S3Input: { S3Uri: uri, LocalPath: localPath, S3DataType: "S3Prefix", S3InputMode: "File" },
});

const s3Output = (name: string, uri: string, localPath: string) => ({
  OutputName: name,
  S3Output: { S3Uri: uri, LocalPath: localPath, S3UploadMode: "EndOfJob" },
});

const trainingJob = (first: number) => ({
  AlgorithmSpecification: { TrainingImage: tab(first, XGBOOST_IMAGE), TrainingInputMode: "File" },
  RoleArn: tab(first + 1, ROLE),
  OutputDataConfig: { S3OutputPath: tab(first + 2, `${BUCKET}/models`) },
  ResourceConfig: { InstanceType: tab(first + 3, "ml.m5.xlarge"), InstanceCount: 1, VolumeSizeInGB: 30 },
  StoppingCondition: { MaxRuntimeInSeconds: 86400 },
  InputDataConfig: [
    {
      ChannelName: "train",
      DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: tab(first + 4, `${BUCKET}/data/train`), S3DataDistributionType: "FullyReplicated" } },
      ContentType: "text/csv",
    },
  ],
});

/** The `Arguments` and other members of a new step, after its Name and Type. */
const BODIES: Record<TemplateType, () => Record<string, unknown>> = {
  Processing: () => ({
    Arguments: {
      ProcessingResources: cluster(2),
      AppSpecification: { ImageUri: tab(5, SKLEARN_IMAGE), ContainerEntrypoint: ["python3", `/opt/ml/processing/input/code/${tab(6, "preprocess.py")}`] },
      RoleArn: tab(7, ROLE),
      ProcessingInputs: [
        s3Input("input", tab(8, `${BUCKET}/data/raw`), "/opt/ml/processing/input"),
        s3Input("code", tab(9, `${BUCKET}/code/preprocess.py`), "/opt/ml/processing/input/code"),
      ],
      ProcessingOutputConfig: { Outputs: [s3Output(tab(10, "train"), tab(11, `${BUCKET}/output/train`), "/opt/ml/processing/train")] },
    },
  }),
  Training: () => ({ Arguments: { ...trainingJob(2), HyperParameters: { num_round: tab(7, "100") } } }),
  Transform: () => ({
    Arguments: {
      ModelName: tab(2, "my-model"),
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: tab(3, `${BUCKET}/data/batch`) } }, ContentType: "text/csv" },
      TransformOutput: { S3OutputPath: tab(4, `${BUCKET}/transform`) },
      TransformResources: { InstanceType: tab(5, "ml.m5.xlarge"), InstanceCount: 1 },
    },
  }),
  Tuning: () => ({
    Arguments: {
      HyperParameterTuningJobConfig: {
        Strategy: choice(2, ["Bayesian", "Random", "Hyperband", "Grid"]),
        ResourceLimits: { MaxNumberOfTrainingJobs: rawTab(3, 10), MaxParallelTrainingJobs: rawTab(4, 2) },
        HyperParameterTuningJobObjective: { Type: "Minimize", MetricName: tab(5, "validation:rmse") },
        ParameterRanges: { ContinuousParameterRanges: [{ Name: tab(6, "eta"), MinValue: "0.1", MaxValue: "0.5" }] },
      },
      TrainingJobDefinition: { ...trainingJob(7), StaticHyperParameters: { num_round: "100" } },
    },
  }),
  Model: () => ({
    Arguments: {
      ExecutionRoleArn: tab(2, ROLE),
      PrimaryContainer: { Image: tab(3, XGBOOST_IMAGE), ModelDataUrl: tab(4, `${BUCKET}/models/model.tar.gz`) },
    },
  }),
  RegisterModel: () => ({
    Arguments: {
      ModelPackageGroupName: tab(2, "my-model-group"),
      ModelApprovalStatus: choice(3, ["PendingManualApproval", "Approved", "Rejected"]),
      InferenceSpecification: {
        Containers: [{ Image: tab(4, XGBOOST_IMAGE), ModelDataUrl: tab(5, `${BUCKET}/models/model.tar.gz`) }],
        SupportedContentTypes: ["text/csv"],
        SupportedResponseMIMETypes: ["text/csv"],
        SupportedRealtimeInferenceInstanceTypes: ["ml.m5.xlarge"],
        SupportedTransformInstanceTypes: ["ml.m5.xlarge"],
      },
    },
  }),
  Condition: () => ({
    Arguments: {
      Conditions: [
        {
          Type: choice(2, ["LessThanOrEqualTo", "LessThan", "GreaterThanOrEqualTo", "GreaterThan", "Equals"]),
          LeftValue: rawTab(3, 0),
          RightValue: rawTab(4, 1),
        },
      ],
      IfSteps: [],
      ElseSteps: [],
    },
  }),
  Fail: () => ({ Arguments: { ErrorMessage: tab(2, "The model did not meet the quality threshold.") } }),
  Lambda: () => ({
    FunctionArn: tab(2, "arn:aws:lambda:us-east-1:111122223333:function:my-function"),
    Arguments: { [tab(3, "model_name")]: tab(4, "my-model") },
    OutputParameters: [{ OutputName: tab(5, "statusCode"), OutputType: "String" }],
  }),
  Callback: () => ({
    SqsQueueUrl: tab(2, "https://sqs.us-east-1.amazonaws.com/111122223333/my-queue"),
    Arguments: { [tab(3, "input_location")]: tab(4, `${BUCKET}/data`) },
    OutputParameters: [{ OutputName: tab(5, "output_location"), OutputType: "String" }],
  }),
  QualityCheck: () => ({
    CheckType: choice(2, ["DATA_QUALITY", "MODEL_QUALITY"]),
    Arguments: {
      ProcessingResources: cluster(3, "ml.c5.xlarge"),
      AppSpecification: { ImageUri: tab(6, "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer") },
      RoleArn: tab(7, ROLE),
      ProcessingInputs: [s3Input("baseline_dataset_input", tab(8, `${BUCKET}/data/train`), "/opt/ml/processing/input/baseline_dataset_input")],
      ProcessingOutputConfig: { Outputs: [s3Output("quality_check_output", tab(9, `${BUCKET}/monitoring/data-quality`), "/opt/ml/processing/output")] },
      Environment: {
        dataset_source: "/opt/ml/processing/input/baseline_dataset_input",
        output_path: "/opt/ml/processing/output",
        dataset_format: '{"csv": {"header": false}}',
        publish_cloudwatch_metrics: "Disabled",
      },
    },
    ModelPackageGroupName: tab(10, "my-model-group"),
    SkipCheck: false,
    RegisterNewBaseline: false,
  }),
  ClarifyCheck: () => ({
    CheckType: choice(2, ["DATA_BIAS", "MODEL_BIAS", "MODEL_EXPLAINABILITY"]),
    Arguments: {
      ProcessingResources: cluster(3, "ml.c5.xlarge"),
      AppSpecification: { ImageUri: tab(6, "205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0") },
      RoleArn: tab(7, ROLE),
      ProcessingInputs: [
        s3Input("analysis_config", tab(8, `${BUCKET}/clarify/analysis_config.json`), "/opt/ml/processing/input/config"),
        s3Input("dataset", tab(9, `${BUCKET}/data/train`), "/opt/ml/processing/input/data"),
      ],
      ProcessingOutputConfig: { Outputs: [s3Output("analysis_result", tab(10, `${BUCKET}/monitoring/data-bias`), "/opt/ml/processing/output")] },
    },
    ModelPackageGroupName: tab(11, "my-model-group"),
    SkipCheck: false,
    RegisterNewBaseline: false,
  }),
  EMR: () => ({
    Arguments: {
      ClusterId: tab(2, "j-1ABCDEFGHIJKL"),
      StepConfig: { HadoopJarStep: { Jar: tab(3, "command-runner.jar"), Args: ["spark-submit", tab(4, `${BUCKET}/code/job.py`)] } },
    },
  }),
  AutoML: () => ({
    Arguments: {
      AutoMLJobConfig: { CompletionCriteria: { MaxCandidates: rawTab(2, 10) }, Mode: choice(3, ["ENSEMBLING", "HYPERPARAMETER_TUNING", "AUTO"]) },
      AutoMLJobObjective: { MetricName: tab(4, "F1") },
      InputDataConfig: [
        {
          ChannelType: "training",
          DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: tab(5, `${BUCKET}/data/train`) } },
          TargetAttributeName: tab(6, "label"),
        },
      ],
      OutputDataConfig: { S3OutputPath: tab(7, `${BUCKET}/automl`) },
      ProblemType: choice(8, ["BinaryClassification", "MulticlassClassification", "Regression"]),
      RoleArn: tab(9, ROLE),
    },
  }),
};

/** A new step of `type` named (by default) `name`, as a value with snippet markers. */
export function stepTemplate(type: TemplateType, name: string): Record<string, unknown> {
  return { Name: tab(1, name), Type: type, ...BODIES[type]() };
}
