"""A pipeline of @step functions (SageMaker Python SDK v2), in the SageMaker Projects template's shape: get_pipeline(region,
role, default_bucket, ...) returns the Pipeline. Each decorated function is a step; calling one with another's result
is the data edge between them.

    npx sagemaker-pipelines export examples/python/pipeline_step_decorator.py -o functions.json
    npx sagemaker-pipelines lint examples/python/pipeline_step_decorator.py

In the editor, right-click inside a function below its @step(...) for Run Selected Steps or Run From Here. Running
@step jobs locally needs more than the other example: the job driver reads the pickled function and arguments from S3
and writes the result there, so the jobs need an S3 endpoint and credentials (see "The SageMaker Python SDK" in the
developer README); the export itself is offline.
"""

import boto3
from sagemaker.workflow.function_step import step
from sagemaker.workflow.parameters import ParameterInteger
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.pipeline_context import PipelineSession

IMAGE_URI = "public.ecr.aws/docker/library/python:3.11"
INSTANCE_TYPE = "ml.m5.large"


def get_pipeline(region, role=None, default_bucket=None, pipeline_name="AbaloneFunctions"):
    session = PipelineSession(boto_session=boto3.Session(region_name=region), default_bucket=default_bucket)
    rows = ParameterInteger(name="Rows", default_value=100)
    settings = dict(role=role, instance_type=INSTANCE_TYPE, image_uri=IMAGE_URI, keep_alive_period_in_seconds=0)

    @step(name="MakeRings", **settings)
    def make_rings(n):
        # Ring counts like the Abalone data's (1 to 29), without reading it: the function's job has no inputs.
        return [1 + (i * 7) % 29 for i in range(n)]

    @step(name="MeanRings", **settings)
    def mean_rings(rings):
        return sum(rings) / len(rings)

    @step(name="Report", **settings)
    def report(rings, mean):
        return {"count": len(rings), "mean": mean, "max": max(rings)}

    rings = make_rings(rows)
    return Pipeline(name=pipeline_name, parameters=[rows], steps=[report(rings, mean_rings(rings))], sagemaker_session=session)
