import { cpus } from "node:os";

/**
 * What the SageMaker training toolkit does for SDK script mode, reproduced for the host runner: hyperparameters
 * decoded from JSON, the user's ones passed as `--key value` arguments, and the `SM_*` environment. All paths are
 * container paths; the host executor maps them.
 */

export const CURRENT_HOST = "algo-1";
export const INSTANCE_GROUP = "homogeneousCluster";

/** One hyperparameter: the decoded value, and the text it came from (to render numbers as Python would). */
export interface HyperParameter {
  value: unknown;
  raw: string;
}

/** The SDK JSON-encodes every value (`"\"train.py\""`, `"50"`); the toolkit decodes what parses, keeps the rest. */
export function decodeHyperParameters(hyperParameters: Record<string, string>): Record<string, HyperParameter> {
  const decoded: Record<string, HyperParameter> = {};
  for (const [key, raw] of Object.entries(hyperParameters)) {
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: the value itself
    }
    decoded[key] = { value, raw };
  }
  return decoded;
}

/** `sagemaker_*` hyperparameters are the framework's, not the user's (they are not passed to the script). */
export function splitHyperParameters(decoded: Record<string, HyperParameter>): {
  user: Record<string, HyperParameter>;
  framework: Record<string, HyperParameter>;
} {
  const user: Record<string, HyperParameter> = {};
  const framework: Record<string, HyperParameter> = {};
  for (const [key, parameter] of Object.entries(decoded)) (key.startsWith("sagemaker_") ? framework : user)[key] = parameter;
  return { user, framework };
}

/** A decoded hyperparameter as a string, if it is one. */
export function stringValue(parameter: HyperParameter | undefined): string | undefined {
  return typeof parameter?.value === "string" ? parameter.value : undefined;
}

/** Python's `str()` of a decoded value, as the toolkit renders an argument. */
function pythonStr(parameter: HyperParameter): string {
  const { value } = parameter;
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return parameter.raw.trim();
  return pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object")
    return `{${Object.entries(value as object)
      .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
      .join(", ")}}`;
  return String(value);
}

/** The toolkit's `to_cmd_args`: sorted keys, `--key` (`-k` for one letter), dicts as `k=v,k2=v2`. */
export function toCommandArguments(user: Record<string, HyperParameter>): string[] {
  return Object.keys(user)
    .sort()
    .flatMap((key) => {
      const parameter = user[key];
      const { value } = parameter;
      const rendered =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? Object.keys(value)
              .sort()
              .map((k) => `${k}=${pythonStr({ value: (value as Record<string, unknown>)[k], raw: JSON.stringify((value as Record<string, unknown>)[k]) })}`)
              .join(",")
          : pythonStr(parameter);
      return [key.length > 1 ? `--${key}` : `-${key}`, rendered];
    });
}

/** The toolkit's `to_env_vars` value: strings as they are, anything else as compact JSON. */
function envValue(value: unknown, raw?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" && raw !== undefined) return raw.trim();
  return stableJson(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface TrainingEnvironmentInput {
  jobName: string;
  program: string;
  /** The `sagemaker_submit_directory` as given (the toolkit's module_dir). */
  submitDirectory?: string;
  channels: string[];
  user: Record<string, HyperParameter>;
  framework: Record<string, HyperParameter>;
  resourceConfig: Record<string, unknown>;
  inputDataConfig: Record<string, unknown>;
  instanceType: string;
}

/** The `SM_*` environment of a script-mode training job (container paths). */
export function trainingEnvironment(input: TrainingEnvironmentInput): Record<string, string> {
  const channels = [...input.channels].sort();
  const channelDirs = Object.fromEntries(channels.map((name) => [name, `/opt/ml/input/data/${name}`]));
  const hyperparameters = Object.fromEntries(Object.entries(input.user).map(([key, p]) => [key, p.value]));
  const frameworkParameters = Object.fromEntries(Object.entries(input.framework).map(([key, p]) => [key, p.value]));
  const moduleName = input.program.replace(/\.py$/, "");
  const userArgs = toCommandArguments(input.user);
  const base = {
    model_dir: "/opt/ml/model",
    input_dir: "/opt/ml/input",
    input_config_dir: "/opt/ml/input/config",
    output_dir: "/opt/ml/output",
    output_data_dir: "/opt/ml/output/data",
    output_intermediate_dir: "/opt/ml/output/intermediate",
    hosts: [CURRENT_HOST],
    current_host: CURRENT_HOST,
    current_instance_type: input.instanceType,
    current_instance_group: INSTANCE_GROUP,
    network_interface_name: "eth0",
    num_cpus: cpus().length,
    num_gpus: 0,
    module_name: moduleName,
    module_dir: input.submitDirectory ?? "/opt/ml/code",
    user_entry_point: input.program,
    log_level: 20,
    framework_module: "",
    resource_config: input.resourceConfig,
    input_data_config: input.inputDataConfig,
  };
  const trainingEnv = {
    ...base,
    job_name: input.jobName,
    channel_input_dirs: channelDirs,
    hyperparameters,
    additional_framework_parameters: frameworkParameters,
  };
  const env: Record<string, string> = {};
  const entries: Record<string, unknown> = {
    ...base,
    hps: hyperparameters,
    framework_params: frameworkParameters,
    channels,
    training_env: trainingEnv,
    user_args: userArgs,
  };
  for (const [key, value] of Object.entries(entries)) env[`SM_${key.toUpperCase()}`] = envValue(value);
  for (const [name, dir] of Object.entries(channelDirs)) env[`SM_CHANNEL_${name.toUpperCase()}`] = dir;
  for (const [key, parameter] of Object.entries(input.user)) env[`SM_HP_${key.toUpperCase()}`] = envValue(parameter.value, parameter.raw);
  env.TRAINING_JOB_NAME = input.jobName;
  return env;
}
