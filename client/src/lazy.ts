/**
 * The layers the extension loads only when a feature needs them. Activation loads neither the AWS SDK nor the engine:
 * in the built extension each of these imports is a separate bundle beside dist/client.js (scripts/build.mjs maps the
 * two entries to `./sagemaker.js` and `./engine.js`), required on the first call; from source they are plain imports.
 * Everything else in the client may import these layers with `import type` only.
 */
import type * as SageMakerLayer from "../../sagemaker/src";
import type * as EngineLayer from "../../engine/src";

export type SageMaker = typeof SageMakerLayer;
export type Engine = typeof EngineLayer;

let sagemaker: Promise<SageMaker> | undefined;
let engine: Promise<Engine> | undefined;

/** The SageMaker layer (run service, executions, deployment, errors) with the AWS SDK: dist/sagemaker.js. */
export function loadSageMaker(): Promise<SageMaker> {
  return (sagemaker ??= import("../../sagemaker/src"));
}

/** The local engine (its HTTP server, store, executor and step runners): dist/engine.js. */
export function loadEngine(): Promise<Engine> {
  return (engine ??= import("../../engine/src"));
}
