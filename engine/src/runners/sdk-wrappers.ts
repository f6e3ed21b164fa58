/**
 * What the host runner knows about the wrappers and tools the SageMaker Python SDK puts in a step's command: tools that
 * exist only in the step's image (refused up front with a clear message instead of `spawn … ENOENT`), and the SDK's own
 * wrapper scripts, whose failures get a hint about what they expect of the machine.
 */

const CONTAINER_RUNNER = 'run it with the container runner (setting sagemakerPipelines.local.runner "container", CLI --runner container)';

/** Commands found only in a SageMaker image, by name, and the step kind that uses them. */
const IMAGE_TOOLS: Record<string, string> = {
  amazon_sagemaker_scheduler: "A NotebookJob step runs its notebook with amazon_sagemaker_scheduler",
  "smspark-submit": "A PySpark or Spark step (PySparkProcessor, SparkJarProcessor) runs with smspark-submit",
};

/** Why the host runner cannot run `command` (a tool of the step's image it does not have), or undefined. */
export function imageToolRefusal(command: string, image: string | undefined): string | undefined {
  const name = command.split("/").pop() ?? command;
  const what = Object.hasOwn(IMAGE_TOOLS, name) ? IMAGE_TOOLS[name] : undefined;
  if (!what) return undefined;
  return `${what}, which only its image${image ? ` (${image})` : ""} has: this step needs its image, and the host runner does not use images; ${CONTAINER_RUNNER} (an image of a private registry such as ECR must be pulled beforehand).`;
}

/** A hint about the SDK wrapper in the command line, for its failure reason; undefined when there is none. */
export function wrapperHint(argv: string[]): string | undefined {
  const line = argv.join(" ");
  if (/\/runproc\.sh\b/.test(line)) {
    return (
      "FrameworkProcessor's runproc.sh unpacks sourcedir.tar.gz in /opt/ml/processing/input/code and runs your script with `python` (after `pip install -r requirements.txt` when there is one): on the host runner that is this machine's python and packages; install them there, or " +
      CONTAINER_RUNNER +
      "."
    );
  }
  if (/\/job_driver\.sh\b|sagemaker_remote_function_bootstrap/.test(line)) {
    return "A @step function runs the SDK's job_driver.sh, which reads /opt/ml/input/config/resourceconfig.json and runs `python -m sagemaker.remote_function.invoke_function`: the job's python needs the sagemaker package, and the function's pickled inputs and outputs are read from and written to S3 with boto3, which needs the bucket and credentials (--pass-aws-credentials).";
  }
  // SDK v2 runs _repack_model.py through _repack_script_launcher.sh (its sagemaker_program).
  if (/_repack_model\.py\b|_repack_script_launcher\.sh\b/.test(line)) {
    return "The repack step's _repack_model.py reads the model from /opt/ml/input/data/training/model.tar.gz (its training channel) and the inference code from its source directory, and writes /opt/ml/model: check those inputs.";
  }
  // SDK v3's ModelTrainer jobs (its repack step's included) run the sm_train.sh of their sm_drivers channel.
  if (/\/sm_drivers\/sm_train\.sh\b/.test(line)) {
    return (
      "A ModelTrainer job (SDK v3; its repack step too) runs sm_train.sh from its sm_drivers channel, which runs the entry script with the python3 and pip on the engine's PATH (the repack step's reads the model from /opt/ml/input/data/training): install what the script needs there, or " +
      CONTAINER_RUNNER +
      "."
    );
  }
  return undefined;
}

/** The failure reason with the hint, within the service's 1024 characters (the hint is kept whole; the stderr tail gives way). */
export function withHint(reason: string, hint: string): string {
  const suffix = `\nHint: ${hint}`;
  return `${reason.slice(0, Math.max(0, 1024 - suffix.length))}${suffix}`.slice(0, 1024);
}
