import { join } from "node:path";

/** The local engine's default store folder (a module of its own: `lint` needs it for its help without loading the engine). */
export const DEFAULT_STORE = join(".sagemaker-pipelines", "local");
