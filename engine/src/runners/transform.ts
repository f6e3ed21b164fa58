import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { optionalRecord, optionalText, record, stringMap, text, type Json } from "./arguments";
import { containerChild, hostPath, hostPathAfterJob } from "./container-paths";
import { isFileAt, joinUri, makeDirs, throwIfStopped, type JobContext } from "./layout";
import { download, listFiles, localPathOf, stage, upload } from "./object-data";
import { StepJobError, type StepJob, type StepJobResult } from "./runner";

const INPUT_DIR = "/opt/ml/transform/input";
const OUTPUT_DIR = "/opt/ml/transform/output";
const CODE_DIR = "/opt/ml/code";
const MODEL_DIR = "/opt/ml/model";

/**
 * A Transform job run as a local batch. The model comes from the engine in `arguments.__localModel`
 * (`{ image, modelDataUrl, environment }`, from the Model step that created `ModelName`). The model must have an
 * entry point script, as the SDK's framework models do: `SAGEMAKER_PROGRAM` in its environment, found in
 * `SAGEMAKER_SUBMIT_DIRECTORY` (a folder or `.tar.gz` URI, or a path under /opt/ml/model; default
 * /opt/ml/model/code). For each input file the runner runs, in the code folder:
 *
 *     python3 <program> /opt/ml/transform/input/<file> /opt/ml/transform/output/<file>.out
 *
 * with the model unpacked in /opt/ml/model (`SM_MODEL_DIR`), the model's and the job's `Environment`, and
 * `SAGEMAKER_BATCH=true`, `SM_INPUT_CONTENT_TYPE`, `SM_OUTPUT_ACCEPT`. Each `<file>.out` is then written to
 * `<TransformOutput.S3OutputPath>/<file>.out`, as the service names its outputs.
 */
export async function runTransform(job: StepJob, context: JobContext): Promise<StepJobResult> {
  const args = job.arguments;
  const modelName = optionalText(args.ModelName, "ModelName") ?? "(none)";
  const model = optionalRecord(args.__localModel, "__localModel");
  if (!model) {
    throw new StepJobError(
      `No runnable model for ModelName '${modelName}': local batch transform runs models created by a Model step of the pipeline (the model's container and script are not known otherwise).`,
    );
  }
  const image = optionalText(model.image, "__localModel.image");
  const modelDataUrl = optionalText(model.modelDataUrl, "__localModel.modelDataUrl");
  const modelEnvironment = stringMap(model.environment, "__localModel.environment");
  const program = modelEnvironment.SAGEMAKER_PROGRAM;
  if (!program) {
    throw new StepJobError(
      `The model '${modelName}' has no entry point script: local batch transform runs the model's SAGEMAKER_PROGRAM (with SAGEMAKER_SUBMIT_DIRECTORY), as the SDK's framework models set it; the serving stack of the image ${image ?? "(none)"} is not run locally.`,
    );
  }
  const input = record(args.TransformInput, "TransformInput");
  const source = record(record(input.DataSource, "TransformInput.DataSource").S3DataSource, "TransformInput.DataSource.S3DataSource");
  const inputUri = text(source.S3Uri, "TransformInput.DataSource.S3DataSource.S3Uri");
  const output = record(args.TransformOutput, "TransformOutput");
  const outputPath = text(output.S3OutputPath, "TransformOutput.S3OutputPath");
  localPathOf(job.objectStore, outputPath, "write"); // before the job runs
  const environment = stringMap(args.Environment, "Environment");
  if (args.DataProcessing !== undefined) job.log("Note: DataProcessing (input/output filters, join) is not applied in local mode.");

  makeDirs(job, MODEL_DIR, CODE_DIR, INPUT_DIR, OUTPUT_DIR);
  if (modelDataUrl) {
    job.log(`Model data: ${modelDataUrl} -> ${MODEL_DIR}`);
    await stage(job.objectStore, modelDataUrl, hostPath(job.workDir, MODEL_DIR), "model data (ModelDataUrl)");
  }
  const codeDir = await stageCode(job, modelEnvironment.SAGEMAKER_SUBMIT_DIRECTORY);
  const programPath = containerChild(codeDir, program, "SAGEMAKER_PROGRAM");
  if (!isFileAt(job, programPath)) throw new StepJobError(`The model's SAGEMAKER_PROGRAM '${program}' is not in ${codeDir}.`);

  job.log(`Input: ${inputUri} -> ${INPUT_DIR}`);
  await download(
    job.objectStore,
    inputUri,
    optionalText(source.S3DataType, "TransformInput.DataSource.S3DataSource.S3DataType"),
    hostPath(job.workDir, INPUT_DIR),
  );
  const files = await listFiles(hostPath(job.workDir, INPUT_DIR));
  if (files.length === 0) throw new StepJobError(`No S3 objects found under S3 URL '${inputUri}'.`);

  const env: Record<string, string> = {
    ...modelEnvironment,
    ...environment,
    SM_MODEL_DIR: MODEL_DIR,
    SAGEMAKER_BATCH: "true",
    SM_INPUT_CONTENT_TYPE: String(input.ContentType ?? ""),
    SM_OUTPUT_ACCEPT: String(output.Accept ?? ""),
  };
  for (const file of files) {
    throwIfStopped(job);
    const outputFile = `${OUTPUT_DIR}/${file}.out`;
    mkdirSync(dirname(hostPathAfterJob(job.workDir, outputFile, "a transform output")), { recursive: true });
    job.log(`Transform ${file}:`);
    await context.executor.run(job, { image, entrypoint: [context.python, programPath], args: [`${INPUT_DIR}/${file}`, outputFile], env, cwd: codeDir });
    if (!isFileAt(job, outputFile)) throw new StepJobError(`The model's script wrote no output for ${file} (expected ${outputFile}).`);
  }
  const count = await upload(hostPath(job.workDir, OUTPUT_DIR), job.objectStore, outputPath, job.workDir);
  job.log(`Output: ${count} file(s) -> ${outputPath} (${files.map((file) => joinUri(outputPath, `${file}.out`)).join(", ")})`);
  const properties: Json = {};
  return { properties, runner: context.executor.describe(image) };
}

/** The folder the program is in: a path under /opt/ml/model is used as it is; a URI is staged into /opt/ml/code. */
async function stageCode(job: StepJob, submitDirectory: string | undefined): Promise<string> {
  if (submitDirectory === undefined || submitDirectory === MODEL_DIR || submitDirectory.startsWith(`${MODEL_DIR}/`)) {
    const dir = submitDirectory ?? `${MODEL_DIR}/code`;
    hostPath(job.workDir, dir, "SAGEMAKER_SUBMIT_DIRECTORY");
    return dir.replace(/\/+$/, "");
  }
  job.log(`Code: ${submitDirectory} -> ${CODE_DIR}`);
  await stage(job.objectStore, submitDirectory, hostPath(job.workDir, CODE_DIR), "SAGEMAKER_SUBMIT_DIRECTORY");
  return CODE_DIR;
}
