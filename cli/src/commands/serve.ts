import { resolve } from "node:path";
import { createStepRunner, LocalEngine, type RunnerMode } from "../../../engine/src";
import { DEFAULT_STORE } from "../target";

/** `sagemaker-pipelines local serve`: the engine alone, for other clients (boto3, the AWS CLI, the extension). */
export async function serve(options: {
  port: string;
  host: string;
  store?: string;
  runner?: RunnerMode;
  passAwsCredentials?: boolean;
  network?: boolean;
}): Promise<void> {
  const root = resolve(options.store ?? DEFAULT_STORE);
  const runner = createStepRunner({ mode: options.runner, passAwsCredentials: options.passAwsCredentials === true, network: options.network !== false });
  const engine = new LocalEngine({ root, runner, host: options.host, port: Number(options.port) });
  const endpoint = await engine.listen();
  process.stdout.write(`Local SageMaker Pipelines engine listening on ${endpoint}\nStore: ${root}\n`);
  const shutdown = () => {
    process.stdout.write("Stopping the local engine…\n");
    void engine.close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await new Promise(() => undefined);
}
