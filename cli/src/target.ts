import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { join, resolve } from "node:path";
import { createStepRunner, CREDENTIALS_FILE, loadOrCreateCredentials, readCredentials, startOrConnect, type RunnerMode } from "../../engine/src";
import { DEFAULT_STORE } from "./store";

/** Where runs go: the embedded local engine (default), another endpoint, or AWS through a profile and region. */
export interface TargetOptions {
  endpoint?: string;
  profile?: string;
  region?: string;
  /** The local engine's store folder. */
  store?: string;
  /** How the local engine runs Processing, Training and Transform jobs. */
  runner?: RunnerMode;
  /** The local engine's jobs get the AWS credentials of this environment (`--pass-aws-credentials`). */
  passAwsCredentials?: boolean;
  /** false: host jobs run without network (`--no-network`). */
  network?: boolean;
}

export interface Target {
  client: SageMakerClient;
  description: string;
  local: boolean;
  /** The SageMaker API's endpoint, when not AWS's own (the local engine's logs are read there). */
  endpoint?: string;
  close(): Promise<void>;
}

export { DEFAULT_STORE };

/** A profile, or a region without an endpoint: the run goes to AWS. */
export function isAwsTarget(options: TargetOptions): boolean {
  return !!(options.profile || (options.region && !options.endpoint));
}

export async function openTarget(options: TargetOptions, baseDir: string): Promise<Target> {
  // The project runs on Node 20 with a pinned SDK; the SDK's notice about future releases is not the user's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (isAwsTarget(options)) {
    const client = new SageMakerClient({ region: options.region, profile: options.profile });
    return {
      client,
      description: `AWS (profile ${options.profile ?? "default"}, region ${options.region ?? "from the profile"})`,
      local: false,
      close: async () => client.destroy(),
    };
  }
  if (options.endpoint) {
    // A `local serve` on the same store: its key pair; otherwise the SDK's default credential chain (e.g. AWS_ACCESS_KEY_ID).
    const credentials = readCredentials(join(resolve(options.store ?? DEFAULT_STORE), CREDENTIALS_FILE));
    const client = new SageMakerClient({ endpoint: options.endpoint, region: options.region ?? "us-east-1", ...(credentials ? { credentials } : {}) });
    return { client, description: `endpoint ${options.endpoint}`, local: true, endpoint: options.endpoint, close: async () => client.destroy() };
  }
  // One engine per store: the one already running on it (a `local serve`, the editor's) or one embedded here.
  const store = resolve(options.store ?? DEFAULT_STORE);
  const runner = createStepRunner({ mode: options.runner, passAwsCredentials: options.passAwsCredentials === true, network: options.network !== false });
  const { endpoint, pid, engine } = await startOrConnect({ root: store, runner, baseDir });
  // The store's key pair, which the engine running on it (this one or the one joined) checks every request against.
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: engine?.credentials ?? loadOrCreateCredentials(store), maxAttempts: 1 });
  return {
    client,
    description: engine ? `local engine (store ${store})` : `local engine already running on store ${store} (pid ${pid}, ${endpoint})`,
    local: true,
    endpoint,
    close: async () => {
      client.destroy();
      await engine?.close();
    },
  };
}
