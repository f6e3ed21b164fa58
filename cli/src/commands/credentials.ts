import { resolve } from "node:path";
import { loadOrCreateCredentials } from "../../../engine/src";
import { DEFAULT_STORE } from "../store";

export type CredentialsFormat = "env" | "json";

/** A word for a POSIX shell: single-quoted, with single quotes escaped. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * `sagemaker-pipelines local credentials`: the local engine's key pair (made on first use, kept in the store), for
 * boto3, the SageMaker Python SDK and the AWS CLI with `--endpoint-url`: `eval "$(sagemaker-pipelines local credentials)"`.
 */
export function printCredentials(options: { store?: string; format?: CredentialsFormat }, write: (text: string) => void): void {
  const { accessKeyId, secretAccessKey } = loadOrCreateCredentials(resolve(options.store ?? DEFAULT_STORE));
  if (options.format === "json") return write(`${JSON.stringify({ accessKeyId, secretAccessKey })}\n`);
  write(`export AWS_ACCESS_KEY_ID=${shellQuote(accessKeyId)}\nexport AWS_SECRET_ACCESS_KEY=${shellQuote(secretAccessKey)}\n`);
}
