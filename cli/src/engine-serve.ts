// dist/engine-serve.js: the extension's local engine process, `sagemaker-pipelines local serve` alone (same options,
// same output), so that the .vsix carries no CLI. scripts/build.mjs bundles it with the engine left to dist/engine.js,
// the bundle the extension already ships for its lazy engine layer.
import { Command, CommanderError } from "commander";
import { serve } from "./commands/serve";
import { withServeOptions } from "./serve-options";

const program = withServeOptions(new Command("engine-serve"))
  .description("Serve the local engine's SageMaker API on the loopback interface until interrupted.")
  .exitOverride()
  .action(async (options) => {
    process.exitCode = await serve(options);
  });

program.parseAsync(process.argv.slice(2), { from: "user" }).catch((error: Error) => {
  if (!(error instanceof CommanderError)) process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = error instanceof CommanderError ? 2 : 1;
});
