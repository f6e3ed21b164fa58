import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { AwsSettings, RunTarget } from "../../core/src";

/** A SageMaker API client for the current target, and how to name that target to the user. */
export interface Connection {
  client: SageMakerClient;
  target: RunTarget;
  /** `local engine (http://127.0.0.1:PORT)` or `AWS us-east-1 (profile dev)`. */
  label: string;
  endpoint?: string;
  profile?: string;
  region?: string;
}

/** A request that gets no answer fails instead of hanging the editor. */
export interface Timeouts {
  connectionMs: number;
  requestMs: number;
}
export const DEFAULT_TIMEOUTS: Timeouts = { connectionMs: 5_000, requestMs: 60_000 };
/** The request handler's timeouts, for every client of the layer. */
export const connectionHandler = (t: Timeouts = DEFAULT_TIMEOUTS) => ({
  requestHandler: { connectionTimeout: t.connectionMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true },
});

/** The local engine's own key pair (in its store folder): requests to it are signed with it, as requests to AWS are. */
export interface LocalEngineCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function localConnection(endpoint: string, credentials: LocalEngineCredentials, timeouts = DEFAULT_TIMEOUTS): Connection {
  const { accessKeyId, secretAccessKey } = credentials;
  const client = new SageMakerClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
    ...connectionHandler(timeouts),
  });
  return { client, target: "local", label: `local engine (${endpoint})`, endpoint };
}

/** AWS through the SDK's default credential chain, or a named profile (SSO profiles included). */
export function awsConnection(settings: AwsSettings, endpoint?: string, timeouts = DEFAULT_TIMEOUTS): Connection {
  const client = new SageMakerClient({
    ...connectionHandler(timeouts),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.region ? { region: settings.region } : {}),
    ...(endpoint ? { endpoint } : {}),
  });
  const where = settings.region || "the default region";
  return {
    client,
    target: "aws",
    label: `AWS ${where} (${settings.profile ? `profile ${settings.profile}` : "default credentials"})`,
    profile: settings.profile || undefined,
    region: settings.region || undefined,
  };
}
