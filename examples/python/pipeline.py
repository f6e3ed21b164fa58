"""The Abalone pipeline of examples/abalone.pipeline.json, written with the SageMaker Python SDK (v2) in the shape of the
SageMaker Projects template: get_pipeline(region, role, default_bucket, ...) returns the Pipeline.

    npx sagemaker-pipelines export examples/python/pipeline.py -o abalone.json   # the definition JSON
    npx sagemaker-pipelines run examples/python/pipeline.py                      # runs it on the local engine

It reuses the JSON example's scripts (../code) and data (../data). On AWS, the SDK uploads them to default_bucket;
the export intercepts those uploads and puts the files in the local engine's store instead.
"""

import os

import boto3
import sagemaker
from sagemaker.estimator import Estimator
from sagemaker.model import Model
from sagemaker.model_metrics import MetricsSource, ModelMetrics
from sagemaker.processing import ProcessingInput, ProcessingOutput, ScriptProcessor
from sagemaker.workflow.condition_step import ConditionStep
from sagemaker.workflow.conditions import ConditionLessThanOrEqualTo
from sagemaker.workflow.fail_step import FailStep
from sagemaker.workflow.functions import Join, JsonGet
from sagemaker.workflow.model_step import ModelStep
from sagemaker.workflow.parameters import ParameterFloat, ParameterInteger, ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.pipeline_context import PipelineSession
from sagemaker.workflow.properties import PropertyFile
from sagemaker.workflow.steps import CacheConfig, ProcessingStep, TrainingStep

BASE_DIR = os.path.dirname(os.path.realpath(__file__))
CODE_DIR = os.path.join(BASE_DIR, "..", "code")
DATA_DIR = os.path.join(BASE_DIR, "..", "data")


def get_pipeline_session(region, default_bucket):
    return PipelineSession(boto_session=boto3.Session(region_name=region), default_bucket=default_bucket)


def get_pipeline(
    region,
    role=None,
    default_bucket=None,
    model_package_group_name="AbaloneModelPackageGroup",
    pipeline_name="AbalonePipeline",
    base_job_prefix="Abalone",
):
    session = get_pipeline_session(region, default_bucket)
    if role is None:
        role = sagemaker.session.get_execution_role(session)
    image_uri = sagemaker.image_uris.retrieve(framework="sklearn", region=region, version="1.2-1", py_version="py3", instance_type="ml.m5.xlarge")
    cache = CacheConfig(enable_caching=True, expire_after="PT1H")

    processing_instance_count = ParameterInteger(name="ProcessingInstanceCount", default_value=1)
    processing_instance_type = ParameterString(name="ProcessingInstanceType", default_value="ml.m5.xlarge")
    training_instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    training_epochs = ParameterInteger(name="TrainingEpochs", default_value=300)
    model_approval_status = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval")
    mse_threshold = ParameterFloat(name="MseThreshold", default_value=6.0)
    input_data = ParameterString(
        name="InputDataUrl",
        default_value=session.upload_data(os.path.join(DATA_DIR, "abalone.csv"), bucket=session.default_bucket(), key_prefix=f"{base_job_prefix}/data"),
    )

    processor = ScriptProcessor(
        image_uri=image_uri,
        command=["python3"],
        instance_type=processing_instance_type,
        instance_count=processing_instance_count,
        base_job_name=f"{base_job_prefix}/preprocess",
        role=role,
        sagemaker_session=session,
    )
    step_process = ProcessingStep(
        name="AbaloneProcess",
        step_args=processor.run(
            inputs=[ProcessingInput(source=input_data, destination="/opt/ml/processing/input")],
            outputs=[
                ProcessingOutput(output_name="train", source="/opt/ml/processing/train"),
                ProcessingOutput(output_name="validation", source="/opt/ml/processing/validation"),
                ProcessingOutput(output_name="test", source="/opt/ml/processing/test"),
            ],
            code=os.path.join(CODE_DIR, "preprocessing.py"),
            arguments=["--base-dir", "/opt/ml/processing"],
        ),
        cache_config=cache,
    )

    estimator = Estimator(
        image_uri=image_uri,
        entry_point="train.py",
        source_dir=os.path.join(CODE_DIR, "model"),
        instance_type=training_instance_type,
        instance_count=1,
        output_path=f"s3://{session.default_bucket()}/{base_job_prefix}/AbaloneTrain",
        base_job_name=f"{base_job_prefix}/train",
        hyperparameters={"epochs": training_epochs, "learning_rate": 0.1},
        metric_definitions=[{"Name": "validation:mse", "Regex": "validation mse: ([0-9\\.]+)"}],
        role=role,
        sagemaker_session=session,
    )
    outputs = step_process.properties.ProcessingOutputConfig.Outputs
    step_train = TrainingStep(
        name="AbaloneTrain",
        step_args=estimator.fit(
            inputs={
                "train": sagemaker.inputs.TrainingInput(s3_data=outputs["train"].S3Output.S3Uri, content_type="text/csv"),
                "validation": sagemaker.inputs.TrainingInput(s3_data=outputs["validation"].S3Output.S3Uri, content_type="text/csv"),
            }
        ),
        cache_config=cache,
    )

    evaluation_report = PropertyFile(name="EvaluationReport", output_name="evaluation", path="evaluation.json")
    step_eval = ProcessingStep(
        name="AbaloneEval",
        step_args=processor.run(
            inputs=[
                ProcessingInput(source=step_train.properties.ModelArtifacts.S3ModelArtifacts, destination="/opt/ml/processing/model"),
                ProcessingInput(source=outputs["test"].S3Output.S3Uri, destination="/opt/ml/processing/test"),
            ],
            outputs=[ProcessingOutput(output_name="evaluation", source="/opt/ml/processing/evaluation")],
            code=os.path.join(CODE_DIR, "evaluation.py"),
            arguments=["--base-dir", "/opt/ml/processing"],
        ),
        property_files=[evaluation_report],
        cache_config=cache,
    )

    model = Model(image_uri=image_uri, model_data=step_train.properties.ModelArtifacts.S3ModelArtifacts, role=role, sagemaker_session=session)
    evaluation_uri = step_eval.properties.ProcessingOutputConfig.Outputs["evaluation"].S3Output.S3Uri
    step_register = ModelStep(
        name="AbaloneRegisterModel",
        step_args=model.register(
            content_types=["text/csv"],
            response_types=["text/csv"],
            inference_instances=["ml.t2.medium", "ml.m5.large"],
            transform_instances=["ml.m5.large"],
            model_package_group_name=model_package_group_name,
            approval_status=model_approval_status,
            model_metrics=ModelMetrics(
                model_statistics=MetricsSource(s3_uri=Join(on="/", values=[evaluation_uri, "evaluation.json"]), content_type="application/json")
            ),
        ),
    )
    mse = JsonGet(step_name=step_eval.name, property_file=evaluation_report, json_path="regression_metrics.mse.value")
    step_fail = FailStep(name="AbaloneMSEFail", error_message=Join(on=" ", values=["Test MSE", mse, "is above the threshold", mse_threshold]))
    step_cond = ConditionStep(
        name="AbaloneMSECond",
        conditions=[ConditionLessThanOrEqualTo(left=mse, right=mse_threshold)],
        if_steps=[step_register],
        else_steps=[step_fail],
    )

    return Pipeline(
        name=pipeline_name,
        parameters=[
            processing_instance_count,
            processing_instance_type,
            training_instance_type,
            training_epochs,
            model_approval_status,
            mse_threshold,
            input_data,
        ],
        steps=[step_process, step_train, step_eval, step_cond],
        sagemaker_session=session,
    )
