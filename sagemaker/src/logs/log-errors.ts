import type { Connection } from "../connection";
import { explainError } from "../errors";

/**
 * A failure to read a log, as the user should read it. The IAM actions are named: the log needs
 * `logs:DescribeLogStreams` (to find the job's streams) and `logs:GetLogEvents`, besides the SageMaker ones.
 */
export function explainLogError(error: unknown, operation: string, connection: Pick<Connection, "target" | "profile" | "region" | "endpoint">): string {
  const e = (error ?? {}) as { name?: string; message?: string };
  const name = e.name ?? "";
  const message = e.message ?? String(error);
  const who = connection.profile ? `profile '${connection.profile}'` : "the default credentials";
  const logs = operation === "GetLogEvents" || operation === "DescribeLogStreams";
  if (logs && (/^AccessDenied(Exception)?$/.test(name) || /not authorized to perform/i.test(message)))
    return `Access denied: ${who} may not read CloudWatch logs (logs:${operation}). The log needs the permissions logs:GetLogEvents and logs:DescribeLogStreams on the log group. (${message})`;
  if (logs && name === "ResourceNotFoundException")
    return `No log yet: ${message.replace(/\.$/, "")} (the job has not written to CloudWatch yet, or it logs in another account or region).`;
  if (logs && (name === "ThrottlingException" || /Rate exceeded/i.test(message)))
    return `CloudWatch Logs throttled ${operation} and the SDK's retries ran out. Wait a moment and try again.`;
  if (logs && !["CredentialsProviderError", "TokenProviderError", "ExpiredTokenException"].includes(name)) {
    const explained = explainError(error, operation, connection).message;
    return explained.replace(/^SageMaker (in |failed on |throttled )/, "CloudWatch Logs $1");
  }
  return explainError(error, operation, connection).message;
}
