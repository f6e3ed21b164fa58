"""Pipelines built with the SageMaker Python SDK v3 (sagemaker-core, -train, -mlops; imported by generate.py inside moto's mock)."""

from generate import BUCKET, EMR_CLUSTER, LAMBDA_ARN, QUEUE_URL, REGION, ROLE

INSTANCE = "ml.m5.xlarge"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/job:1"


def session():
    import boto3
    from sagemaker.core.workflow.pipeline_context import PipelineSession

    return PipelineSession(boto_session=boto3.Session(region_name=REGION), default_bucket=BUCKET)


def pipeline(name, steps, parameters=(), **kwargs):
    from sagemaker.mlops.workflow.pipeline import Pipeline

    return Pipeline(name=name, parameters=list(parameters), steps=steps, **kwargs)


def processor(s, env=None):
    from sagemaker.core.processing import ScriptProcessor

    return ScriptProcessor(role=ROLE, image_uri=IMAGE, command=["python3"], instance_count=1, instance_type=INSTANCE, env=env, sagemaker_session=s)


def output(name, path):
    from sagemaker.core.shapes import ProcessingOutput, ProcessingS3Output

    return ProcessingOutput(output_name=name, s3_output=ProcessingS3Output(s3_uri=f"s3://{BUCKET}/{name}", local_path=path, s3_upload_mode="EndOfJob"))


def processing_training(work):
    from sagemaker.core.workflow.functions import Join, JsonGet
    from sagemaker.core.workflow.parameters import ParameterFloat, ParameterInteger, ParameterString
    from sagemaker.core.workflow.properties import PropertyFile
    from sagemaker.core.workflow.execution_variables import ExecutionVariables
    from sagemaker.core.workflow.conditions import ConditionGreaterThanOrEqualTo
    from sagemaker.mlops.workflow.condition_step import ConditionStep
    from sagemaker.mlops.workflow.fail_step import FailStep
    from sagemaker.mlops.workflow.retry import SageMakerJobExceptionTypeEnum, SageMakerJobStepRetryPolicy
    from sagemaker.mlops.workflow.steps import CacheConfig, ProcessingStep, TrainingStep
    from sagemaker.train.model_trainer import ModelTrainer
    from sagemaker.core.training.configs import Compute, InputData

    s = session()
    data = ParameterString(name="InputData", default_value=f"s3://{BUCKET}/data/")
    epochs = ParameterInteger(name="Epochs", default_value=3)
    threshold = ParameterFloat(name="Threshold", default_value=0.8)
    report = PropertyFile(name="Metrics", output_name="metrics", path="metrics.json")
    pre = ProcessingStep(
        name="Preprocess",
        step_args=processor(s, env={"STAGE": "prod"}).run(code="code/preprocess.py", outputs=[output("train", "/opt/ml/processing/train"), output("metrics", "/opt/ml/processing/metrics")], arguments=["--rows", "100"]),
        property_files=[report],
        cache_config=CacheConfig(enable_caching=True, expire_after="PT30M"),
    )
    trainer = ModelTrainer(
        sagemaker_session=s, role=ROLE, training_image=IMAGE, compute=Compute(instance_type=INSTANCE, instance_count=1),
        hyperparameters={"epochs": epochs, "lr": "0.01"}, environment={"LOG_LEVEL": "info"}, base_job_name="sdk-fixture",
        input_data_config=[InputData(channel_name="train", data_source=pre.properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri)],
    )
    train = TrainingStep(
        name="Train", step_args=trainer.train(),
        retry_policies=[SageMakerJobStepRetryPolicy(exception_types=[SageMakerJobExceptionTypeEnum.RESOURCE_LIMIT], max_attempts=3)],
        cache_config=CacheConfig(enable_caching=True, expire_after="P7D"),
    )
    score = JsonGet(step_name=pre.name, property_file=report, json_path="accuracy")
    fail = FailStep(name="TooLow", error_message=Join(on=" ", values=["accuracy", score, "below", threshold, "in", ExecutionVariables.PIPELINE_EXECUTION_ID]))
    gate = ConditionStep(name="Gate", conditions=[ConditionGreaterThanOrEqualTo(left=score, right=threshold)], if_steps=[train], else_steps=[fail])
    return pipeline("sdk-processing-training", [pre, gate], [data, epochs, threshold], sagemaker_session=s)


def for_each(work):
    from sagemaker.core.workflow.parameters import ParameterString
    from sagemaker.mlops.workflow.for_each_step import CurrentItem, ForEachSelector, ForEachStep, IterationOutput
    from sagemaker.mlops.workflow.lambda_step import LambdaOutput, LambdaOutputTypeEnum, LambdaStep
    from sagemaker.core.lambda_helper import Lambda
    from sagemaker.mlops.workflow.steps import ProcessingStep
    from sagemaker.core.workflow.functions import Join

    s = session()
    regions = ParameterString(name="Regions", default_value='[{"name": "us-east-1", "rows": 10}, {"name": "eu-west-1", "rows": 20}]')
    item = CurrentItem()
    body = LambdaStep(
        name="ScoreRegion",
        lambda_func=Lambda(function_arn=LAMBDA_ARN, session=s),
        inputs={"region": item.name, "rows": item["rows"], "whole": item},
        outputs=[LambdaOutput(output_name="score", output_type=LambdaOutputTypeEnum.Float)],
    )
    loop = ForEachStep(
        name="PerRegion",
        iterable_items=regions,
        max_concurrency=5,
        for_each_body=[body],
        selector=ForEachSelector(pick="MaxBy", field=IterationOutput(body).OutputParameters["score"]),
    )
    literal_body = ProcessingStep(name="ProcessItem", step_args=processor(s).run(code="code/preprocess.py", arguments=["--item", item]))
    literal = ForEachStep(name="PerLiteral", iterable_items=["a", "b", 3], max_concurrency=2, for_each_body=[literal_body])
    after = LambdaStep(
        name="UseBest",
        lambda_func=Lambda(function_arn=LAMBDA_ARN, session=s),
        inputs={
            "best": loop.properties.Selected.OutputParameters["score"],
            "first": loop.properties.IterationOutputs[0].ScoreRegion.OutputParameters["score"],
            "count": loop.properties.InputItemCount,
            "status": loop.properties.Status,
            "literal": Join(on=",", values=[literal.properties.SucceededStepCount, literal.properties.FailedStepCount]),
        },
    )
    return pipeline("sdk-for-each", [loop, literal, after], [regions], sagemaker_session=s)


def cleanup_and_triggers(work):
    from sagemaker.core.workflow.parameters import ParameterString
    from sagemaker.mlops.workflow.cleanup_step import CleanupStep, S3CleanupSource
    from sagemaker.mlops.workflow.callback_step import CallbackOutput, CallbackOutputTypeEnum, CallbackStep
    from sagemaker.mlops.workflow.step_dependency import StepDependency, TriggerCondition
    from sagemaker.mlops.workflow.steps import ProcessingStep

    s = session()
    stage = ParameterString(name="Stage", default_value="dev", enum_values=["dev", "prod"])
    pre = ProcessingStep(name="Prepare", step_args=processor(s).run(code="code/preprocess.py", outputs=[output("scratch", "/opt/ml/processing/scratch")]))
    clean = CleanupStep(name="Cleanup", s3_sources=[S3CleanupSource(pre, s3_uris=[f"s3://{BUCKET}/scratch/part-0.csv"])])
    notify = CallbackStep(
        name="NotifyOnFailure", sqs_queue_url=QUEUE_URL, inputs={"stage": stage},
        outputs=[CallbackOutput(output_name="ack", output_type=CallbackOutputTypeEnum.Boolean)],
        depends_on=[StepDependency(pre, TriggerCondition.FAILED)],
    )
    any_end = CallbackStep(name="Always", sqs_queue_url=QUEUE_URL, inputs={}, outputs=[], depends_on=[StepDependency(pre, TriggerCondition.ANY), StepDependency(clean)])
    return pipeline("sdk-cleanup-triggers", [pre, clean, notify, any_end], [stage], sagemaker_session=s)


def emr_serverless(work):
    from sagemaker.mlops.workflow.emr_serverless_step import EMRServerlessJobConfig, EMRServerlessStep
    from sagemaker.mlops.workflow.emr_step import EMRStep, EMRStepConfig
    from sagemaker.mlops.workflow.steps import CacheConfig

    s = session()
    job = EMRServerlessJobConfig(
        job_driver={"sparkSubmit": {"entryPoint": f"s3://{BUCKET}/code/spark.py", "sparkSubmitParameters": "--conf spark.executor.cores=1"}},
        execution_role_arn=ROLE,
        configuration_overrides={"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": f"s3://{BUCKET}/logs/"}}},
        execution_timeout_minutes=30,
    )
    existing = EMRServerlessStep(
        name="ServerlessExisting", display_name="Existing app", description="On an application", job_config=job, application_id="00abcdefghijklmn",
        cache_config=CacheConfig(enable_caching=True, expire_after="PT2H"),
    )
    created = EMRServerlessStep(
        name="ServerlessNew", display_name="New app", description="Creates an application", job_config=job, application_id=None,
        application_config={"name": "sdk-fixture", "releaseLabel": "emr-7.0.0", "type": "SPARK"},
    )
    cluster = EMRStep(name="EMRCluster", display_name="cluster", description="cluster", cluster_id="j-1ABCDEFGHIJKL", step_config=EMRStepConfig(jar="command-runner.jar", args=["true"]))
    return pipeline("sdk-emr-serverless", [existing, created, cluster], sagemaker_session=s)


def lambda_callback(work):
    from sagemaker.core.lambda_helper import Lambda
    from sagemaker.mlops.workflow.callback_step import CallbackOutput, CallbackOutputTypeEnum, CallbackStep
    from sagemaker.mlops.workflow.lambda_step import LambdaOutput, LambdaOutputTypeEnum, LambdaStep
    from sagemaker.core.workflow.conditions import ConditionEquals, ConditionIn, ConditionNot, ConditionOr, ConditionLessThan
    from sagemaker.mlops.workflow.condition_step import ConditionStep
    from sagemaker.mlops.workflow.fail_step import FailStep

    s = session()
    lam = LambdaStep(
        name="Lambda", lambda_func=Lambda(function_arn=LAMBDA_ARN, session=s), inputs={"x": 1},
        outputs=[LambdaOutput(output_name="status", output_type=LambdaOutputTypeEnum.String), LambdaOutput(output_name="n", output_type=LambdaOutputTypeEnum.Integer)],
    )
    cb = CallbackStep(
        name="Callback", sqs_queue_url=QUEUE_URL, inputs={"status": lam.properties.Outputs["status"]},
        outputs=[CallbackOutput(output_name="approved", output_type=CallbackOutputTypeEnum.Boolean)],
    )
    cond = ConditionStep(
        name="Decide",
        conditions=[
            ConditionOr(conditions=[ConditionEquals(left=cb.properties.Outputs["approved"], right=True), ConditionIn(value=lam.properties.Outputs["status"], in_values=["ok", "fine"])]),
            ConditionNot(expression=ConditionLessThan(left=lam.properties.Outputs["n"], right=0)),
        ],
        if_steps=[],
        else_steps=[FailStep(name="Rejected", error_message="rejected")],
    )
    return pipeline("sdk-lambda-callback", [lam, cb, cond], sagemaker_session=s)


def checks(work):
    from sagemaker.core.clarify import BiasConfig, DataConfig
    from sagemaker.core.model_monitor.dataset_format import DatasetFormat
    from sagemaker.mlops.workflow.check_job_config import CheckJobConfig
    from sagemaker.mlops.workflow.clarify_check_step import ClarifyCheckStep, DataBiasCheckConfig
    from sagemaker.mlops.workflow.quality_check_step import DataQualityCheckConfig, QualityCheckStep

    s = session()
    job = CheckJobConfig(role=ROLE, instance_count=1, instance_type=INSTANCE, sagemaker_session=s)
    dq = DataQualityCheckConfig(baseline_dataset=f"s3://{BUCKET}/baseline.csv", dataset_format=DatasetFormat.csv(header=False), output_s3_uri=f"s3://{BUCKET}/dq")
    plain = QualityCheckStep(name="DataQuality", quality_check_config=dq, check_job_config=job, skip_check=True, register_new_baseline=True)
    baseline = QualityCheckStep(
        name="DataQualityBaseline", quality_check_config=dq, check_job_config=job, skip_check=False, register_new_baseline=False,
        supplied_baseline_statistics=f"s3://{BUCKET}/statistics.json", supplied_baseline_constraints=f"s3://{BUCKET}/constraints.json",
        model_package_group_name="sdk-fixture-group",
    )
    data_config = DataConfig(s3_data_input_path=f"s3://{BUCKET}/train.csv", s3_output_path=f"s3://{BUCKET}/clarify", label="label", headers=["label", "a"], dataset_type="text/csv")
    bias = ClarifyCheckStep(
        name="DataBias", clarify_check_config=DataBiasCheckConfig(data_config=data_config, data_bias_config=BiasConfig(label_values_or_threshold=[1], facet_name="a")),
        check_job_config=job, skip_check=False, register_new_baseline=False,
    )
    return pipeline("sdk-checks", [plain, baseline, bias], sagemaker_session=s)


def transform_notebook_functions(work):
    from sagemaker.core.transformer import Transformer
    from sagemaker.core.workflow.parameters import ParameterInteger
    from sagemaker.mlops.workflow.function_step import step
    from sagemaker.mlops.workflow.notebook_job_step import NotebookJobStep
    from sagemaker.mlops.workflow.steps import TransformStep

    s = session()
    size = ParameterInteger(name="Size", default_value=3)
    # With a base job name the transformer does not look its model up.
    transformer = Transformer(
        model_name="sdk-fixture-model", instance_count=1, instance_type=INSTANCE, output_path=f"s3://{BUCKET}/transform",
        base_transform_job_name="sdk-fixture", sagemaker_session=s,
    )
    transform = TransformStep(name="Transform", step_args=transformer.transform(data=f"s3://{BUCKET}/batch/", content_type="text/csv"))
    notebook = NotebookJobStep(
        name="Notebook", input_notebook="notebook/analysis.ipynb",
        image_uri="885854791233.dkr.ecr.us-east-1.amazonaws.com/sagemaker-distribution-prod:1-cpu", kernel_name="python3",
        role=ROLE, s3_root_uri=f"s3://{BUCKET}/notebooks", parameters={"alpha": "0.1"}, environment_variables={"STAGE": "dev"},
    )

    @step(name="MakeData", role=ROLE, instance_type=INSTANCE, image_uri=IMAGE, keep_alive_period_in_seconds=0)
    def make_data(n):
        return list(range(n))

    @step(name="Total", role=ROLE, instance_type=INSTANCE, image_uri=IMAGE)
    def total(values):
        return sum(values)

    return pipeline("sdk-transform-notebook-functions", [transform, notebook, total(make_data(size))], [size], sagemaker_session=s)


def tuning_monitor(work):
    from sagemaker.core.model_monitor.dataset_format import DatasetFormat
    from sagemaker.core.parameter import ContinuousParameter, IntegerParameter
    from sagemaker.core.training.configs import Compute
    from sagemaker.core.transformer import Transformer
    from sagemaker.mlops.workflow.check_job_config import CheckJobConfig
    from sagemaker.mlops.workflow.monitor_batch_transform_step import MonitorBatchTransformStep
    from sagemaker.mlops.workflow.quality_check_step import DataQualityCheckConfig
    from sagemaker.mlops.workflow.steps import TuningStep
    from sagemaker.train.model_trainer import ModelTrainer
    from sagemaker.train.tuner import HyperparameterTuner

    s = session()
    trainer = ModelTrainer(sagemaker_session=s, role=ROLE, training_image=IMAGE, compute=Compute(instance_type=INSTANCE, instance_count=1), base_job_name="sdk-fixture")
    tuner = HyperparameterTuner(
        model_trainer=trainer, objective_metric_name="validation:rmse", objective_type="Minimize",
        hyperparameter_ranges={"eta": ContinuousParameter(0.1, 0.5), "depth": IntegerParameter(2, 8)},
        metric_definitions=[{"Name": "validation:rmse", "Regex": "rmse=([0-9.]+)"}], max_jobs=4, max_parallel_jobs=2,
    )
    tune = TuningStep(name="Tune", step_args=tuner.tune(inputs=f"s3://{BUCKET}/train/"))
    transformer = Transformer(
        model_name="sdk-fixture-model", instance_count=1, instance_type=INSTANCE, output_path=f"s3://{BUCKET}/transform",
        base_transform_job_name="sdk-fixture", sagemaker_session=s,
    )
    config = DataQualityCheckConfig(baseline_dataset=f"s3://{BUCKET}/batch/", dataset_format=DatasetFormat.csv(header=False), output_s3_uri=f"s3://{BUCKET}/monitor")
    monitor = MonitorBatchTransformStep(
        name="Monitor", transform_step_args=transformer.transform(data=f"s3://{BUCKET}/batch/", content_type="text/csv"),
        monitor_configuration=config, check_job_configuration=CheckJobConfig(role=ROLE, instance_count=1, instance_type=INSTANCE, sagemaker_session=s),
        monitor_before_transform=True,
    )
    # v3's pipeline compiler takes the collection's steps, not the collection.
    return pipeline("sdk-tuning-monitor", [tune, *monitor.steps], sagemaker_session=s)


def models(work):
    from sagemaker.core.training.configs import Compute, SourceCode
    from sagemaker.core.workflow.parameters import ParameterString
    from sagemaker.mlops.workflow.model_step import ModelStep
    from sagemaker.mlops.workflow.retry import StepExceptionTypeEnum, StepRetryPolicy
    from sagemaker.mlops.workflow.steps import TrainingStep
    from sagemaker.serve.model_builder import ModelBuilder
    from sagemaker.train.model_trainer import ModelTrainer

    s = session()
    approval = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval", enum_values=["PendingManualApproval", "Approved"])
    trainer = ModelTrainer(sagemaker_session=s, role=ROLE, training_image=IMAGE, compute=Compute(instance_type=INSTANCE, instance_count=1), base_job_name="sdk-fixture")
    train = TrainingStep(name="Train", step_args=trainer.train())
    artifacts = train.properties.ModelArtifacts.S3ModelArtifacts

    def builder(**kwargs):
        return ModelBuilder(image_uri=IMAGE, s3_model_data_url=artifacts, role_arn=ROLE, sagemaker_session=s, instance_type=INSTANCE, **kwargs)

    create = ModelStep(name="CreateModel", step_args=builder().build(model_name="sdk-fixture-model"), retry_policies=[StepRetryPolicy(exception_types=[StepExceptionTypeEnum.SERVICE_FAULT], max_attempts=2)])
    register = ModelStep(
        name="Register",
        step_args=builder().register(
            model_package_group_name="sdk-fixture-group", content_types=["text/csv"], response_types=["text/csv"],
            inference_instances=[INSTANCE], transform_instances=[INSTANCE], approval_status=approval,
        ),
    )
    # An entry point with a model the pipeline trains: ModelStep adds the repack training step (_repack_model.py).
    repack = ModelStep(name="CreateRepacked", step_args=builder(source_code=SourceCode(source_dir="code", entry_script="inference.py")).build(model_name="sdk-fixture-repacked"))
    register_repack = ModelStep(
        name="RegisterRepacked",
        step_args=builder(source_code=SourceCode(source_dir="code", entry_script="inference.py")).register(
            model_package_group_name="sdk-fixture-group", content_types=["text/csv"], response_types=["text/csv"],
            inference_instances=[INSTANCE], transform_instances=[INSTANCE],
        ),
    )
    return pipeline("sdk-models", [train, create, register, repack, register_repack], [approval], sagemaker_session=s)


def conditions(work):
    from sagemaker.core.workflow.conditions import (
        ConditionEquals, ConditionGreaterThan, ConditionGreaterThanOrEqualTo, ConditionIn, ConditionLessThan,
        ConditionLessThanOrEqualTo, ConditionNot, ConditionOr,
    )
    from sagemaker.core.workflow.execution_variables import ExecutionVariables
    from sagemaker.core.workflow.functions import Join, JsonGet
    from sagemaker.core.workflow.parameters import ParameterBoolean, ParameterFloat, ParameterInteger, ParameterString
    from sagemaker.core.workflow.properties import PropertyFile
    from sagemaker.mlops.workflow.condition_step import ConditionStep
    from sagemaker.mlops.workflow.fail_step import FailStep
    from sagemaker.mlops.workflow.steps import ProcessingStep

    s = session()
    threshold = ParameterFloat(name="Threshold", default_value=0.7)
    count = ParameterInteger(name="Count", default_value=3)
    flag = ParameterBoolean(name="Flag", default_value=True)
    region = ParameterString(name="Region", default_value="us-east-1", enum_values=["us-east-1", "eu-west-1"])
    report = PropertyFile(name="Metrics", output_name="metrics", path="metrics.json")
    evaluate = ProcessingStep(name="Evaluate", step_args=processor(s).run(code="code/evaluate.py", outputs=[output("metrics", "/opt/ml/processing/metrics")]), property_files=[report])
    score = JsonGet(step_name=evaluate.name, property_file=report, json_path="regression_metrics.mse.value")
    fail = FailStep(
        name="Fail",
        error_message=Join(on=" ", values=["Execution", ExecutionVariables.PIPELINE_EXECUTION_ID, "of", ExecutionVariables.PIPELINE_NAME, "failed: mse", score]),
    )
    fail_inner = FailStep(name="FailInner", error_message=Join(values=["started at ", ExecutionVariables.START_DATETIME, ", now ", ExecutionVariables.CURRENT_DATETIME]))
    other = FailStep(name="NotReally", error_message=Join(on=",", values=[ExecutionVariables.PIPELINE_ARN, ExecutionVariables.PIPELINE_EXECUTION_ARN]))
    inner = ConditionStep(name="Inner", conditions=[ConditionIn(value=region, in_values=["us-east-1", "us-west-2"])], if_steps=[fail_inner], else_steps=[other])
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


def emr(work):
    from sagemaker.mlops.workflow.emr_step import EMRStep, EMRStepConfig

    s = session()
    config = EMRStepConfig(jar="command-runner.jar", args=["spark-submit", f"s3://{BUCKET}/code/spark.py"], properties=[{"Key": "k", "Value": "v"}])
    on_cluster = EMRStep(
        name="EMRCluster", display_name="On a cluster", description="Runs on an existing cluster", cluster_id=EMR_CLUSTER, step_config=config,
        execution_role_arn=ROLE,
    )
    new_cluster = EMRStep(
        name="EMRNewCluster", display_name="New cluster", description="Creates a cluster", cluster_id=None, step_config=config,
        cluster_config={"Instances": {"InstanceGroups": [{"InstanceRole": "MASTER", "InstanceCount": 1, "InstanceType": "m5.xlarge"}]}, "ReleaseLabel": "emr-7.0.0"},
    )
    return pipeline("sdk-emr", [on_cluster, new_cluster], sagemaker_session=s)


def endpoints_lineage(work):
    from sagemaker.core.lineage.action import Action
    from sagemaker.core.lineage.artifact import Artifact
    from sagemaker.core.lineage.context import Context
    from sagemaker.mlops.workflow.endpoint_step import EndpointConfigStep, EndpointStep
    from sagemaker.mlops.workflow.inference_component_step import InferenceComponentStep
    from sagemaker.mlops.workflow.lineage_step import LineageAssociation, LineageEntityReference, LineageStep
    from sagemaker.mlops.workflow.steps import CacheConfig

    s = session()
    config = EndpointConfigStep(
        name="EndpointConfig",
        step_args=s.create_endpoint_config(
            name="sdk-fixture-config",
            production_variants=[{"VariantName": "AllTraffic", "ModelName": "sdk-fixture-model", "InitialInstanceCount": 1, "InstanceType": INSTANCE}],
        ),
        cache_config=CacheConfig(enable_caching=True, expire_after="P1D"),
    )
    endpoint = EndpointStep(
        name="Endpoint", step_args=s.create_endpoint(endpoint_name="sdk-fixture-endpoint", config_name=config.properties.EndpointConfigName),
        cache_config=CacheConfig(enable_caching=True, expire_after="PT12H"),
    )
    component = InferenceComponentStep(
        name="InferenceComponent",
        step_args=s.create_inference_component(
            inference_component_name="sdk-fixture-component", endpoint_name=endpoint.properties.EndpointName, variant_name="AllTraffic",
            specification={"ModelName": "sdk-fixture-model", "ComputeResourceRequirements": {"NumberOfCpuCoresRequired": 1, "MinMemoryRequiredInMb": 1024}},
            runtime_config={"CopyCount": 1},
        ),
    )
    lineage = LineageStep(
        name="RecordLineage",
        actions=[Action.create(action_name="deploy-run", source_uri=f"s3://{BUCKET}/run", source_type="S3ETag", action_type="ModelDeployment", sagemaker_session=s)],
        artifacts=[Artifact.create(artifact_name="deployed-model", source_uri=f"s3://{BUCKET}/model.tar.gz", artifact_type="Model", sagemaker_session=s)],
        contexts=[Context.create(context_name="deployment", source_uri=f"s3://{BUCKET}/deployment", context_type="Endpoint", sagemaker_session=s)],
        associations=[
            LineageAssociation(
                source=LineageEntityReference(name="deploy-run", type="Action"),
                destination=LineageEntityReference(name="deployed-model", type="Artifact"),
                association_type="Produced",
            ),
            LineageAssociation(
                source=LineageEntityReference(arn=component.properties.InferenceComponentArn),
                destination=LineageEntityReference(name="deployment", type="Context"),
            ),
        ],
        depends_on=[component],
    )
    return pipeline("sdk-endpoints", [config, endpoint, component, lineage], sagemaker_session=s)


def parameters_experiment(work):
    from sagemaker.core.shapes import MlflowConfig
    from sagemaker.core.workflow.execution_variables import ExecutionVariables
    from sagemaker.core.workflow.functions import Join
    from sagemaker.core.workflow.parameters import ParameterBoolean, ParameterFloat, ParameterInteger, ParameterString
    from sagemaker.mlops.workflow.fail_step import FailStep
    from sagemaker.mlops.workflow.pipeline_experiment_config import PipelineExperimentConfig, PipelineExperimentConfigProperties

    s = session()
    params = [
        ParameterString(name="Text", default_value="hello"),
        ParameterString(name="Choice", default_value="a", enum_values=["a", "b"]),
        ParameterString(name="NoDefault"),
        ParameterInteger(name="Whole", default_value=4),
        ParameterFloat(name="Ratio", default_value=0.5),
        ParameterBoolean(name="Switch", default_value=False),
    ]
    variables = [getattr(ExecutionVariables, name) for name in ("START_DATETIME", "CURRENT_DATETIME", "PIPELINE_NAME", "PIPELINE_ARN", "PIPELINE_EXECUTION_ID", "PIPELINE_EXECUTION_ARN")]
    message = Join(on=" ", values=[*params, *variables, PipelineExperimentConfigProperties.EXPERIMENT_NAME, PipelineExperimentConfigProperties.TRIAL_NAME])
    with_config = pipeline(
        "sdk-parameters", [FailStep(name="Report", error_message=message)], params, sagemaker_session=s,
        pipeline_experiment_config=PipelineExperimentConfig(ExecutionVariables.PIPELINE_NAME, Join(on="-", values=["trial", ExecutionVariables.PIPELINE_EXECUTION_ID])),
        mlflow_config=MlflowConfig(mlflow_resource_arn="arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/sdk-fixture", mlflow_experiment_name="sdk-fixture"),
    )
    without = pipeline("sdk-experiment-null", [FailStep(name="Report", error_message=Join(on=" ", values=[params[0]]))], [params[0]], sagemaker_session=s, pipeline_experiment_config=None)
    return [("sdk-parameters", with_config), ("sdk-experiment-null", without)]


def job_variables_and_cache(work):
    """TrainingJobName and ProcessingJobName (v3's execution variables), retry policies, and ExpireAfter values as users write them."""
    from sagemaker.core.training.configs import Compute
    from sagemaker.core.workflow.execution_variables import ExecutionVariables
    from sagemaker.mlops.workflow.retry import SageMakerJobExceptionTypeEnum, SageMakerJobStepRetryPolicy, StepExceptionTypeEnum, StepRetryPolicy
    from sagemaker.mlops.workflow.steps import CacheConfig, ProcessingStep, TrainingStep
    from sagemaker.train.model_trainer import ModelTrainer

    s = session()
    steps = []
    for i, value in enumerate(["PT1H", "P30D", "PT30M", "P1DT12H", "T12H", "30d", "P1W"]):
        steps.append(ProcessingStep(
            name=f"Cached{i}", step_args=processor(s).run(code="code/preprocess.py", arguments=["--job", ExecutionVariables.PROCESSING_JOB_NAME, str(i)]),
            cache_config=CacheConfig(enable_caching=True, expire_after=value),
        ))
    steps.append(ProcessingStep(name="CacheOff", step_args=processor(s).run(code="code/preprocess.py"), cache_config=CacheConfig(enable_caching=False)))
    trainer = ModelTrainer(
        sagemaker_session=s, role=ROLE, training_image=IMAGE, compute=Compute(instance_type=INSTANCE, instance_count=1), base_job_name="sdk-fixture",
        environment={"JOB_NAME": ExecutionVariables.TRAINING_JOB_NAME},
    )
    steps.append(TrainingStep(
        name="Train", step_args=trainer.train(),
        retry_policies=[
            StepRetryPolicy(exception_types=[StepExceptionTypeEnum.SERVICE_FAULT, StepExceptionTypeEnum.THROTTLING], interval_seconds=2, backoff_rate=2.0, max_attempts=4),
            SageMakerJobStepRetryPolicy(exception_types=[SageMakerJobExceptionTypeEnum.CAPACITY_ERROR, SageMakerJobExceptionTypeEnum.INTERNAL_ERROR], expire_after_mins=60),
        ],
    ))
    return pipeline("sdk-cache-retry", steps, sagemaker_session=s)


BUILDERS = [
    processing_training, for_each, cleanup_and_triggers, emr_serverless, lambda_callback, checks, transform_notebook_functions, tuning_monitor,
    models, conditions, emr, endpoints_lineage, parameters_experiment, job_variables_and_cache,
]


def build_all(work):
    made = []
    for build in BUILDERS:
        result = build(work)
        made.extend(result if isinstance(result, list) else [(result.name, result)])
    return made
