// What `run`, `plan`, `local serve` and `local credentials` load (the AWS SDK, the engine, the run service): cli/src/main.ts
// imports this module only when one of them runs; scripts/build.mjs bundles it as dist/cli-commands.js.
export { printCredentials } from "./credentials";
export { runPipeline } from "./run";
export { serve } from "./serve";
export { exportCommand, exportPython, describeFailure, lintPython, type ExportOptions, type PythonOptions } from "./python";
export { showLogs } from "./logs";
