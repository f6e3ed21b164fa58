import { resolve } from "node:path";
import { createStepRunner, EngineRunningError, LocalEngine, waitForRunningEngine, type RunnerMode } from "../../../engine/src";
import { DEFAULT_STORE } from "../store";
import { shellQuote } from "./credentials";

/** What `local serve` prints when another engine already runs on the store (then it exits 1). */
export const ALREADY_RUNNING = "A local engine is already running on this store";

/**
 * `sagemaker-pipelines local serve`: the engine alone, for other clients (boto3, the AWS CLI, the extension). One engine
 * per store: when one already runs there, this prints its endpoint and exits 1 (clients should use that one).
 */
export async function serve(options: {
  port: string;
  host: string;
  store?: string;
  runner?: RunnerMode;
  passAwsCredentials?: boolean;
  network?: boolean;
}): Promise<number> {
  const root = resolve(options.store ?? DEFAULT_STORE);
  const runner = createStepRunner({ mode: options.runner, passAwsCredentials: options.passAwsCredentials === true, network: options.network !== false });
  let engine: LocalEngine;
  try {
    engine = new LocalEngine({ root, runner, host: options.host, port: Number(options.port) });
  } catch (error) {
    if (!(error instanceof EngineRunningError)) throw error;
    const running = await waitForRunningEngine(root).catch(() => undefined);
    process.stderr.write(`${ALREADY_RUNNING} (pid ${error.holder.pid}): ${running?.endpoint ?? error.endpoint ?? "starting"}\nStore: ${root}\n`);
    return 1;
  }
  // The signal handlers come before the endpoint is printed: a client may stop the engine as soon as it reads it.
  const listening = engine.listen();
  const shutdown = () => {
    process.stdout.write("Stopping the local engine…\n");
    void listening
      .catch(() => undefined)
      .then(() => engine.close())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  const endpoint = await listening;
  process.stdout.write(
    [
      `Local SageMaker Pipelines engine listening on ${endpoint}`,
      `Store: ${root}`,
      "Requests must be signed with the engine's own key pair (AWS Signature Version 4, service sagemaker, any region). For boto3, the AWS CLI:",
      `  eval "$(sagemaker-pipelines local credentials --store ${shellQuote(root)})"`,
      `  aws sagemaker list-pipelines --endpoint-url ${endpoint} --region us-east-1`,
      "",
    ].join("\n"),
  );
  return new Promise<number>(() => undefined);
}
