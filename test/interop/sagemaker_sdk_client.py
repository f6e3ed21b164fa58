"""The SageMaker Python SDK (v2 or v3, whichever the venv has) against `sagemaker-pipelines local serve`.

Run by test/interop/sagemaker-sdk.test.ts, which makes the assertions: this script builds a pipeline with the SDK's
own classes, drives it with the SDK's Pipeline and execution methods exactly as a user script does against AWS (only
the client's endpoint_url differs), and prints one JSON summary of what the SDK returned and raised.

    python sagemaker_sdk_client.py --endpoint URL --store DIR --pipeline NAME
"""

import argparse
import importlib.metadata
import json
import os
import sys
import time

import boto3
import botocore
from botocore.exceptions import ClientError, WaiterError

try:  # SDK v2
    from sagemaker.processing import ProcessingInput, ProcessingOutput, Processor
    from sagemaker.workflow.condition_step import ConditionStep
    from sagemaker.workflow.conditions import ConditionGreaterThanOrEqualTo
    from sagemaker.workflow.execution_variables import ExecutionVariables
    from sagemaker.workflow.fail_step import FailStep
    from sagemaker.workflow.functions import Join
    from sagemaker.workflow.parameters import ParameterInteger, ParameterString
    from sagemaker.workflow.pipeline import Pipeline
    from sagemaker.workflow.pipeline_context import PipelineSession
    from sagemaker.workflow.selective_execution_config import SelectiveExecutionConfig
    from sagemaker.workflow.steps import ProcessingStep

    MAJOR = 2
except ImportError:  # SDK v3: sagemaker-core and sagemaker-mlops
    from sagemaker.core.processing import Processor
    from sagemaker.core.shapes import ProcessingInput, ProcessingOutput, ProcessingS3Input, ProcessingS3Output
    from sagemaker.core.workflow.conditions import ConditionGreaterThanOrEqualTo
    from sagemaker.core.workflow.execution_variables import ExecutionVariables
    from sagemaker.core.workflow.functions import Join
    from sagemaker.core.workflow.parameters import ParameterInteger, ParameterString
    from sagemaker.core.workflow.pipeline_context import PipelineSession
    from sagemaker.mlops.workflow.condition_step import ConditionStep
    from sagemaker.mlops.workflow.fail_step import FailStep
    from sagemaker.mlops.workflow.pipeline import Pipeline
    from sagemaker.mlops.workflow.selective_execution_config import SelectiveExecutionConfig
    from sagemaker.mlops.workflow.steps import ProcessingStep

    MAJOR = 3


ROLE = "arn:aws:iam::000000000000:role/Local"
BUCKET = "sdk-interop"
# Each program is one ContainerEntrypoint item (at most 256 characters); folders come as arguments.
PREPARE = 'import json,os,sys,time;time.sleep(float(os.environ["SLEEP"]));json.dump({"greeting":os.environ["GREETING"]},open(sys.argv[1]+"/message.json","w"))'
REPORT = (
    'import json,os,sys\nif not os.path.exists(sys.argv[2]+"/ok.txt"):sys.exit("the switch is off")\n'
    'm=json.load(open(sys.argv[1]+"/message.json"));open(sys.argv[3]+"/report.txt","w").write(m["greeting"].upper())'
)


def s3_input(name, uri, local):
    if MAJOR == 2:
        return ProcessingInput(input_name=name, source=uri, destination=local)
    return ProcessingInput(input_name=name, s3_input=ProcessingS3Input(s3_uri=uri, local_path=local, s3_data_type="S3Prefix", s3_input_mode="File"))


def s3_output(name, local, uri):
    if MAJOR == 2:
        return ProcessingOutput(output_name=name, source=local, destination=uri)
    return ProcessingOutput(output_name=name, s3_output=ProcessingS3Output(s3_uri=uri, local_path=local, s3_upload_mode="EndOfJob"))


def build(name, session):
    greeting = ParameterString(name="Greeting", default_value="hello")
    sleep = ParameterString(name="SleepSeconds", default_value="0")
    count = ParameterInteger(name="Count", default_value=3)
    processor = lambda entrypoint, env=None: Processor(  # noqa: E731
        role=ROLE,
        image_uri="python:3.11",
        instance_count=1,
        instance_type="ml.t3.medium",
        entrypoint=entrypoint,
        env=env,
        sagemaker_session=session,
    )
    where = lambda step: Join(on="/", values=[f"s3://{BUCKET}", ExecutionVariables.PIPELINE_EXECUTION_ID, step])  # noqa: E731
    prepare = ProcessingStep(
        name="Prepare",
        step_args=processor(["python3", "-c", PREPARE, "/opt/ml/processing/output/out"], {"GREETING": greeting, "SLEEP": sleep}).run(
            outputs=[s3_output("out", "/opt/ml/processing/output/out", where("Prepare"))]
        ),
    )
    report = ProcessingStep(
        name="Report",
        step_args=processor(["python3", "-c", REPORT, "/opt/ml/processing/input/message", "/opt/ml/processing/input/switch", "/opt/ml/processing/output/report"]).run(
            inputs=[
                s3_input("message", prepare.properties.ProcessingOutputConfig.Outputs["out"].S3Output.S3Uri, "/opt/ml/processing/input/message"),
                s3_input("switch", f"s3://{BUCKET}/switch", "/opt/ml/processing/input/switch"),
            ],
            outputs=[s3_output("report", "/opt/ml/processing/output/report", where("Report"))],
        ),
    )
    too_few = FailStep(name="TooFew", error_message=Join(on=" ", values=["Count", count, "is below 2"]))
    check = ConditionStep(name="Check", conditions=[ConditionGreaterThanOrEqualTo(left=count, right=2)], if_steps=[], else_steps=[too_few], depends_on=[report])
    return Pipeline(name=name, parameters=[greeting, sleep, count], steps=[prepare, report, check], sagemaker_session=session)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {
            "raised": type(e).__name__,
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "operation": e.operation_name,
        }
    return {"raised": None}


def report_of(execution):
    describe = execution.describe()
    steps = sorted(execution.list_steps(), key=lambda s: s["StepName"])
    return {
        "arn": execution.arn,
        "status": describe["PipelineExecutionStatus"],
        "failureReason": describe.get("FailureReason"),
        "displayName": describe.get("PipelineExecutionDisplayName"),
        "versionId": describe.get("PipelineVersionId"),
        "selective": describe.get("SelectiveExecutionConfig"),
        "steps": [
            {
                "name": s["StepName"],
                "status": s["StepStatus"],
                "start": s["StartTime"].timestamp() if s.get("StartTime") else None,
                "reusedFrom": (s.get("SelectiveExecutionResult") or {}).get("SourcePipelineExecutionArn"),
                "failureReason": s.get("FailureReason"),
                "metadata": list((s.get("Metadata") or {}).keys()),
            }
            for s in steps
        ],
        "parameters": {p["Name"]: p["Value"] for p in execution.list_parameters()["PipelineParameters"]},
    }


def until(what, read, done, timeout=90):
    deadline = time.time() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}: {value}")
        time.sleep(0.2)


FRAMEWORK_SCRIPT = """import json, os, sys
out = "/opt/ml/processing/output/out"
os.makedirs(out, exist_ok=True)
json.dump({"cwd": os.getcwd(), "args": sys.argv[1:], "files": sorted(os.listdir("."))}, open(out + "/result.json", "w"))
"""


def framework_processor(args):
    """FrameworkProcessor: the SDK uploads sourcedir.tar.gz and its runproc.sh to S3 (moto here, synced into the engine's
    object store as `aws s3 sync` would), and the step runs runproc.sh on the host runner, in /opt/ml/processing/input/code."""
    from moto import mock_aws
    from sagemaker.processing import FrameworkProcessor
    from sagemaker.sklearn.estimator import SKLearn

    bucket = "sdk-framework"
    code = os.path.join(os.getcwd(), "framework-code")
    os.makedirs(code, exist_ok=True)
    with open(os.path.join(code, "prepare.py"), "w") as handle:
        handle.write(FRAMEWORK_SCRIPT)
    # Only S3 is mocked: requests to the local engine pass through.
    with mock_aws(config={"core": {"mock_credentials": False, "passthrough": {"urls": [args.endpoint.replace(".", "\\.") + ".*"]}}}):
        # A session made after moto is imported: moto's hook is installed in new sessions only.
        boto_session = boto3.Session(region_name="us-east-1")
        client = boto_session.client("sagemaker", endpoint_url=args.endpoint)
        s3 = boto_session.client("s3")
        s3.create_bucket(Bucket=bucket)
        session = PipelineSession(boto_session=boto_session, sagemaker_client=client, default_bucket=bucket)
        processor = FrameworkProcessor(
            estimator_cls=SKLearn, framework_version="1.2-1", py_version="py3", role=ROLE, instance_count=1, instance_type="ml.m5.large", sagemaker_session=session
        )
        step_args = processor.run(
            code="prepare.py",
            source_dir=code,
            arguments=["--rows", "3"],
            outputs=[ProcessingOutput(output_name="out", source="/opt/ml/processing/output/out", destination=f"s3://{bucket}/out")],
        )
        pipeline = Pipeline(name=f"{args.pipeline}-framework", steps=[ProcessingStep(name="Frame", step_args=step_args)], sagemaker_session=session)
        definition = json.loads(pipeline.definition())  # uploads the code
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                target = os.path.join(args.store, "s3", bucket, item["Key"])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                s3.download_file(bucket, item["Key"], target)
        pipeline.upsert(role_arn=ROLE)
        execution = pipeline.start()
        execution.wait(delay=1, max_attempts=120)
        with open(os.path.join(args.store, "s3", bucket, "out", "result.json")) as handle:
            result = json.load(handle)
        return {"entrypoint": definition["Steps"][0]["Arguments"]["AppSpecification"]["ContainerEntrypoint"], "execution": report_of(execution), "result": result}


def step_functions(args):
    """Two @step functions, square(7) then add(that, 1): the SDK's job_driver.sh runs on the host runner with the
    sagemaker package of this venv (first on the engine's PATH); the pickled function, arguments and results go through
    an S3 that moto serves on the loopback interface (AWS_ENDPOINT_URL_S3, for the SDK here and, through the step's
    environment, for the jobs), synced into the engine's object store after upsert() uploaded them."""
    import socket

    from moto.server import ThreadedMotoServer
    from sagemaker.workflow.function_step import step

    bucket = "sdk-step"  # the SDK defaults file the test writes names it (DefaultS3Bucket, RemoteFunction.S3RootUri)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    try:
        s3_url = f"http://127.0.0.1:{port}"
        os.environ["AWS_ENDPOINT_URL_S3"] = s3_url
        # The @step functions make sessions of their own: every SageMaker client of this process goes to the engine.
        os.environ["AWS_ENDPOINT_URL_SAGEMAKER"] = args.endpoint
        boto_session = boto3.Session(region_name="us-east-1")
        s3 = boto_session.client("s3")
        s3.create_bucket(Bucket=bucket)
        session = PipelineSession(boto_session=boto_session, sagemaker_client=boto_session.client("sagemaker"), default_bucket=bucket)
        settings = dict(instance_type="ml.m5.large", role=ROLE, image_uri="python:3.11", environment_variables={"AWS_ENDPOINT_URL_S3": s3_url})

        @step(name="Square", **settings)
        def square(x):
            return x * x

        @step(name="Add", **settings)
        def add(a, b):
            return a + b

        name = f"{args.pipeline}-function"
        pipeline = Pipeline(name=name, steps=[add(square(7), 1)], sagemaker_session=session)
        pipeline.upsert(role_arn=ROLE)  # uploads the pickles of the definition it sends
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                target = os.path.join(args.store, "s3", bucket, item["Key"])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                s3.download_file(bucket, item["Key"], target)
        definition = json.loads(pipeline.describe()["PipelineDefinition"])
        execution = pipeline.start()
        execution.wait(delay=1, max_attempts=300)
        # result(): DescribeTrainingJob (the engine) for the job's output path, then the pickle from S3 (moto).
        result = execution.result("Add")
        return {
            "entrypoint": definition["Steps"][0]["Arguments"]["AlgorithmSpecification"]["ContainerEntrypoint"],
            "execution": report_of(execution),
            "result": result,
        }
    finally:
        server.stop()
        # The S3 server is gone: what runs next makes its own S3 and SageMaker clients.
        os.environ.pop("AWS_ENDPOINT_URL_S3", None)
        os.environ.pop("AWS_ENDPOINT_URL_SAGEMAKER", None)


INFERENCE_SCRIPT = "def model_fn(model_dir):\n    return open(model_dir + '/weights.txt').read()\n"


def repack_model_step(session, model_data, code):
    """The user's ModelStep: a model with an entry point, whose data a parameter gives at run time."""
    if MAJOR == 2:
        from sagemaker.pytorch import PyTorchModel
        from sagemaker.workflow.model_step import ModelStep

        model = PyTorchModel(
            model_data=model_data, role=ROLE, entry_point="inference.py", source_dir=code, framework_version="2.1", py_version="py310", sagemaker_session=session
        )
        return ModelStep(name="Deploy", step_args=model.create(instance_type="ml.m5.large"))
    from sagemaker.core.training.configs import SourceCode
    from sagemaker.mlops.workflow.model_step import ModelStep
    from sagemaker.serve.model_builder import ModelBuilder

    builder = ModelBuilder(
        image_uri="123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1", s3_model_data_url=model_data, role_arn=ROLE, sagemaker_session=session,
        instance_type="ml.m5.large", source_code=SourceCode(source_dir=code, entry_script="inference.py"),
    )
    return ModelStep(name="Deploy", step_args=builder.build(model_name="repacked"))


def repack(args):
    """ModelStep with an entry point and a model given at run time (a parameter): the SDK adds its repack step, a training
    job whose code it uploads (moto here, synced into the engine's object store): v2 runs _repack_script_launcher.sh and
    _repack_model.py in script mode, v3 runs ModelTrainer's sm_train.sh from its sm_drivers channel, which runs them.
    On the host runner it reads the model from its training channel, adds the code and writes /opt/ml/model, which the
    engine packs as the job's model.tar.gz for the Model step."""
    import io
    import tarfile

    from moto import mock_aws

    bucket = "sdk-repack"
    code = os.path.join(os.getcwd(), "repack-code")
    os.makedirs(code, exist_ok=True)
    with open(os.path.join(code, "inference.py"), "w") as handle:
        handle.write(INFERENCE_SCRIPT)
    # The model a training job would have made: one file, packed as SageMaker packs /opt/ml/model.
    model_key = "trained/model.tar.gz"
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as tar:
        weights = b"weights of the trained model"
        info = tarfile.TarInfo("weights.txt")
        info.size = len(weights)
        tar.addfile(info, io.BytesIO(weights))
    target = os.path.join(args.store, "s3", bucket, model_key)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(packed.getvalue())
    with mock_aws(config={"core": {"mock_credentials": False, "passthrough": {"urls": [args.endpoint.replace(".", "\\.") + ".*"]}}}):
        boto_session = boto3.Session(region_name="us-east-1")
        client = boto_session.client("sagemaker", endpoint_url=args.endpoint)
        s3 = boto_session.client("s3")
        s3.create_bucket(Bucket=bucket)
        session = PipelineSession(boto_session=boto_session, sagemaker_client=client, default_bucket=bucket)
        model_data = ParameterString(name="ModelData", default_value=f"s3://{bucket}/{model_key}")
        step = repack_model_step(session, model_data, code)
        pipeline = Pipeline(name=f"{args.pipeline}-repack", parameters=[model_data], steps=[step], sagemaker_session=session)
        pipeline.upsert(role_arn=ROLE)  # uploads the repack code of the definition it sends (each definition() does, anew)
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                target = os.path.join(args.store, "s3", bucket, item["Key"])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                s3.download_file(bucket, item["Key"], target)
        definition = json.loads(pipeline.describe()["PipelineDefinition"])
        execution = pipeline.start()
        try:
            execution.wait(delay=1, max_attempts=180)
        except WaiterError:
            pass  # the report says why
        report = report_of(execution)
        repack_step = next(s for s in definition["Steps"] if s["Type"] == "Training")
        artifacts = None
        files = []
        for listed in execution.list_steps():
            metadata = listed.get("Metadata", {})
            if "TrainingJob" in metadata:
                job = client.describe_training_job(TrainingJobName=metadata["TrainingJob"]["Arn"].split("/")[-1])
                artifacts = job.get("ModelArtifacts", {}).get("S3ModelArtifacts")
        if artifacts:
            path = os.path.join(args.store, "s3", *artifacts[len("s3://"):].split("/"))
            with tarfile.open(path, mode="r:gz") as tar:
                files = sorted(member.name for member in tar.getmembers() if member.isfile())
        arguments = repack_step["Arguments"]
        return {
            "program": arguments["HyperParameters"]["sagemaker_program"] if MAJOR == 2 else " ".join(arguments["AlgorithmSpecification"]["ContainerArguments"]),
            "steps": [[s["Name"], s["Type"]] for s in definition["Steps"]],
            "execution": report,
            "artifacts": artifacts,
            "files": files,
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--pipeline", required=True)
    args = parser.parse_args()

    boto_session = boto3.Session(region_name="us-east-1")
    client = boto_session.client("sagemaker", endpoint_url=args.endpoint)
    session = PipelineSession(boto_session=boto_session, sagemaker_client=client, default_bucket=BUCKET)
    pipeline = build(args.pipeline, session)
    switch = os.path.join(args.store, "s3", BUCKET, "switch")
    os.makedirs(switch, exist_ok=True)
    open(os.path.join(switch, "README"), "w").close()  # the prefix exists while ok.txt does not

    def set_switch(on):
        if on:
            open(os.path.join(switch, "ok.txt"), "w").close()
        else:
            os.remove(os.path.join(switch, "ok.txt"))

    summary = {"major": MAJOR, "versions": {"sagemaker": importlib.metadata.version("sagemaker"), "boto3": boto3.__version__, "botocore": botocore.__version__}}
    summary["definition"] = pipeline.definition()

    # upsert() twice: the second finds the pipeline ("already exists") and updates it, merging the tags.
    first_upsert = pipeline.upsert(role_arn=ROLE, description="first", tags=[{"Key": "team", "Value": "ml"}])
    second_upsert = pipeline.upsert(role_arn=ROLE, description="second", tags=[{"Key": "stage", "Value": "dev"}])
    arn = first_upsert["PipelineArn"]
    described = pipeline.describe()
    summary["upsert"] = {
        "first": first_upsert["PipelineArn"],
        "second": second_upsert["PipelineArn"],
        "secondVersion": second_upsert.get("PipelineVersionId"),
        "tags": sorted(client.list_tags(ResourceArn=arn)["Tags"], key=lambda t: t["Key"]),
        "latestVersion": pipeline.latest_pipeline_version_id,
        "description": described.get("PipelineDescription"),
        "firstDescription": pipeline.describe(pipeline_version_id=1).get("PipelineDescription"),
        "definitionRoundTrip": described["PipelineDefinition"] == pipeline.definition(),
        "versions": [v["PipelineVersionId"] for v in pipeline.list_pipeline_versions()["PipelineVersionSummaries"]],
    }

    # A full run with parameters, waited for with the SDK's own waiter.
    set_switch(True)
    first = pipeline.start(parameters={"Greeting": "hello sdk", "Count": 3}, execution_display_name="first")
    first.wait(delay=1, max_attempts=180)
    summary["first"] = report_of(first)
    summary["buildParameters"] = pipeline.build_parameters_from_execution(first.arn, {"Greeting": "again"})
    with open(os.path.join(args.store, "s3", BUCKET, first.arn.split("/")[-1], "Report", "report.txt")) as handle:
        summary["first"]["reportText"] = handle.read()

    # Selective execution: an explicit reference, then the latest execution (the SDK looks it up itself).
    explicit = pipeline.start(selective_execution_config=SelectiveExecutionConfig(source_pipeline_execution_arn=first.arn, selected_steps=["Report"]))
    explicit.wait(delay=1, max_attempts=180)
    summary["explicit"] = report_of(explicit)
    latest = pipeline.start(selective_execution_config=SelectiveExecutionConfig(selected_steps=["Report", "Check"]))
    latest.wait(delay=1, max_attempts=180)
    summary["latest"] = report_of(latest)

    # Selections the service refuses, and other errors, as the SDK raises them.
    summary["errors"] = {
        "gap": error_of(lambda: pipeline.start(selective_execution_config=SelectiveExecutionConfig(source_pipeline_execution_arn=first.arn, selected_steps=["Prepare", "Check"]))),
        "noReference": error_of(lambda: pipeline.start(selective_execution_config=SelectiveExecutionConfig(selected_steps=["Report"], reference_latest_execution=False))),
        "unknownStep": error_of(lambda: pipeline.start(selective_execution_config=SelectiveExecutionConfig(source_pipeline_execution_arn=first.arn, selected_steps=["Nope"]))),
        "unknownParameter": error_of(lambda: pipeline.start(parameters={"Nope": 1})),
        "wrongType": error_of(lambda: pipeline.start(parameters={"Count": "many"})),
        "unknownPipeline": error_of(lambda: Pipeline(name=f"{args.pipeline}-missing", steps=[], sagemaker_session=session).describe()),
    }

    # Retry: the Report step fails while the switch is off; RetryPipelineExecution runs it again in the same execution.
    set_switch(False)
    failing = pipeline.start(execution_display_name="retried")
    try:
        failing.wait(delay=1, max_attempts=180)
        summary["waitOnFailure"] = None
    except WaiterError as e:
        summary["waitOnFailure"] = str(e)
    summary["failed"] = report_of(failing)
    set_switch(True)
    retried = client.retry_pipeline_execution(PipelineExecutionArn=failing.arn)
    failing.wait(delay=1, max_attempts=180)
    summary["retried"] = report_of(failing)
    summary["retried"]["responseArn"] = retried["PipelineExecutionArn"]
    summary["errors"]["retrySucceeded"] = error_of(lambda: client.retry_pipeline_execution(PipelineExecutionArn=failing.arn))

    client.update_pipeline_execution(PipelineExecutionArn=first.arn, PipelineExecutionDisplayName="renamed", PipelineExecutionDescription="renamed by the SDK")
    summary["updatedDisplayName"] = first.describe().get("PipelineExecutionDisplayName")

    # Stop: a step that sleeps, stopped while it runs (the SDK's wait() does not treat Stopped as an end: poll).
    slow = pipeline.start(parameters={"SleepSeconds": "120"})
    until("Prepare to run", lambda: {s["StepName"]: s["StepStatus"] for s in slow.list_steps()}, lambda steps: steps.get("Prepare") == "Executing")
    slow.stop()
    until("the execution to stop", lambda: slow.describe()["PipelineExecutionStatus"], lambda status: status == "Stopped")
    summary["stopped"] = report_of(slow)
    summary["errors"]["stopAgain"] = error_of(slow.stop)

    pipeline.delete()
    summary["errors"]["describeDeleted"] = error_of(pipeline.describe)
    if MAJOR == 2:
        summary["framework"] = framework_processor(args)
        summary["function"] = step_functions(args)
    summary["repack"] = repack(args)
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
