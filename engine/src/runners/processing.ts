import { flag, optionalRecord, optionalText, positiveNumber, record, records, stringMap, text, texts } from "./arguments";
import { hostPath } from "./container-paths";
import { makeDirs, throwIfStopped, writeJson, type JobContext } from "./layout";
import { download, localPathOf, upload } from "./object-data";
import { StepJobError, type StepJob, type StepJobResult } from "./runner";
import { CURRENT_HOST } from "./script-mode";

/**
 * A Processing job (CreateProcessingJob arguments): each `ProcessingInputs[].S3Input` is copied to its `LocalPath`,
 * `AppSpecification.ContainerEntrypoint` + `ContainerArguments` runs with `Environment`, then each
 * `ProcessingOutputConfig.Outputs[].S3Output.LocalPath` folder is copied to its `S3Uri`.
 */
export async function runProcessing(job: StepJob, context: JobContext): Promise<StepJobResult> {
  const args = job.arguments;
  const app = record(args.AppSpecification, "AppSpecification");
  const image = optionalText(app.ImageUri, "AppSpecification.ImageUri");
  const entrypoint = texts(app.ContainerEntrypoint, "AppSpecification.ContainerEntrypoint");
  const containerArguments = texts(app.ContainerArguments, "AppSpecification.ContainerArguments");
  const environment = stringMap(args.Environment, "Environment");
  const maxRuntimeSeconds = positiveNumber(
    optionalRecord(args.StoppingCondition, "StoppingCondition")?.MaxRuntimeInSeconds,
    "StoppingCondition.MaxRuntimeInSeconds",
  );
  const networkIsolation = flag(optionalRecord(args.NetworkConfig, "NetworkConfig")?.EnableNetworkIsolation);
  const inputs = records(args.ProcessingInputs, "ProcessingInputs");
  const outputConfig = optionalRecord(args.ProcessingOutputConfig, "ProcessingOutputConfig");
  const outputs = records(outputConfig?.Outputs, "ProcessingOutputConfig.Outputs").map((output, index) => {
    const path = `ProcessingOutputConfig.Outputs[${index}]`;
    if (output.FeatureStoreOutput !== undefined) throw new StepJobError(`${path}: FeatureStoreOutput is not supported in local mode.`);
    const s3 = record(output.S3Output, `${path}.S3Output`);
    const localPath = text(s3.LocalPath, `${path}.S3Output.LocalPath`);
    localPathOf(job.objectStore, text(s3.S3Uri, `${path}.S3Output.S3Uri`), "write"); // before the job runs
    return {
      name: String(output.OutputName ?? index),
      uri: text(s3.S3Uri, `${path}.S3Output.S3Uri`),
      localPath,
      hostDir: hostPath(job.workDir, localPath, `${path}.S3Output.LocalPath`),
    };
  });

  makeDirs(job, "/opt/ml/processing", "/opt/ml/config");
  for (const [index, input] of inputs.entries()) {
    const path = `ProcessingInputs[${index}]`;
    if (input.DatasetDefinition !== undefined) throw new StepJobError(`${path}: DatasetDefinition (Athena, Redshift) is not supported in local mode.`);
    const s3 = record(input.S3Input, `${path}.S3Input`);
    const uri = text(s3.S3Uri, `${path}.S3Input.S3Uri`);
    const localPath = text(s3.LocalPath, `${path}.S3Input.LocalPath`);
    if (s3.S3CompressionType === "Gzip") throw new StepJobError(`${path}: S3CompressionType Gzip is not supported in local mode.`);
    if (s3.S3InputMode === "Pipe") job.log(`Note: input ${String(input.InputName ?? index)} uses Pipe mode; local mode copies it as File mode.`);
    job.log(`Input ${String(input.InputName ?? index)}: ${uri} -> ${localPath}`);
    await download(
      job.objectStore,
      uri,
      optionalText(s3.S3DataType, `${path}.S3Input.S3DataType`),
      hostPath(job.workDir, localPath, `${path}.S3Input.LocalPath`),
    );
  }
  for (const output of outputs) makeDirs(job, output.localPath);
  writeJson(job, "/opt/ml/config/processingjobconfig.json", { ...args, ProcessingJobName: job.jobName });
  writeJson(job, "/opt/ml/config/resourceconfig.json", { current_host: CURRENT_HOST, hosts: [CURRENT_HOST] });
  throwIfStopped(job);

  await context.executor.run(job, {
    image,
    entrypoint: entrypoint.length > 0 ? entrypoint : undefined,
    args: containerArguments,
    env: environment,
    networkIsolation,
    maxRuntimeSeconds,
    missingEntrypoint: `AppSpecification.ContainerEntrypoint is required by the host runner (it cannot run the entrypoint of the image ${image ?? "(none)"}); set it, e.g. ["python3", "/opt/ml/processing/input/code/script.py"], or run with a container runtime.`,
  });

  const warnings: string[] = [];
  for (const output of outputs) {
    const count = await upload(output.hostDir, job.objectStore, output.uri, job.workDir);
    job.log(`Output ${output.name}: ${count} file(s) ${output.localPath} -> ${output.uri}`);
    if (count === 0) warnings.push(`the job wrote no file to its output ${output.name} (${output.localPath}).`);
  }
  return { properties: {}, runner: context.executor.describe(image), warnings };
}
