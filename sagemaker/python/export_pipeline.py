"""Exports the pipeline a Python file builds with the SageMaker Python SDK (v2 or v3): `pipeline.definition()`.

Run by `sagemaker-pipelines export|lint|plan|run FILE.py` (cli/src/python-export.ts) with the user's interpreter:

    python export_pipeline.py FILE.py [--function NAME] [--arg NAME=VALUE]... [--store DIR]

It prints one JSON object on its standard output, and nothing else: whatever the user's code prints goes to standard
error. `{"ok": true, "definition", "name", "found", "uploads", "sdk"}`, or `{"ok": false, "error": {"kind", "message",
...}}` with kind `sdk-missing`, `raised`, `not-found` or `arguments`.

Offline: every AWS call the SDK makes goes through botocore's `before-call` event, answered here without network. S3
uploads (code, source directories, data) are kept in memory and, with --store, written to the local engine's object
store (DIR/s3/BUCKET/KEY) so that a local run finds them; STS answers a placeholder account; any other call fails with
an error that names it.

With --aws (a run on AWS): nothing is intercepted. The SDK uses the environment's credentials, region and endpoints, and
makes the uploads it makes for a real deployment (to the bucket given, else the session's default bucket); the role is
--role unless the code's function gets one with --arg.
"""

import argparse
import atexit
import hashlib
import inspect
import io
import json
import os
import shutil
import sys
import tempfile
import traceback
import uuid

PLACEHOLDER_ROLE = "arn:aws:iam::000000000000:role/SageMakerPipelinesLocal"
PLACEHOLDER_BUCKET = "sagemaker-pipelines-local"
PLACEHOLDER_ACCOUNT = "000000000000"
# The SageMaker Projects template's get_pipeline(region, role, default_bucket, ...): given even when they default to
# None, as the template then asks AWS (get_execution_role, the account's default bucket).
TEMPLATE_ARGUMENTS = ("region", "role", "default_bucket")


def emit(result, stream):
    stream.write(json.dumps(result) + "\n")
    stream.flush()


class OfflineS3:
    """The S3 calls the SDK makes while building a definition, answered from memory (and mirrored into the store)."""

    def __init__(self, store):
        self.store = store
        self.objects = {}
        self.multipart = {}
        self.uploads = []

    def put(self, bucket, key, data):
        self.objects[(bucket, key)] = data
        self.uploads.append(f"s3://{bucket}/{key}")
        if self.store:
            target = os.path.join(self.store, "s3", bucket, *key.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
        return {"ETag": '"%s"' % hashlib.md5(data).hexdigest()}

    def answer(self, operation, params):
        bucket, key = params.get("Bucket"), params.get("Key")
        if operation == "PutObject":
            return self.put(bucket, key, read_body(params.get("Body")))
        if operation == "CreateMultipartUpload":
            upload_id = uuid.uuid4().hex
            self.multipart[upload_id] = {}
            return {"Bucket": bucket, "Key": key, "UploadId": upload_id}
        if operation == "UploadPart":
            data = read_body(params.get("Body"))
            self.multipart[params["UploadId"]][params["PartNumber"]] = data
            return {"ETag": '"%s"' % hashlib.md5(data).hexdigest()}
        if operation == "CompleteMultipartUpload":
            parts = self.multipart.pop(params["UploadId"], {})
            return {"Bucket": bucket, "Key": key, **self.put(bucket, key, b"".join(parts[n] for n in sorted(parts)))}
        if operation == "AbortMultipartUpload":
            self.multipart.pop(params.get("UploadId"), None)
            return {}
        if operation in ("HeadBucket", "CreateBucket", "PutBucketPolicy", "PutPublicAccessBlock"):
            return {}
        if operation == "ListBuckets":
            names = sorted({PLACEHOLDER_BUCKET, *(b for (b, _) in self.objects)})
            return {"Buckets": [{"Name": name} for name in names], "Owner": {"ID": PLACEHOLDER_ACCOUNT}}
        if operation == "GetBucketLocation":
            return {"LocationConstraint": None}
        if operation in ("ListObjectsV2", "ListObjects"):
            prefix = params.get("Prefix") or ""
            keys = sorted(k for (b, k) in self.objects if b == bucket and k.startswith(prefix))
            contents = [{"Key": k, "Size": len(self.objects[(bucket, k)])} for k in keys]
            return {"Contents": contents, "KeyCount": len(contents), "IsTruncated": False, "Name": bucket, "Prefix": prefix}
        if operation in ("HeadObject", "GetObject"):
            data = self.objects.get((bucket, key))
            if data is None:
                return None
            if operation == "HeadObject":
                return {"ContentLength": len(data)}
            from botocore.response import StreamingBody

            return {"ContentLength": len(data), "Body": StreamingBody(io.BytesIO(data), len(data))}
        return None


def read_body(body):
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode()
    return body.read()


def install_offline_shim(store):
    """Answers every botocore call in this process; must run before any boto3 session is made."""
    import botocore.handlers
    from botocore.awsrequest import AWSResponse

    s3 = OfflineS3(store)

    class Raw:
        def stream(self, **_):
            yield b""

    def response(status):
        return AWSResponse("https://offline.invalid/", status, {}, Raw())

    def stash(params, context, **_):
        context["sagemaker_pipelines_params"] = params

    def answer(model, context, **_):
        service, operation = model.service_model.service_name, model.name
        params = context.get("sagemaker_pipelines_params") or {}
        parsed = None
        if service == "s3":
            parsed = s3.answer(operation, params)
            if parsed is None and operation in ("HeadObject", "GetObject"):
                return response(404), {"Error": {"Code": "NoSuchKey" if operation == "GetObject" else "404", "Message": "Not Found"}}
        elif service == "sts" and operation == "GetCallerIdentity":
            parsed = {"Account": PLACEHOLDER_ACCOUNT, "Arn": f"arn:aws:iam::{PLACEHOLDER_ACCOUNT}:user/offline", "UserId": "OFFLINE"}
        if parsed is None:
            message = f"{service}:{operation} needs AWS, and the export runs offline (only S3 uploads and STS are answered)"
            return response(400), {"Error": {"Code": "UnavailableOffline", "Message": message}}
        parsed.setdefault("ResponseMetadata", {"HTTPStatusCode": 200, "HTTPHeaders": {}})
        return response(200), parsed

    botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build", stash))
    botocore.handlers.BUILTIN_HANDLERS.append(("before-call", answer))
    return s3


def record_uploads():
    """With --aws: the S3 objects the SDK uploads, recorded as they succeed."""
    import botocore.handlers

    uploads = []

    def stash(params, context, **_):
        context["sagemaker_pipelines_params"] = params

    def record(http_response, parsed, model, context, **_):
        params = context.get("sagemaker_pipelines_params") or {}
        if 200 <= http_response.status_code < 300 and params.get("Bucket") and params.get("Key"):
            uploads.append(f"s3://{params['Bucket']}/{params['Key']}")

    botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build.s3", stash))
    for operation in ("PutObject", "CompleteMultipartUpload"):
        botocore.handlers.BUILTIN_HANDLERS.append((f"after-call.s3.{operation}", record))
    return uploads


def offline_environment(region):
    """Placeholder credentials (nothing is sent), no instance metadata lookups, no telemetry."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        os.environ.pop(name, None)
    os.environ["AWS_ACCESS_KEY_ID"] = "OFFLINEEXPORT"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "offline-export"
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    os.environ["AWS_DEFAULT_REGION"] = region
    os.environ["AWS_REGION"] = region
    os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")


def silence_sdk(role):
    """The SDK's telemetry (an HTTP request per call) off; get_execution_role answers `role` when there is one."""
    for module_name in ("sagemaker.telemetry.telemetry_logging", "sagemaker.core.telemetry.telemetry_logging"):
        try:
            module = __import__(module_name, fromlist=["_send_telemetry_request"])
            module._send_telemetry_request = lambda *a, **k: None
        except Exception:
            pass
    if not role:
        return
    for module_name in ("sagemaker", "sagemaker.session", "sagemaker.core.helper.session_helper", "sagemaker.core"):
        try:
            module = __import__(module_name, fromlist=["get_execution_role"])
            if hasattr(module, "get_execution_role"):
                module.get_execution_role = lambda *a, **k: role
        except Exception:
            pass


def is_pipeline(value):
    kind = type(value)
    return kind.__name__ == "Pipeline" and kind.__module__.startswith("sagemaker") and callable(getattr(value, "definition", None))


def user_frames(tb, user_dir):
    """The frames of the user's own files: under the pipeline file's folder, outside the SDK and site-packages."""
    here = os.path.realpath(__file__)
    frames = []
    for frame in traceback.extract_tb(tb):
        path = os.path.realpath(frame.filename)
        if path == here or "site-packages" in path or "dist-packages" in path or not path.startswith(user_dir + os.sep):
            continue
        frames.append({"file": path, "line": frame.lineno, "function": frame.name, "code": frame.line or ""})
    return frames


def raised(error, user_dir, during):
    frames = user_frames(error.__traceback__, user_dir)
    lines = ["Traceback (your code's frames):"] if frames else []
    for f in frames:
        lines.append(f'  File "{f["file"]}", line {f["line"]}, in {f["function"]}')
        if f["code"]:
            lines.append(f"    {f['code']}")
    message = str(error)
    lines.append(f"{type(error).__name__}: {message}" if message else type(error).__name__)
    return {"kind": "raised", "during": during, "type": type(error).__name__, "message": message, "frames": frames, "traceback": "\n".join(lines)}


def convert(value, default):
    """--arg values are strings; a parameter whose default is a bool, int or float gets that type."""
    if isinstance(default, bool):
        return value.lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def call_arguments(function, given, defaults):
    signature = inspect.signature(function)
    kwargs = {}
    missing = []
    for name, parameter in signature.parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        default = None if parameter.default is parameter.empty else parameter.default
        if name in given:
            kwargs[name] = convert(given[name], default)
        elif name in defaults:
            kwargs[name] = defaults[name]
        elif parameter.default is parameter.empty:
            missing.append(name)
    unknown = sorted(set(given) - set(signature.parameters))
    return kwargs, missing, unknown


def candidates(module, function_name):
    """What is tried, in order: the named object; else module-level Pipeline objects; else get_pipeline, then the other
    functions of the module whose name contains 'pipeline'."""
    if function_name:
        if not hasattr(module, function_name):
            return None, f"{function_name} is not defined at the module level"
        return [(function_name, getattr(module, function_name))], None
    pipelines = [(name, value) for name, value in vars(module).items() if is_pipeline(value)]
    if pipelines:
        return pipelines[:1] if len(pipelines) == 1 else pipelines, None
    functions = [
        (name, value)
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and "pipeline" in name.lower()
    ]
    functions.sort(key=lambda item: (item[0] != "get_pipeline", item[1].__code__.co_firstlineno))
    return functions, None


def sdk_version():
    import importlib.metadata

    try:
        return importlib.metadata.version("sagemaker")
    except importlib.metadata.PackageNotFoundError:
        import sagemaker

        return getattr(sagemaker, "__version__", "unknown")


def main():
    sys.dont_write_bytecode = True
    # The SDK writes temporary files while it builds a definition (the @step decorator's sagemaker_requirements_*.txt)
    # and leaves them: they go to a folder of this export's own, removed when it ends.
    tempfile.tempdir = tempfile.mkdtemp(prefix="sagemaker-pipelines-export-")
    atexit.register(shutil.rmtree, tempfile.tempdir, True)
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # The user's prints (and their subprocesses') go to stderr: stdout carries the result only.
    sys.stdout = sys.stderr
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--function")
    parser.add_argument("--arg", action="append", default=[])
    parser.add_argument("--store")
    parser.add_argument("--aws", action="store_true")
    parser.add_argument("--role")
    options = parser.parse_args()
    given = {}
    for item in options.arg:
        name, sep, value = item.partition("=")
        if not sep or not name:
            return emit({"ok": False, "error": {"kind": "arguments", "message": f"--arg expects NAME=VALUE, got '{item}'"}}, out)
        given[name] = value
    region = given.get("region") or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or (None if options.aws else "us-east-1")
    if options.aws:
        # None for what the template then asks AWS for: the session's region and default bucket.
        role = given.get("role") or options.role
        defaults = {"region": region, "role": role, "default_bucket": None}
    else:
        role = given.get("role") or PLACEHOLDER_ROLE
        defaults = {"region": region, "role": PLACEHOLDER_ROLE, "default_bucket": PLACEHOLDER_BUCKET}
        offline_environment(region)
    os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
    try:
        import sagemaker  # noqa: F401
    except ImportError as error:
        install = f"{sys.executable} -m pip install sagemaker"
        message = f"The SageMaker Python SDK is not installed in {sys.executable} ({error}). Install it with: {install}"
        return emit({"ok": False, "error": {"kind": "sdk-missing", "message": message, "install": install, "python": sys.executable}}, out)
    if options.aws:
        try:
            uploads = record_uploads()
        except ImportError:  # no botocore: the SDK uploads nothing
            uploads = []
    else:
        try:
            uploads = install_offline_shim(options.store).uploads
        except ImportError:  # no botocore: nothing can call AWS
            uploads = []
    silence_sdk(role)

    path = os.path.realpath(options.file)
    user_dir = os.path.dirname(path)
    sys.path.insert(0, user_dir)
    sys.argv = [path]
    import importlib.util

    module_name = os.path.splitext(os.path.basename(path))[0].replace("-", "_").replace(".", "_") or "pipeline"
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except BaseException as error:  # noqa: BLE001 — SystemExit included: the user's module is not ours to end the export
        return emit({"ok": False, "error": raised(error, user_dir, "import")}, out)

    found, why = candidates(module, options.function)
    looked_for = (
        f"{options.function}" if options.function else "a module-level sagemaker Pipeline object, then get_pipeline(), then other functions whose name contains 'pipeline'"
    )
    if not found:
        message = f"No pipeline found in {os.path.basename(path)}: looked for {looked_for}" + (f" ({why})." if why else ".")
        return emit({"ok": False, "error": {"kind": "not-found", "message": message}}, out)
    if len(found) > 1 and all(is_pipeline(value) for _, value in found):
        names = ", ".join(name for name, _ in found)
        message = f"Several Pipeline objects in {os.path.basename(path)} ({names}): name one, as {os.path.basename(path)}:NAME."
        return emit({"ok": False, "error": {"kind": "not-found", "message": message}}, out)

    tried = []
    for name, value in found:
        how = name
        if callable(value) and not is_pipeline(value):
            kwargs, missing, unknown = call_arguments(value, given, defaults)
            if missing or unknown:
                problem = (f"needs {', '.join(missing)}: pass --arg NAME=VALUE" if missing else "") + (
                    f"{'; ' if missing else ''}has no parameter {', '.join(unknown)}" if unknown else ""
                )
                if options.function or name == "get_pipeline":
                    return emit({"ok": False, "error": {"kind": "arguments", "message": f"{name}() {problem}."}}, out)
                tried.append(f"{name}() {problem}")
                continue
            how = f"{name}({', '.join(kwargs)})"
            try:
                value = value(**kwargs)
            except BaseException as error:  # noqa: BLE001
                return emit({"ok": False, "error": raised(error, user_dir, how)}, out)
            if not is_pipeline(value):
                tried.append(f"{how} returned {type(value).__name__}, not a Pipeline")
                continue
        elif not is_pipeline(value):
            tried.append(f"{name} is a {type(value).__name__}, not a Pipeline")
            continue
        elif given:
            # The module built it at import: the arguments could not have changed it.
            message = f"{name} is a module-level Pipeline object, which takes no --arg ({', '.join(sorted(given))} given): name a function that returns the pipeline, as {os.path.basename(path)}:FUNCTION."
            return emit({"ok": False, "error": {"kind": "arguments", "message": message}}, out)
        try:
            definition = json.loads(value.definition())
        except BaseException as error:  # noqa: BLE001
            return emit({"ok": False, "error": raised(error, user_dir, "definition()")}, out)
        return emit(
            {
                "ok": True,
                "definition": json.dumps(definition, indent=2) + "\n",
                "name": getattr(value, "name", None),
                "found": how,
                "uploads": uploads,
                "sdk": sdk_version(),
            },
            out,
        )
    message = f"No pipeline found in {os.path.basename(path)}: looked for {looked_for}; " + "; ".join(tried) + "."
    return emit({"ok": False, "error": {"kind": "not-found", "message": message}}, out)


if __name__ == "__main__":
    main()
