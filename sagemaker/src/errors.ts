import type { Connection } from "./connection";

/** A failure as the user should read it: what happened and what to do. */
export interface ExplainedError {
  message: string;
  /** A step the service's message names, to highlight in the editor. */
  step?: string;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/**
 * Every API failure, translated: missing credentials, an expired SSO session or token, access denied (naming the
 * action), the service's validation message (with the step it names), throttling, an unreachable local engine.
 * Credentials never appear in the text: only the profile's name.
 */
export function explainError(
  error: unknown,
  operation: string,
  connection: Pick<Connection, "target" | "profile" | "region" | "endpoint">,
  stepNames: readonly string[] = [],
): ExplainedError {
  const e = (error ?? {}) as ErrorLike;
  const name = e.name ?? "";
  const message = typeof e.message === "string" ? e.message : String(error);
  const profile = connection.profile ? `profile '${connection.profile}'` : "the default credentials";
  const network = networkCode(e);

  if (network && connection.target === "local") {
    return {
      message: `The local engine is not reachable at ${connection.endpoint ?? "its endpoint"} (${network}). Run "SageMaker Pipelines: Start Local Engine", or check the sagemakerPipelines.local settings.`,
    };
  }
  if (network)
    return {
      message: `SageMaker in ${connection.region ?? "the configured region"} could not be reached (${network}): check the network connection and the region.`,
    };
  if (
    name === "TokenProviderError" ||
    /SSO session .*(expired|invalid)|SSO Token|sso.*token.*(expired|refresh)|Token is expired|aws sso login/i.test(message)
  ) {
    return {
      message: `The SSO session of ${profile} has expired. Run \`aws sso login${connection.profile ? ` --profile ${connection.profile}` : ""}\`, then try again.`,
    };
  }
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return {
      message: `No AWS credentials were found for ${profile}. Configure them with \`aws configure\` or \`aws configure sso\`, or set sagemakerPipelines.aws.profile to a configured profile.`,
    };
  }
  if (/^ExpiredToken(Exception)?$/.test(name) || /security token included in the request is expired/i.test(message)) {
    return {
      message: `The AWS credentials of ${profile} have expired (${name || "ExpiredToken"}). Refresh them (for SSO: \`aws sso login\`), then try again.`,
    };
  }
  if (/^AccessDenied(Exception)?$/.test(name) || /not authorized to perform/i.test(message)) {
    return { message: `Access denied: ${profile} may not call sagemaker:${operation}. Ask for that permission or use another profile. (${message})` };
  }
  if (/Region is missing/i.test(message)) {
    return { message: "No AWS region is configured: set sagemakerPipelines.aws.region, or a region in the profile or the AWS_REGION environment variable." };
  }
  if (name === "ThrottlingException" || /Rate exceeded|Throttl/i.test(message)) {
    return { message: `SageMaker throttled ${operation} and the SDK's retries ran out. Wait a moment and try again.` };
  }
  if (name === "ValidationException") {
    return {
      message: `SageMaker refused ${operation}: ${message}`,
      step: stepNames.find((step) => new RegExp(`(^|[^A-Za-z0-9_-])${escape(step)}([^A-Za-z0-9_-]|$)`).test(message)),
    };
  }
  if (name === "ResourceNotFound" || name === "ResourceNotFoundException") return { message: `${operation}: ${message}` };
  if (name === "TimeoutError" || /timed? ?out/i.test(name)) return { message: `${operation} timed out: SageMaker did not answer in time. Try again.` };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500)
    return { message: `SageMaker failed on ${operation} (HTTP ${status}${name ? `, ${name}` : ""}). This is on the service's side: try again.` };
  return { message: `${operation} failed: ${name && name !== "Error" ? `${name}: ` : ""}${message}` };
}

function networkCode(e: ErrorLike): string | undefined {
  const codes = ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"];
  for (let current: ErrorLike | undefined = e, depth = 0; current && depth < 4; current = current.cause as ErrorLike | undefined, depth++) {
    const code = current.code ?? codes.find((c) => current!.message?.includes(c));
    if (code && codes.includes(code)) return code;
  }
  return e.name === "TimeoutError" ? undefined : /socket hang up/i.test(e.message ?? "") ? "connection dropped" : undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
