import { homedir } from "node:os";
import { join } from "node:path";

/**
 * What a job's process gets from the engine's environment: what a SageMaker job gets, not the user's whole
 * environment. Everything else (tokens, keys, the user's configuration) stays out, unless listed here.
 */
const ALLOWED = new Set(["PATH", "LANG", "LANGUAGE", "TZ", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT"]);
const ALLOWED_PREFIXES = ["LC_"];

/** AWS credentials and configuration: passed to jobs only when the user opts in (`passAwsCredentials`). */
export const AWS_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_CA_BUNDLE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_STS_REGIONAL_ENDPOINTS",
];

/** The variables of `env` a job may see: the allow-list, and the AWS ones when `passAwsCredentials`. */
export function allowedVariables(env: NodeJS.ProcessEnv, passAwsCredentials: boolean): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = key.toUpperCase();
    if (ALLOWED.has(upper) || ALLOWED_PREFIXES.some((prefix) => upper.startsWith(prefix))) result[key] = value;
    else if (passAwsCredentials && AWS_VARIABLES.includes(upper)) result[key] = value;
  }
  if (passAwsCredentials) {
    // The job's HOME is private: point the SDKs at the user's shared files, which they would otherwise look for in HOME.
    const home = env.HOME ?? env.USERPROFILE ?? homedir();
    result.AWS_SHARED_CREDENTIALS_FILE ??= join(home, ".aws", "credentials");
    result.AWS_CONFIG_FILE ??= join(home, ".aws", "config");
  }
  return result;
}

/** The AWS variables set in `env`, for a container runtime's `--env NAME` (the value never goes on a command line). */
export function awsVariablesSet(env: NodeJS.ProcessEnv): string[] {
  return AWS_VARIABLES.filter((name) => env[name] !== undefined);
}
