// What `run`, `plan` and `local serve` load (the AWS SDK, the engine, the run service): cli/src/main.ts
// imports this module only when one of them runs; scripts/build.mjs bundles it as dist/cli-commands.js.
export { runPipeline } from "./run";
export { serve } from "./serve";
