import { Command, Option } from "commander";
import { DEFAULT_STORE } from "./store";

export const runnerOption = () =>
  new Option("--runner <mode>", "how the local engine runs jobs: auto (a container runtime when one answers, else host processes), host, container")
    .choices(["auto", "host", "container"])
    .default("auto");

/** The options of a started engine's jobs (`run` with its embedded engine, `local serve`). */
export function withEngineJobOptions(command: Command): Command {
  return command
    .option("--pass-aws-credentials", "pass your AWS credentials and configuration variables to the jobs the local engine runs (default: none)")
    .option("--no-network", "run host jobs without network (in the bubblewrap sandbox)");
}

/** `local serve`'s options: shared by the CLI and the extension's engine process (dist/engine-serve.js). */
export function withServeOptions(command: Command): Command {
  return withEngineJobOptions(
    command
      .option("--port <port>", "port (0 picks a free one)", "8975")
      .option("--host <host>", "loopback address to bind", "127.0.0.1")
      .option("--store <dir>", "store folder", DEFAULT_STORE)
      .addOption(runnerOption()),
  );
}
