import { existsSync } from "node:fs";
import { flag, optionalRecord, optionalText, positiveNumber, record, records, stringMap, text, texts, type Json } from "./arguments";
import { packTarGz } from "./archive";
import { containerChild, hostPath, hostPathAfterJob } from "./container-paths";
import { isFileAt, joinUri, makeDirs, readTextAt, throwIfStopped, writeJson, type JobContext } from "./layout";
import { MetricCollector } from "./metrics";
import { download, listFiles, localPathOf, stage } from "./object-data";
import type { ProcessSpec } from "./process-spec";
import { StepJobError, type StepJob, type StepJobResult } from "./runner";
import { withHint } from "./sdk-wrappers";
import { CURRENT_HOST, decodeHyperParameters, INSTANCE_GROUP, splitHyperParameters, stringValue, toCommandArguments, trainingEnvironment } from "./script-mode";

const HINT = /\nHint: ([^]*)$/;

const CODE_DIR = "/opt/ml/code";
const CHANNEL_NAME = /^[A-Za-z0-9.\-_]+$/;

interface Channel {
  name: string;
  uri: string;
  dataType?: string;
  config: Json;
}

/**
 * A Training job (CreateTrainingJob arguments): channels under /opt/ml/input/data/<channel>, the configuration files
 * under /opt/ml/input/config, then one of: `AlgorithmSpecification.ContainerEntrypoint`; SDK script mode
 * (`sagemaker_program` from `sagemaker_submit_directory`); the image's own `train` (container runtime only).
 * /opt/ml/model becomes `<S3OutputPath>/<job name>/output/model.tar.gz`.
 */
export async function runTraining(job: StepJob, context: JobContext): Promise<StepJobResult> {
  const args = job.arguments;
  const algorithm = record(args.AlgorithmSpecification, "AlgorithmSpecification");
  if (algorithm.AlgorithmName !== undefined)
    throw new StepJobError(
      "AlgorithmSpecification.AlgorithmName (a marketplace or built-in algorithm resource) is not supported in local mode; use a TrainingImage.",
    );
  const image = optionalText(algorithm.TrainingImage, "AlgorithmSpecification.TrainingImage");
  const entrypoint = texts(algorithm.ContainerEntrypoint, "AlgorithmSpecification.ContainerEntrypoint");
  const containerArguments = texts(algorithm.ContainerArguments, "AlgorithmSpecification.ContainerArguments");
  const hyperParameters = stringMap(args.HyperParameters, "HyperParameters");
  const environment = stringMap(args.Environment, "Environment");
  const outputPath = text(record(args.OutputDataConfig, "OutputDataConfig").S3OutputPath, "OutputDataConfig.S3OutputPath");
  localPathOf(job.objectStore, outputPath, "write"); // before the job runs
  const maxRuntimeSeconds = positiveNumber(
    optionalRecord(args.StoppingCondition, "StoppingCondition")?.MaxRuntimeInSeconds,
    "StoppingCondition.MaxRuntimeInSeconds",
  );
  const instanceType = String(optionalRecord(args.ResourceConfig, "ResourceConfig")?.InstanceType ?? "local");
  const inputMode = String(algorithm.TrainingInputMode ?? "File");
  const channels = readChannels(args, inputMode);

  makeDirs(job, "/opt/ml/model", "/opt/ml/output/data", "/opt/ml/output/intermediate", "/opt/ml/input/config", CODE_DIR);
  for (const channel of channels) {
    job.log(`Channel ${channel.name}: ${channel.uri} -> /opt/ml/input/data/${channel.name}`);
    await download(job.objectStore, channel.uri, channel.dataType, hostPath(job.workDir, `/opt/ml/input/data/${channel.name}`));
  }
  const inputDataConfig = Object.fromEntries(channels.map((channel) => [channel.name, channel.config]));
  const resourceConfig = {
    current_host: CURRENT_HOST,
    current_instance_type: instanceType,
    current_group_name: INSTANCE_GROUP,
    hosts: [CURRENT_HOST],
    instance_groups: [{ instance_group_name: INSTANCE_GROUP, instance_type: instanceType, hosts: [CURRENT_HOST] }],
    network_interface_name: "eth0",
  };
  writeJson(job, "/opt/ml/input/config/inputdataconfig.json", inputDataConfig);
  writeJson(job, "/opt/ml/input/config/resourceconfig.json", resourceConfig);

  const metrics = new MetricCollector(records(algorithm.MetricDefinitions, "AlgorithmSpecification.MetricDefinitions"), job.log);
  const base = {
    image,
    // Every SageMaker training container has its job's name (the @step decorator's bootstrap reads it).
    env: { TRAINING_JOB_NAME: job.jobName, ...environment },
    networkIsolation: flag(args.EnableNetworkIsolation),
    maxRuntimeSeconds,
    onLine: metrics.enabled ? metrics.onLine : undefined,
  };
  const decoded = decodeHyperParameters(hyperParameters);
  const { user, framework } = splitHyperParameters(decoded);
  const program = stringValue(decoded.sagemaker_program);
  let spec: ProcessSpec;
  let fileHyperParameters = hyperParameters;
  if (entrypoint.length > 0) {
    spec = { ...base, entrypoint, args: containerArguments };
  } else if (program !== undefined) {
    const submitDirectory = stringValue(decoded.sagemaker_submit_directory);
    if (submitDirectory !== undefined) {
      job.log(`Code: ${submitDirectory} -> ${CODE_DIR}`);
      await stage(job.objectStore, submitDirectory, hostPath(job.workDir, CODE_DIR), "sagemaker_submit_directory");
    }
    if (context.executor.kind === "container") {
      // The image's toolkit runs the script: point it at the staged code instead of S3 (as the SDK's local mode does).
      fileHyperParameters = { ...hyperParameters, sagemaker_submit_directory: JSON.stringify(CODE_DIR) };
      spec = { ...base, args: ["train"] };
    } else {
      spec = scriptModeSpec(job, context, base, { program, submitDirectory, user, framework, channels, resourceConfig, inputDataConfig, instanceType });
    }
  } else {
    spec = {
      ...base,
      args: ["train"],
      missingEntrypoint: `The host runner cannot run the training image's own 'train' program (${image ?? "no image"}): use SDK script mode (sagemaker_program and sagemaker_submit_directory hyperparameters) or AlgorithmSpecification.ContainerEntrypoint, or run with a container runtime.`,
    };
  }
  writeJson(job, "/opt/ml/input/config/hyperparameters.json", fileHyperParameters);
  throwIfStopped(job);

  try {
    await context.executor.run(job, spec);
  } catch (error) {
    // A training container may explain its failure in /opt/ml/output/failure: that is the job's FailureReason.
    const failure = error instanceof StepJobError ? readTextAt(job, "/opt/ml/output/failure") : undefined;
    if (failure && error instanceof StepJobError) {
      // The host runner's hint about an SDK wrapper (sdk-wrappers.ts) stays with the reason the job gave.
      const hint = HINT.exec(error.message)?.[1];
      const reason = `AlgorithmError: ${failure}`;
      throw new StepJobError(hint ? withHint(reason, hint) : reason.slice(0, 1024), error.exceptionType);
    }
    throw error;
  }

  const modelUri = joinUri(outputPath, job.jobName, "output", "model.tar.gz");
  const modelDir = hostPathAfterJob(job.workDir, "/opt/ml/model", "the model folder");
  const warnings = (await listFiles(modelDir)).length === 0 ? ["the job wrote no file to /opt/ml/model (the model archive is empty)."] : [];
  await packTarGz(modelDir, localPathOf(job.objectStore, modelUri, "write"));
  job.log(`Model: /opt/ml/model -> ${modelUri}`);
  const outputData = hostPathAfterJob(job.workDir, "/opt/ml/output/data", "the output data folder");
  if ((await listFiles(outputData)).length > 0) {
    const outputUri = joinUri(outputPath, job.jobName, "output", "output.tar.gz");
    await packTarGz(outputData, localPathOf(job.objectStore, outputUri, "write"));
    job.log(`Output data: /opt/ml/output/data -> ${outputUri}`);
  }
  const properties: Json = { ModelArtifacts: { S3ModelArtifacts: modelUri } };
  if (metrics.enabled) properties.FinalMetricDataList = metrics.finalMetrics();
  return { properties, runner: context.executor.describe(image), warnings };
}

function readChannels(args: Json, inputMode: string): Channel[] {
  const seen = new Set<string>();
  return records(args.InputDataConfig, "InputDataConfig").map((channel, index) => {
    const path = `InputDataConfig[${index}]`;
    const name = text(channel.ChannelName, `${path}.ChannelName`);
    if (!CHANNEL_NAME.test(name)) throw new StepJobError(`${path}.ChannelName '${name}' may only contain letters, digits, '.', '-' and '_'.`);
    if (seen.has(name)) throw new StepJobError(`${path}.ChannelName '${name}' is used twice.`);
    seen.add(name);
    const source = record(channel.DataSource, `${path}.DataSource`);
    if (source.FileSystemDataSource !== undefined) throw new StepJobError(`${path}: FileSystemDataSource (EFS, FSx) is not supported in local mode.`);
    const s3 = record(source.S3DataSource, `${path}.DataSource.S3DataSource`);
    const config: Json = {
      TrainingInputMode: String(channel.InputMode ?? inputMode),
      S3DistributionType: String(s3.S3DataDistributionType ?? "FullyReplicated"),
      RecordWrapperType: String(channel.RecordWrapperType ?? "None"),
    };
    if (typeof channel.ContentType === "string") config.ContentType = channel.ContentType;
    return {
      name,
      uri: text(s3.S3Uri, `${path}.DataSource.S3DataSource.S3Uri`),
      dataType: optionalText(s3.S3DataType, `${path}.DataSource.S3DataSource.S3DataType`),
      config,
    };
  });
}

interface ScriptMode {
  program: string;
  submitDirectory?: string;
  user: ReturnType<typeof splitHyperParameters>["user"];
  framework: ReturnType<typeof splitHyperParameters>["framework"];
  channels: Channel[];
  resourceConfig: Json;
  inputDataConfig: Json;
  instanceType: string;
}

/** What the training toolkit would run: `python3 /opt/ml/code/<program> --key value …` in /opt/ml/code with SM_*. */
function scriptModeSpec(job: StepJob, context: JobContext, base: Omit<ProcessSpec, "args">, script: ScriptMode): ProcessSpec {
  const programPath = containerChild(CODE_DIR, script.program, "sagemaker_program");
  if (!isFileAt(job, programPath)) {
    throw new StepJobError(
      `sagemaker_program '${script.program}' is not in the code (${script.submitDirectory ? `sagemaker_submit_directory ${script.submitDirectory}` : "no sagemaker_submit_directory was given"}).`,
    );
  }
  if (existsSync(hostPath(job.workDir, `${CODE_DIR}/requirements.txt`))) {
    job.log("Note: requirements.txt is not installed by the host runner; the script uses the packages of the host's python3.");
  }
  const interpreter = script.program.endsWith(".py") ? [context.python] : script.program.endsWith(".sh") ? ["/bin/sh"] : [];
  const env = trainingEnvironment({
    jobName: job.jobName,
    program: script.program,
    submitDirectory: script.submitDirectory,
    channels: script.channels.map((channel) => channel.name),
    user: script.user,
    framework: script.framework,
    resourceConfig: script.resourceConfig,
    inputDataConfig: script.inputDataConfig,
    instanceType: script.instanceType,
  });
  return {
    ...base,
    entrypoint: [...interpreter, programPath],
    args: toCommandArguments(script.user),
    env: { ...env, ...base.env },
    cwd: CODE_DIR,
  };
}
