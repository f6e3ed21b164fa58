"""Drives the local engine with the real boto3 SageMaker client, as a user's script would drive AWS.

Only endpoint_url differs from a call to the service; the credentials are the engine's own key pair, from the
environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, as `eval "$(sagemaker-pipelines local credentials)"` sets them)
through boto3's default chain. Run by test/interop/boto3.test.ts with the virtualenv that scripts/python-venv.mjs prepares:

    python boto3_client.py --endpoint http://127.0.0.1:PORT --definition pipeline.json --pipeline NAME

The pipeline (written by the test) has three Processing steps, Prepare -> Transform -> Report, and the
parameters Greeting and Suffix. The script prints one JSON object on stdout: what each call returned, as boto3
parsed it (timestamps as {"datetime": epoch seconds}, which shows botocore turned them into datetime objects),
and a record of every HTTP exchange. The test makes the assertions; this script only fails on what makes
going on pointless (an execution that does not finish).
"""

import argparse
import datetime
import json
import os
import sys
import time

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

TERMINAL = ("Succeeded", "Failed", "Stopped")


def plain(value):
    """A boto3 response without its ResponseMetadata, ready for json.dumps."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {"datetime": value.timestamp()}
    return value


def client_error(call):
    """Runs a call that should fail; returns what botocore made of the error (or that it did not fail)."""
    try:
        response = call()
    except ClientError as error:
        return {
            "raised": type(error).__name__,
            "clientError": True,
            "code": error.response["Error"].get("Code"),
            "message": error.response["Error"].get("Message"),
            "httpStatus": error.response["ResponseMetadata"].get("HTTPStatusCode"),
            "operation": error.operation_name,
        }
    return {"raised": None, "response": plain(response)}


def wait(client, arn, timeout=120):
    """Polls describe_pipeline_execution until the execution ends; returns the last answer and the statuses seen."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        described = client.describe_pipeline_execution(PipelineExecutionArn=arn)
        status = described["PipelineExecutionStatus"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status in TERMINAL:
            return described, seen
        if time.monotonic() > deadline:
            raise SystemExit(f"execution {arn} still {status} after {timeout} s")
        time.sleep(0.1)


def execution_report(client, arn):
    described, seen = wait(client, arn)
    steps = client.list_pipeline_execution_steps(PipelineExecutionArn=arn, SortOrder="Ascending")
    parameters = client.list_pipeline_parameters_for_execution(PipelineExecutionArn=arn)
    definition = client.describe_pipeline_definition_for_execution(PipelineExecutionArn=arn)
    return {
        "arn": arn,
        "statusesSeen": seen,
        "describe": plain(described),
        "steps": plain(steps["PipelineExecutionSteps"]),
        "stepsNextToken": steps.get("NextToken"),
        "parameters": plain(parameters["PipelineParameters"]),
        "definition": plain(definition),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--definition", required=True)
    parser.add_argument("--pipeline", required=True)
    args = parser.parse_args()
    with open(args.definition, encoding="utf-8") as handle:
        definition = handle.read()

    client = boto3.client(
        "sagemaker",
        endpoint_url=args.endpoint,
        region_name="us-east-1",
    )

    calls = []

    def record(http_response, parsed, model, **_):
        calls.append({
            "operation": model.name,
            "status": http_response.status_code,
            "contentType": http_response.headers.get("content-type"),
            "retries": parsed.get("ResponseMetadata", {}).get("RetryAttempts"),
            "error": parsed.get("Error", {}).get("Code"),
        })

    client.meta.events.register("after-call.sagemaker", record)

    summary = {"versions": {"boto3": boto3.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]}}
    started = time.time()
    summary["startedAt"] = started

    # Two pipelines, so that listing and its sort orders have something to order.
    main_name, aux_name = args.pipeline, f"{args.pipeline}-aux"
    summary["createPipeline"] = plain(client.create_pipeline(
        PipelineName=main_name,
        PipelineDisplayName="boto3-interop",
        PipelineDescription="Created by boto3",
        PipelineDefinition=definition,
        RoleArn="arn:aws:iam::000000000000:role/Local",
    ))
    time.sleep(0.05)
    summary["createAuxPipeline"] = plain(client.create_pipeline(
        PipelineName=aux_name, PipelineDefinition=definition, RoleArn="arn:aws:iam::000000000000:role/Local",
    ))
    summary["describePipeline"] = plain(client.describe_pipeline(PipelineName=main_name))

    started_full = client.start_pipeline_execution(
        PipelineName=main_name,
        PipelineExecutionDisplayName="boto3-full",
        PipelineExecutionDescription="full run from boto3",
        PipelineParameters=[{"Name": "Greeting", "Value": "hello from boto3"}],
    )
    full_arn = started_full["PipelineExecutionArn"]
    summary["full"] = execution_report(client, full_arn)

    summary["listPipelines"] = {
        order: [p["PipelineName"] for p in client.list_pipelines(PipelineNamePrefix=args.pipeline, SortBy=sort_by, SortOrder=direction)["PipelineSummaries"]]
        for order, sort_by, direction in (("nameAscending", "Name", "Ascending"), ("nameDescending", "Name", "Descending"), ("creationDescending", "CreationTime", "Descending"))
    }
    summary["listPipelinesRaw"] = plain(client.list_pipelines(PipelineNamePrefix=args.pipeline)["PipelineSummaries"])

    # Errors the service returns, as botocore surfaces them. None of them may create anything.
    bad_source = full_arn.rsplit("/", 1)[0] + "/doesnotexist0"
    summary["errors"] = {
        "describeUnknownPipeline": client_error(lambda: client.describe_pipeline(PipelineName=f"{args.pipeline}-does-not-exist")),
        "selectionWithGap": client_error(lambda: client.start_pipeline_execution(
            PipelineName=main_name,
            SelectiveExecutionConfig={"SourcePipelineExecutionArn": full_arn, "SelectedSteps": [{"StepName": "Prepare"}, {"StepName": "Report"}]},
        )),
        "selectionUnknownReference": client_error(lambda: client.start_pipeline_execution(
            PipelineName=main_name,
            SelectiveExecutionConfig={"SourcePipelineExecutionArn": bad_source, "SelectedSteps": [{"StepName": "Transform"}]},
        )),
        "selectionWithoutReference": client_error(lambda: client.start_pipeline_execution(
            PipelineName=main_name, SelectiveExecutionConfig={"SelectedSteps": [{"StepName": "Transform"}]},
        )),
        "createWithUnknownStepReference": client_error(lambda: client.create_pipeline(
            PipelineName=f"{args.pipeline}-broken",
            PipelineDefinition=definition.replace("Steps.Prepare.", "Steps.Nope."),
            RoleArn="arn:aws:iam::000000000000:role/Local",
        )),
    }
    summary["errors"]["describeUnknownPipeline"]["modeledResourceNotFound"] = issubclass(
        client.exceptions.ResourceNotFound, ClientError
    ) and summary["errors"]["describeUnknownPipeline"]["raised"] == "ResourceNotFound"
    # Requests not signed with the engine's key pair are refused, as AWS refuses them.
    once = Config(retries={"total_max_attempts": 1})
    unsigned = boto3.client("sagemaker", endpoint_url=args.endpoint, region_name="us-east-1",
                            config=once.merge(Config(signature_version=botocore.UNSIGNED)))
    wrong_secret = boto3.client("sagemaker", endpoint_url=args.endpoint, region_name="us-east-1", config=once,
                                aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key="x" * 40)
    summary["authentication"] = {
        "unsigned": client_error(lambda: unsigned.list_pipelines()),
        "wrongSecret": client_error(lambda: wrong_secret.list_pipelines()),
    }
    summary["pipelinesAfterErrors"] = [p["PipelineName"] for p in client.list_pipelines(PipelineNamePrefix=args.pipeline)["PipelineSummaries"]]

    # Selective execution: Transform and Report run again with another Suffix; Prepare's output is reused from the full run.
    selective_config = {"SourcePipelineExecutionArn": full_arn, "SelectedSteps": [{"StepName": "Transform"}, {"StepName": "Report"}]}
    started_selective = client.start_pipeline_execution(
        PipelineName=main_name,
        PipelineExecutionDisplayName="boto3-selective",
        PipelineParameters=[{"Name": "Suffix", "Value": "?!"}],
        SelectiveExecutionConfig=selective_config,
    )
    summary["selectiveRequest"] = selective_config
    summary["selective"] = execution_report(client, started_selective["PipelineExecutionArn"])

    summary["listExecutions"] = {
        "ascending": [e["PipelineExecutionArn"] for e in client.list_pipeline_executions(PipelineName=main_name, SortBy="CreationTime", SortOrder="Ascending")["PipelineExecutionSummaries"]],
        "descending": [e["PipelineExecutionArn"] for e in client.list_pipeline_executions(PipelineName=main_name, SortBy="CreationTime", SortOrder="Descending")["PipelineExecutionSummaries"]],
        "raw": plain(client.list_pipeline_executions(PipelineName=main_name)["PipelineExecutionSummaries"]),
        "createdAfterFull": [e["PipelineExecutionArn"] for e in client.list_pipeline_executions(
            PipelineName=main_name, CreatedAfter=summary["full"]["describe"]["CreationTime"]["datetime"] + 0.0005,
        )["PipelineExecutionSummaries"]],
    }
    # The paginator follows NextToken page by page, as scripts that list many executions do.
    pages = client.get_paginator("list_pipeline_executions").paginate(PipelineName=main_name, SortOrder="Ascending", PaginationConfig={"PageSize": 1})
    paged = [[e["PipelineExecutionArn"] for e in page["PipelineExecutionSummaries"]] for page in pages]
    summary["listExecutions"]["pages"] = paged

    summary["finishedAt"] = time.time()
    summary["calls"] = calls
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
