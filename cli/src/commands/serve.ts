import { resolve } from "node:path";
import { createStepRunner, LocalEngine, type RunnerMode } from "../../../engine/src";
import { DEFAULT_STORE } from "../target";
import { shellQuote } from "./credentials";

/** `sagemaker-pipelines local serve`: the engine alone, for other clients (boto3, the AWS CLI, the extension). */
export async function serve(options: { port: string; host: string; store?: string; runner?: RunnerMode }): Promise<void> {
  const root = resolve(options.store ?? DEFAULT_STORE);
  const engine = new LocalEngine({ root, runner: createStepRunner({ mode: options.runner }), host: options.host, port: Number(options.port) });
  const endpoint = await engine.listen();
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
  const shutdown = () => {
    process.stdout.write("Stopping the local engine…\n");
    void engine.close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await new Promise(() => undefined);
}
