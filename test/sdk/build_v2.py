"""Pipelines built with the SageMaker Python SDK v2 (imported by generate.py inside moto's mock)."""

import os

from sagemaker.workflow.pipeline_context import PipelineSession

from generate import BUCKET, EMR_CLUSTER, LAMBDA_ARN, QUEUE_URL, REGION, ROLE

INSTANCE = "ml.m5.xlarge"


def session():
    import boto3

    return PipelineSession(boto_session=boto3.Session(region_name=REGION), default_bucket=BUCKET)


def pipeline(name, steps, parameters=(), **kwargs):
    from sagemaker.workflow.pipeline import Pipeline

    return Pipeline(name=name, parameters=list(parameters), steps=steps, sagemaker_session=kwargs.pop("sagemaker_session"), **kwargs)


def processing(work):
    from sagemaker.processing import FrameworkProcessor, ProcessingInput, ProcessingOutput, ScriptProcessor
    from sagemaker.pytorch import PyTorch
    from sagemaker.sklearn.processing import SKLearnProcessor
    from sagemaker.spark.processing import PySparkProcessor
    from sagemaker.workflow.functions import Join
    from sagemaker.workflow.parameters import ParameterInteger, ParameterString
    from sagemaker.workflow.properties import PropertyFile
    from sagemaker.workflow.steps import CacheConfig, ProcessingStep

    s = session()
    count = ParameterInteger(name="ProcessingInstanceCount", default_value=1)
    data = ParameterString(name="InputData", default_value=f"s3://{BUCKET}/data/abalone.csv")
    sklearn = SKLearnProcessor(framework_version="1.2-1", role=ROLE, instance_type=INSTANCE, instance_count=count, sagemaker_session=s)
    pre = ProcessingStep(
        name="Preprocess",
        step_args=sklearn.run(
            code="code/preprocess.py",
            inputs=[ProcessingInput(source=data, destination="/opt/ml/processing/input")],
            outputs=[
                ProcessingOutput(output_name="train", source="/opt/ml/processing/train"),
                ProcessingOutput(output_name="test", source="/opt/ml/processing/test", destination=Join(on="/", values=[f"s3://{BUCKET}", "test"])),
            ],
            arguments=["--split", "0.2"],
        ),
        cache_config=CacheConfig(enable_caching=True, expire_after="PT1H"),
    )
    report = PropertyFile(name="EvaluationReport", output_name="evaluation", path="evaluation.json")
    script = ScriptProcessor(
        image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/evaluate:latest",
        command=["python3"],
        role=ROLE,
        instance_type=INSTANCE,
        instance_count=1,
        env={"MODE": "evaluate"},
        sagemaker_session=s,
    )
    evaluate = ProcessingStep(
        name="Evaluate",
        step_args=script.run(
            code="code/evaluate.py",
            inputs=[
                ProcessingInput(
                    source=pre.properties.ProcessingOutputConfig.Outputs["test"].S3Output.S3Uri, destination="/opt/ml/processing/test"
                )
            ],
            outputs=[ProcessingOutput(output_name="evaluation", source="/opt/ml/processing/evaluation")],
        ),
        property_files=[report],
    )
    framework = FrameworkProcessor(
        estimator_cls=PyTorch,
        framework_version="2.1",
        py_version="py310",
        role=ROLE,
        instance_type=INSTANCE,
        instance_count=1,
        sagemaker_session=s,
    )
    framework_step = ProcessingStep(
        name="FrameworkProcess",
        step_args=framework.run(code="preprocess.py", source_dir="code", arguments=["--epochs", "2"]),
        depends_on=[pre],
    )
    spark = PySparkProcessor(framework_version="3.3", role=ROLE, instance_type=INSTANCE, instance_count=2, sagemaker_session=s)
    spark_step = ProcessingStep(
        name="SparkProcess",
        step_args=spark.run(
            submit_app="code/spark.py",
            arguments=["--input", data],
            configuration=[{"Classification": "spark-defaults", "Properties": {"spark.executor.memory": "2g"}}],
        ),
    )
    return pipeline("sdk-processing", [pre, evaluate, framework_step, spark_step], [count, data], sagemaker_session=s)


def training(work):
    from sagemaker.estimator import Estimator
    from sagemaker.huggingface import HuggingFace
    from sagemaker.inputs import TrainingInput
    from sagemaker.pytorch import PyTorch
    from sagemaker.tensorflow import TensorFlow
    from sagemaker.workflow.parameters import ParameterFloat, ParameterString
    from sagemaker.workflow.retry import SageMakerJobExceptionTypeEnum, SageMakerJobStepRetryPolicy, StepExceptionTypeEnum, StepRetryPolicy
    from sagemaker.workflow.steps import CacheConfig, TrainingStep
    from sagemaker.xgboost import XGBoost
    from sagemaker import image_uris

    s = session()
    train_data = ParameterString(name="TrainData", default_value=f"s3://{BUCKET}/train/")
    eta = ParameterFloat(name="Eta", default_value=0.2)
    retry = [
        StepRetryPolicy(exception_types=[StepExceptionTypeEnum.SERVICE_FAULT, StepExceptionTypeEnum.THROTTLING], interval_seconds=1, backoff_rate=2.0, max_attempts=5),
        SageMakerJobStepRetryPolicy(exception_types=[SageMakerJobExceptionTypeEnum.CAPACITY_ERROR], expire_after_mins=120),
    ]
    xgb_image = image_uris.retrieve("xgboost", region=REGION, version="1.7-1")
    estimator = Estimator(
        image_uri=xgb_image,
        role=ROLE,
        instance_count=1,
        instance_type=INSTANCE,
        output_path=f"s3://{BUCKET}/models",
        hyperparameters={"objective": "reg:linear", "num_round": 50, "eta": eta},
        environment={"LOG_LEVEL": "info"},
        sagemaker_session=s,
    )
    builtin = TrainingStep(
        name="TrainBuiltIn",
        step_args=estimator.fit({"train": TrainingInput(s3_data=train_data, content_type="text/csv")}),
        cache_config=CacheConfig(enable_caching=True, expire_after="P30D"),
        retry_policies=retry,
    )
    xgb = XGBoost(
        entry_point="train.py", source_dir="code", framework_version="1.7-1", role=ROLE,
        instance_count=1, instance_type=INSTANCE, sagemaker_session=s,
    )
    xgb_step = TrainingStep(name="TrainXGBoost", step_args=xgb.fit({"train": train_data}))
    torch = PyTorch(
        entry_point="train.py", source_dir="code", framework_version="2.1", py_version="py310", role=ROLE,
        instance_count=1, instance_type=INSTANCE, hyperparameters={"epochs": 3}, sagemaker_session=s,
    )
    torch_step = TrainingStep(name="TrainPyTorch", step_args=torch.fit({"train": train_data}), cache_config=CacheConfig(enable_caching=True, expire_after="T12H"))
    hf = HuggingFace(
        entry_point="train.py", source_dir="code", transformers_version="4.28", pytorch_version="2.0", py_version="py310",
        role=ROLE, instance_count=1, instance_type="ml.g5.xlarge", sagemaker_session=s,
    )
    hf_step = TrainingStep(name="TrainHuggingFace", step_args=hf.fit({"train": train_data}))
    tf = TensorFlow(
        entry_point="train.py", source_dir="code", framework_version="2.13", py_version="py310", role=ROLE,
        instance_count=1, instance_type=INSTANCE, sagemaker_session=s,
    )
    tf_step = TrainingStep(name="TrainTensorFlow", step_args=tf.fit({"train": train_data}), depends_on=[builtin])
    return pipeline("sdk-training", [builtin, xgb_step, torch_step, hf_step, tf_step], [train_data, eta], sagemaker_session=s)


def tuning(work):
    from sagemaker.estimator import Estimator
    from sagemaker.inputs import TrainingInput
    from sagemaker.tuner import ContinuousParameter, HyperparameterTuner, IntegerParameter
    from sagemaker.workflow.steps import TuningStep
    from sagemaker import image_uris

    s = session()
    image = image_uris.retrieve("xgboost", region=REGION, version="1.7-1")

    def estimator():
        return Estimator(image_uri=image, role=ROLE, instance_count=1, instance_type=INSTANCE, hyperparameters={"num_round": 10}, sagemaker_session=s)

    tuner = HyperparameterTuner(
        estimator(),
        objective_metric_name="validation:rmse",
        objective_type="Minimize",
        hyperparameter_ranges={"eta": ContinuousParameter(0.1, 0.5), "max_depth": IntegerParameter(2, 8)},
        max_jobs=4,
        max_parallel_jobs=2,
    )
    single = TuningStep(name="Tune", step_args=tuner.fit(inputs={"train": TrainingInput(f"s3://{BUCKET}/train/", content_type="text/csv")}))
    multi = HyperparameterTuner.create(
        estimator_dict={"a": estimator(), "b": estimator()},
        objective_metric_name_dict={"a": "validation:rmse", "b": "validation:rmse"},
        hyperparameter_ranges_dict={"a": {"eta": ContinuousParameter(0.1, 0.5)}, "b": {"max_depth": IntegerParameter(2, 8)}},
        objective_type="Minimize",
        max_jobs=4,
        max_parallel_jobs=2,
    )
    multi_step = TuningStep(
        name="TuneMulti",
        step_args=multi.fit(inputs={"a": {"train": f"s3://{BUCKET}/train/"}, "b": {"train": f"s3://{BUCKET}/train/"}}, include_cls_metadata={}),
    )
    best = single.get_top_model_s3_uri(top_k=0, s3_bucket=BUCKET, prefix="tuning")
    from sagemaker.workflow.fail_step import FailStep
    from sagemaker.workflow.functions import Join

    fail = FailStep(name="ReportBest", error_message=Join(on=" ", values=["best model at", best]))
    return pipeline("sdk-tuning", [single, multi_step, fail], sagemaker_session=s)


def models(work):
    from sagemaker.model import Model
    from sagemaker.model_metrics import MetricsSource, ModelMetrics
    from sagemaker.drift_check_baselines import DriftCheckBaselines
    from sagemaker.estimator import Estimator
    from sagemaker.inputs import CreateModelInput, TransformInput
    from sagemaker.pytorch import PyTorchModel
    from sagemaker.transformer import Transformer
    from sagemaker.workflow.model_step import ModelStep
    from sagemaker.workflow.parameters import ParameterString
    from sagemaker.workflow.step_collections import RegisterModel
    from sagemaker.workflow.steps import CreateModelStep, TrainingStep, TransformStep
    from sagemaker import image_uris

    s = session()
    approval = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval", enum_values=["PendingManualApproval", "Approved"])
    image = image_uris.retrieve("xgboost", region=REGION, version="1.7-1")
    est = Estimator(image_uri=image, role=ROLE, instance_count=1, instance_type=INSTANCE, sagemaker_session=s)
    train = TrainingStep(name="Train", step_args=est.fit({"train": f"s3://{BUCKET}/train/"}))
    artifacts = train.properties.ModelArtifacts.S3ModelArtifacts
    model = Model(image_uri=image, model_data=artifacts, role=ROLE, sagemaker_session=s)
    create = ModelStep(name="CreateModel", step_args=model.create(instance_type=INSTANCE))
    metrics = ModelMetrics(model_statistics=MetricsSource(s3_uri=f"s3://{BUCKET}/evaluation.json", content_type="application/json"))
    baselines = DriftCheckBaselines(model_statistics=MetricsSource(s3_uri=f"s3://{BUCKET}/baseline.json", content_type="application/json"))
    register = ModelStep(
        name="Register",
        step_args=model.register(
            content_types=["text/csv"], response_types=["text/csv"], inference_instances=[INSTANCE], transform_instances=[INSTANCE],
            model_package_group_name="sdk-fixture-group", approval_status=approval, model_metrics=metrics, drift_check_baselines=baselines,
        ),
    )
    repack_model = PyTorchModel(
        model_data=artifacts, role=ROLE, entry_point="inference.py", source_dir="code",
        framework_version="2.1", py_version="py310", sagemaker_session=s,
    )
    repack = ModelStep(name="CreateRepacked", step_args=repack_model.create(instance_type=INSTANCE))
    legacy_register = RegisterModel(
        name="RegisterLegacy", estimator=est, model_data=artifacts, content_types=["text/csv"], response_types=["text/csv"],
        inference_instances=[INSTANCE], transform_instances=[INSTANCE], model_package_group_name="sdk-fixture-group",
    )
    legacy_create = CreateModelStep(name="CreateModelLegacy", model=model, inputs=CreateModelInput(instance_type=INSTANCE))
    transformer = Transformer(model_name=create.properties.ModelName, instance_count=1, instance_type=INSTANCE, output_path=f"s3://{BUCKET}/transform", sagemaker_session=s)
    transform = TransformStep(name="Transform", step_args=transformer.transform(data=f"s3://{BUCKET}/batch/", content_type="text/csv"))
    legacy_transform = TransformStep(name="TransformLegacy", transformer=transformer, inputs=TransformInput(data=f"s3://{BUCKET}/batch/"))
    return pipeline("sdk-models", [train, create, register, repack, legacy_register, legacy_create, transform, legacy_transform], [approval], sagemaker_session=s)


def gen_work(work):
    return work


def conditions(work):
    from sagemaker.workflow.condition_step import ConditionStep
    from sagemaker.workflow.conditions import (
        ConditionEquals, ConditionGreaterThan, ConditionGreaterThanOrEqualTo, ConditionIn, ConditionLessThan,
        ConditionLessThanOrEqualTo, ConditionNot, ConditionOr,
    )
    from sagemaker.workflow.execution_variables import ExecutionVariables
    from sagemaker.workflow.fail_step import FailStep
    from sagemaker.workflow.functions import Join, JsonGet
    from sagemaker.workflow.parameters import ParameterBoolean, ParameterFloat, ParameterInteger, ParameterString
    from sagemaker.processing import ProcessingOutput, ScriptProcessor
    from sagemaker.workflow.properties import PropertyFile
    from sagemaker.workflow.steps import ProcessingStep

    s = session()
    threshold = ParameterFloat(name="Threshold", default_value=0.7)
    count = ParameterInteger(name="Count", default_value=3)
    flag = ParameterBoolean(name="Flag", default_value=True)
    region = ParameterString(name="Region", default_value="us-east-1", enum_values=["us-east-1", "eu-west-1"])
    proc = ScriptProcessor(image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/eval:1", command=["python3"], role=ROLE, instance_type=INSTANCE, instance_count=1, sagemaker_session=s)
    report = PropertyFile(name="Metrics", output_name="metrics", path="metrics.json")
    evaluate = ProcessingStep(
        name="Evaluate",
        step_args=proc.run(code="code/evaluate.py", outputs=[ProcessingOutput(output_name="metrics", source="/opt/ml/processing/metrics")]),
        property_files=[report],
    )
    score = JsonGet(step_name=evaluate.name, property_file=report, json_path="regression_metrics.mse.value")
    fail = FailStep(
        name="Fail",
        error_message=Join(on=" ", values=["Execution", ExecutionVariables.PIPELINE_EXECUTION_ID, "of", ExecutionVariables.PIPELINE_NAME, "failed: mse", score]),
    )
    fail_inner = FailStep(name="FailInner", error_message=Join(values=["started at ", ExecutionVariables.START_DATETIME, ", now ", ExecutionVariables.CURRENT_DATETIME]))
    ok = FailStep(name="NotReally", error_message=Join(on=",", values=[ExecutionVariables.PIPELINE_ARN, ExecutionVariables.PIPELINE_EXECUTION_ARN]))
    inner = ConditionStep(name="Inner", conditions=[ConditionIn(value=region, in_values=["us-east-1", "us-west-2"])], if_steps=[fail_inner], else_steps=[ok])
    check = ConditionStep(
        name="Check",
        conditions=[
            ConditionLessThanOrEqualTo(left=score, right=threshold),
            ConditionGreaterThan(left=count, right=0),
            ConditionGreaterThanOrEqualTo(left=threshold, right=0.5),
            ConditionLessThan(left=count, right=10),
            ConditionEquals(left=flag, right=True),
            ConditionNot(expression=ConditionEquals(left=region, right="eu-west-1")),
            ConditionOr(conditions=[ConditionEquals(left=count, right=1), ConditionIn(value=count, in_values=[3, 5])]),
        ],
        if_steps=[inner],
        else_steps=[fail],
    )
    return pipeline("sdk-conditions", [evaluate, check], [threshold, count, flag, region], sagemaker_session=s)


def lambda_callback(work):
    from sagemaker.lambda_helper import Lambda
    from sagemaker.workflow.callback_step import CallbackOutput, CallbackOutputTypeEnum, CallbackStep
    from sagemaker.workflow.lambda_step import LambdaOutput, LambdaOutputTypeEnum, LambdaStep
    from sagemaker.workflow.steps import CacheConfig

    s = session()
    lam = LambdaStep(
        name="Lambda",
        lambda_func=Lambda(function_arn=LAMBDA_ARN, session=s),
        inputs={"bucket": BUCKET, "count": 2},
        outputs=[LambdaOutput(output_name="status", output_type=LambdaOutputTypeEnum.String), LambdaOutput(output_name="score", output_type=LambdaOutputTypeEnum.Float)],
        cache_config=CacheConfig(enable_caching=True, expire_after="PT15M"),
    )
    cb = CallbackStep(
        name="Callback",
        sqs_queue_url=QUEUE_URL,
        inputs={"status": lam.properties.Outputs["status"]},
        outputs=[CallbackOutput(output_name="approved", output_type=CallbackOutputTypeEnum.Boolean), CallbackOutput(output_name="count", output_type=CallbackOutputTypeEnum.Integer)],
    )
    return pipeline("sdk-lambda-callback", [lam, cb], sagemaker_session=s)


def emr(work):
    from sagemaker.workflow.emr_step import EMRStep, EMRStepConfig
    from sagemaker.workflow.retry import StepExceptionTypeEnum, StepRetryPolicy

    s = session()
    config = EMRStepConfig(jar="command-runner.jar", args=["spark-submit", "s3://bucket/app.py"], properties=[{"Key": "k", "Value": "v"}])
    on_cluster = EMRStep(
        name="EMRCluster", display_name="On a cluster", description="Runs on an existing cluster", cluster_id=EMR_CLUSTER, step_config=config,
        execution_role_arn=ROLE, retry_policies=[StepRetryPolicy(exception_types=[StepExceptionTypeEnum.THROTTLING], max_attempts=3)],
    )
    new_cluster = EMRStep(
        name="EMRNewCluster", display_name="New cluster", description="Creates a cluster", cluster_id=None, step_config=config,
        cluster_config={"Instances": {"InstanceGroups": [{"InstanceRole": "MASTER", "InstanceCount": 1, "InstanceType": "m5.xlarge"}]}, "ReleaseLabel": "emr-6.15.0"},
    )
    return pipeline("sdk-emr", [on_cluster, new_cluster], sagemaker_session=s)


def checks(work):
    from sagemaker.clarify import BiasConfig, DataConfig, ModelConfig, ModelPredictedLabelConfig, SHAPConfig
    from sagemaker.model_monitor import DatasetFormat
    from sagemaker.workflow.check_job_config import CheckJobConfig
    from sagemaker.workflow.clarify_check_step import (
        ClarifyCheckStep, DataBiasCheckConfig, ModelBiasCheckConfig, ModelExplainabilityCheckConfig,
    )
    from sagemaker.workflow.parameters import ParameterBoolean
    from sagemaker.workflow.quality_check_step import DataQualityCheckConfig, ModelQualityCheckConfig, QualityCheckStep

    s = session()
    skip = ParameterBoolean(name="SkipChecks", default_value=False)
    job = CheckJobConfig(role=ROLE, instance_count=1, instance_type=INSTANCE, sagemaker_session=s)
    data_quality = DataQualityCheckConfig(baseline_dataset=f"s3://{BUCKET}/baseline.csv", dataset_format=DatasetFormat.csv(header=False), output_s3_uri=f"s3://{BUCKET}/dq")
    dq_plain = QualityCheckStep(
        name="DataQualityNoBaseline", quality_check_config=data_quality, check_job_config=job, skip_check=True, register_new_baseline=True,
    )
    dq_baseline = QualityCheckStep(
        name="DataQualityWithBaseline", quality_check_config=data_quality, check_job_config=job, skip_check=skip, register_new_baseline=False,
        supplied_baseline_statistics=f"s3://{BUCKET}/statistics.json", supplied_baseline_constraints=f"s3://{BUCKET}/constraints.json",
        model_package_group_name="sdk-fixture-group",
    )
    model_quality = ModelQualityCheckConfig(
        baseline_dataset=f"s3://{BUCKET}/predictions.csv", dataset_format=DatasetFormat.csv(header=True), problem_type="Regression",
        inference_attribute="prediction", ground_truth_attribute="label", output_s3_uri=f"s3://{BUCKET}/mq",
    )
    mq = QualityCheckStep(name="ModelQuality", quality_check_config=model_quality, check_job_config=job, skip_check=False, register_new_baseline=False,
                          supplied_baseline_constraints=f"s3://{BUCKET}/mq-constraints.json")
    data_config = DataConfig(s3_data_input_path=f"s3://{BUCKET}/train.csv", s3_output_path=f"s3://{BUCKET}/clarify", label="label", headers=["label", "a", "b"], dataset_type="text/csv")
    bias = BiasConfig(label_values_or_threshold=[1], facet_name="a")
    data_bias = ClarifyCheckStep(
        name="DataBias", clarify_check_config=DataBiasCheckConfig(data_config=data_config, data_bias_config=bias), check_job_config=job,
        skip_check=False, register_new_baseline=False,
    )
    model_config = ModelConfig(model_name="sdk-fixture-model", instance_count=1, instance_type=INSTANCE, content_type="text/csv", accept_type="text/csv")
    model_bias = ClarifyCheckStep(
        name="ModelBias",
        clarify_check_config=ModelBiasCheckConfig(data_config=data_config, data_bias_config=bias, model_config=model_config, model_predicted_label_config=ModelPredictedLabelConfig(probability_threshold=0.5)),
        check_job_config=job, skip_check=False, register_new_baseline=False, supplied_baseline_constraints=f"s3://{BUCKET}/bias-constraints.json",
        model_package_group_name="sdk-fixture-group",
    )
    explain = ClarifyCheckStep(
        name="ModelExplainability",
        clarify_check_config=ModelExplainabilityCheckConfig(data_config=data_config, model_config=model_config, explainability_config=SHAPConfig(baseline=[[0.5, 0.5]], num_samples=10)),
        check_job_config=job, skip_check=True, register_new_baseline=True,
    )
    return pipeline("sdk-checks", [dq_plain, dq_baseline, mq, data_bias, model_bias, explain], [skip], sagemaker_session=s)


def monitor_batch_transform(work):
    from sagemaker.model_monitor import DatasetFormat
    from sagemaker.transformer import Transformer
    from sagemaker.workflow.check_job_config import CheckJobConfig
    from sagemaker.workflow.monitor_batch_transform_step import MonitorBatchTransformStep
    from sagemaker.workflow.quality_check_step import DataQualityCheckConfig

    s = session()
    transformer = Transformer(model_name="sdk-fixture-model", instance_count=1, instance_type=INSTANCE, output_path=f"s3://{BUCKET}/transform", sagemaker_session=s)
    job = CheckJobConfig(role=ROLE, instance_count=1, instance_type=INSTANCE, sagemaker_session=s)
    config = DataQualityCheckConfig(baseline_dataset=f"s3://{BUCKET}/batch/", dataset_format=DatasetFormat.csv(header=False), output_s3_uri=f"s3://{BUCKET}/monitor")
    before = MonitorBatchTransformStep(
        name="MonitorBefore", transform_step_args=transformer.transform(data=f"s3://{BUCKET}/batch/", content_type="text/csv"),
        monitor_configuration=config, check_job_configuration=job, monitor_before_transform=True,
        supplied_baseline_constraints=f"s3://{BUCKET}/constraints.json",
    )
    after = MonitorBatchTransformStep(
        name="MonitorAfter", transform_step_args=transformer.transform(data=f"s3://{BUCKET}/batch2/", content_type="text/csv"),
        monitor_configuration=config, check_job_configuration=job, monitor_before_transform=False, fail_on_violation=False,
    )
    return pipeline("sdk-monitor-batch-transform", [before, after], sagemaker_session=s)


def automl(work):
    from sagemaker.automl.automl import AutoML, AutoMLInput
    from sagemaker.workflow.automl_step import AutoMLStep

    s = session()
    auto = AutoML(role=ROLE, target_attribute_name="label", sagemaker_session=s, mode="ENSEMBLING", max_candidates=3)
    step = AutoMLStep(name="AutoML", step_args=auto.fit(inputs=AutoMLInput(inputs=f"s3://{BUCKET}/train.csv", target_attribute_name="label", channel_type="training")))
    return pipeline("sdk-automl", [step], sagemaker_session=s)


def notebook_job(work):
    from sagemaker.workflow.notebook_job_step import NotebookJobStep

    s = session()
    nb = NotebookJobStep(
        name="Notebook", input_notebook="notebook/analysis.ipynb",
        image_uri="885854791233.dkr.ecr.us-east-1.amazonaws.com/sagemaker-distribution-prod:1-cpu", kernel_name="python3",
        role=ROLE, s3_root_uri=f"s3://{BUCKET}/notebooks", parameters={"alpha": "0.1"}, environment_variables={"STAGE": "dev"},
    )
    return pipeline("sdk-notebook-job", [nb], sagemaker_session=s)


def functions(work):
    from sagemaker.workflow.function_step import step
    from sagemaker.workflow.parameters import ParameterInteger

    s = session()
    size = ParameterInteger(name="Size", default_value=3)
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/python:3.11"

    @step(name="MakeData", role=ROLE, instance_type=INSTANCE, image_uri=image, keep_alive_period_in_seconds=0)
    def make_data(n):
        return list(range(n))

    @step(name="Total", role=ROLE, instance_type=INSTANCE, image_uri=image)
    def total(values):
        return sum(values)

    result = total(make_data(size))
    return pipeline("sdk-step-decorator", [result], [size], sagemaker_session=s)


def endpoints_lineage(work):
    from sagemaker.workflow.endpoint_step import EndpointConfigStep, EndpointStep
    from sagemaker.workflow.inference_component_step import InferenceComponentStep

    s = session()
    # create_endpoint_config looks the model up (moto answers it).
    s.sagemaker_client.create_model(ModelName="sdk-fixture-model", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"})
    config = EndpointConfigStep(
        name="EndpointConfig", step_args=s.create_endpoint_config(
            name="sdk-fixture-config",
            production_variants=[{"VariantName": "AllTraffic", "ModelName": "sdk-fixture-model", "InitialInstanceCount": 1, "InstanceType": INSTANCE}],
        ),
    )
    endpoint = EndpointStep(name="Endpoint", step_args=s.create_endpoint(endpoint_name="sdk-fixture-endpoint", config_name=config.properties.EndpointConfigName))
    component = InferenceComponentStep(
        name="InferenceComponent",
        step_args=s.create_inference_component(
            inference_component_name="sdk-fixture-component", endpoint_name="sdk-fixture-endpoint", variant_name="AllTraffic",
            specification={"ModelName": "sdk-fixture-model", "ComputeResourceRequirements": {"NumberOfCpuCoresRequired": 1, "MinMemoryRequiredInMb": 1024}},
            runtime_config={"CopyCount": 1},
        ),
        depends_on=[endpoint],
    )
    from sagemaker.lineage.action import Action
    from sagemaker.lineage.artifact import Artifact
    from sagemaker.workflow.lineage_step import LineageAssociation, LineageEntityReference, LineageStep

    lineage = LineageStep(
        name="RecordLineage",
        actions=[Action.create(action_name="deploy-run", source_uri=f"s3://{BUCKET}/run", source_type="S3ETag", action_type="ModelDeployment", sagemaker_session=s)],
        artifacts=[Artifact.create(artifact_name="deployed-model", source_uri=f"s3://{BUCKET}/model.tar.gz", artifact_type="Model", sagemaker_session=s)],
        associations=[
            LineageAssociation(
                source=LineageEntityReference(name="deploy-run", type="Action"),
                destination=LineageEntityReference(name="deployed-model", type="Artifact"),
                association_type="Produced",
            ),
            LineageAssociation(
                source=LineageEntityReference(arn="arn:aws:sagemaker:us-east-1:123456789012:context/sdk-fixture"),
                destination=LineageEntityReference(name="deploy-run", type="Action"),
            ),
        ],
        depends_on=[component],
    )
    return pipeline("sdk-endpoints", [config, endpoint, component, lineage], sagemaker_session=s)


def parameters_experiment(work):
    from sagemaker.workflow.execution_variables import ExecutionVariables
    from sagemaker.workflow.fail_step import FailStep
    from sagemaker.workflow.functions import Join
    from sagemaker.workflow.parallelism_config import ParallelismConfiguration
    from sagemaker.workflow.parameters import ParameterBoolean, ParameterFloat, ParameterInteger, ParameterString
    from sagemaker.workflow.pipeline_experiment_config import PipelineExperimentConfig, PipelineExperimentConfigProperties

    s = session()
    params = [
        ParameterString(name="Text", default_value="hello"),
        ParameterString(name="Choice", default_value="a", enum_values=["a", "b"]),
        ParameterString(name="NoDefault"),
        ParameterInteger(name="Whole", default_value=4),
        ParameterFloat(name="Ratio", default_value=0.5),
        ParameterBoolean(name="Switch", default_value=False),
    ]
    message = Join(on=" ", values=[*params, PipelineExperimentConfigProperties.EXPERIMENT_NAME, PipelineExperimentConfigProperties.TRIAL_NAME, ExecutionVariables.PIPELINE_EXECUTION_ID])
    steps = [FailStep(name="Report", error_message=message)]
    with_config = pipeline(
        "sdk-parameters", steps, params, sagemaker_session=s,
        pipeline_experiment_config=PipelineExperimentConfig(ExecutionVariables.PIPELINE_NAME, Join(on="-", values=["trial", ExecutionVariables.PIPELINE_EXECUTION_ID])),
    )
    steps_null = [FailStep(name="Report", error_message=Join(on=" ", values=[params[0]]))]
    without = pipeline("sdk-experiment-null", steps_null, [params[0]], sagemaker_session=s, pipeline_experiment_config=None)
    parallel = pipeline("sdk-parallelism", [FailStep(name="Stop", error_message="stop")], sagemaker_session=s)
    parallel.parallelism_configuration = ParallelismConfiguration(max_parallel_execution_steps=4)
    return [("sdk-parameters", with_config), ("sdk-experiment-null", without), ("sdk-parallelism", parallel)]


def cache_values(work):
    from sagemaker.lambda_helper import Lambda
    from sagemaker.processing import ScriptProcessor
    from sagemaker.workflow.steps import CacheConfig, ProcessingStep

    s = session()
    proc = ScriptProcessor(image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/p:1", command=["python3"], role=ROLE, instance_type=INSTANCE, instance_count=1, sagemaker_session=s)
    steps = []
    for i, value in enumerate(["PT1H", "P30D", "PT30M", "P1DT12H", "T12H", "30d", "P1W"]):
        steps.append(ProcessingStep(name=f"Cached{i}", step_args=proc.run(code="code/preprocess.py", arguments=[str(i)]), cache_config=CacheConfig(enable_caching=True, expire_after=value)))
    steps.append(ProcessingStep(name="CacheOff", step_args=proc.run(code="code/preprocess.py"), cache_config=CacheConfig(enable_caching=False)))
    return pipeline("sdk-cache", steps, sagemaker_session=s)


BUILDERS = [
    processing, training, tuning, models, conditions, lambda_callback, emr, checks, monitor_batch_transform, automl,
    notebook_job, functions, endpoints_lineage, parameters_experiment, cache_values,
]


def build_all(work):
    made = []
    for build in BUILDERS:
        result = build(work)
        if isinstance(result, list):
            made.extend(result)
        else:
            made.append((result.name, result))
    return made
