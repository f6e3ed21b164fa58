"""Builds pipeline definitions with the real SageMaker Python SDK, offline, and writes them as JSON fixtures.

    python test/sdk/generate.py OUT_DIR

Run it with the interpreter of a venv made from test/interop/requirements-sagemaker-v2.txt or -v3.txt
(scripts/sdk-fixtures.mjs does that). No AWS account: a PipelineSession with an explicit role ARN and default bucket,
and moto's in-process S3 (and STS) for the uploads the SDK makes while it builds the definitions. Each file is
`pipeline.definition()` exactly as the SDK prints it; OUT_DIR/VERSION records the SDK version that made them.
"""

import json
import os
import re
import shutil
import sys
import tempfile

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ.pop("AWS_SESSION_TOKEN", None)
os.environ.pop("AWS_PROFILE", None)
os.environ["SAGEMAKER_SUPPRESS_V2_WARNING"] = "1"
os.environ["SAGEMAKER_SUPPRESS_DEFAULTS_LOGGING"] = "1"
os.environ["SAGEMAKER_VALIDATE_ROLE"] = "false"  # v3 would simulate the role's IAM policies (no account here)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/SageMakerPipelineRole"
BUCKET = "sdk-fixtures-bucket"
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:sdk-fixture"
QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/sdk-fixture"
EMR_CLUSTER = "j-1ABCDEFGHIJKL"


def sdk_major():
    from importlib.metadata import version

    sdk = version("sagemaker")  # v3's sagemaker package has no __version__
    return int(sdk.split(".")[0]), sdk


def write_sources(root):
    """Small source files the SDK uploads (script, source_dir, notebook)."""
    files = {
        "code/preprocess.py": "print('preprocess')\n",
        "code/train.py": "print('train')\n",
        "code/evaluate.py": "print('evaluate')\n",
        "code/inference.py": "def model_fn(model_dir):\n    return None\n",
        "code/requirements.txt": "\n",
        "code/spark.py": "print('spark')\n",
        "notebook/analysis.ipynb": json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
    }
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


# The SDK names jobs and upload folders after the clock (base_name-YYYY-MM-DD-HH-MM-SS-mmm), the @step decorator names
# its requirements file with a random temporary name, and v3's @step makes a new key pair per build (the public key goes
# into REMOTE_FUNCTION_SECRET_KEY): fixed values keep the fixtures byte-identical from run to run, so that the drift
# check compares only what the SDK version changes.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}")
# v3's ModelTrainer (the repack step's) names its job and upload folder <base>-YYYYMMDDHHMMSS.
COMPACT_TIMESTAMP = re.compile(r"(?<=-job-)\d{14}(?=[/\"])")
# v3's ModelBuilder.register() names its model model-<8 random hex digits>, and the repack step is named after the model.
RANDOM_MODEL_NAME = re.compile(r"(?<=-RepackModel-model-)[0-9a-f]{8}|(?<=/model-)[0-9a-f]{8}(?=[/\"])")
REQUIREMENTS_TEMP = re.compile(r"sagemaker_requirements_[A-Za-z0-9_]{8}\.txt")
PUBLIC_KEY = re.compile(r"-----BEGIN PUBLIC KEY-----(\\n[A-Za-z0-9+/=]+)+\\n-----END PUBLIC KEY-----")
FIXED_PUBLIC_KEY = (
    "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+gPbxOkwRzTxMHhuYvXiPUW80sT/"
    "\\nKNMy1Z+u3qhONMGHnzz/O6kyLVRB4ok1pC6U8kmrkkcT/EdRIziBfj6Bdg==\\n-----END PUBLIC KEY-----"
)


# The @step decorator describes a step by the path of the file its function is in: the checkout's own folder, which
# differs from machine to machine.
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def stable(text):
    text = text.replace(REPOSITORY + os.sep, "/repository/")
    text = TIMESTAMP.sub("2000-01-01-00-00-00-000", text)
    text = COMPACT_TIMESTAMP.sub("20000101000000", text)
    text = RANDOM_MODEL_NAME.sub("00000000", text)
    text = PUBLIC_KEY.sub(lambda _: FIXED_PUBLIC_KEY, text)
    return REQUIREMENTS_TEMP.sub("sagemaker_requirements_00000000.txt", text)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: generate.py OUT_DIR\n")
        return 2
    out_dir = os.path.abspath(sys.argv[1])
    os.makedirs(out_dir, exist_ok=True)
    major, version = sdk_major()
    # Every temporary file, the SDK's own included (the @step requirements file), goes under one folder removed at the end.
    scratch = tempfile.mkdtemp(prefix="sdk-fixtures-")
    tempfile.tempdir = scratch
    try:
        return generate(out_dir, major, version, os.path.join(scratch, "work"))
    finally:
        os.chdir(out_dir)
        shutil.rmtree(scratch, ignore_errors=True)


def generate(out_dir, major, version, work):
    write_sources(work)
    os.chdir(work)
    with mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(Bucket=BUCKET)
        if major == 2:
            import build_v2 as builders
        else:
            import build_v3 as builders
        made = builders.build_all(work)
        for name, pipeline in made:
            text = json.dumps(json.loads(pipeline.definition()), indent=2) + "\n"
            with open(os.path.join(out_dir, f"{name}.json"), "w", encoding="utf-8") as f:
                f.write(stable(text))
    with open(os.path.join(out_dir, "VERSION"), "w", encoding="utf-8") as f:
        f.write(f"sagemaker {version}\n")
    print(f"{len(made)} definitions written to {out_dir} with sagemaker {version}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
