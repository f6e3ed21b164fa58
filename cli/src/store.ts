import { join } from "node:path";

/** The local engine's default store folder (a module of its own: `lint` needs it for its help without loading the engine). */
export const DEFAULT_STORE = join(".sagemaker-pipelines", "local");

/** The role a run has when none is given: the local engine takes any; AWS refuses it. */
export const PLACEHOLDER_ROLE = "arn:aws:iam::000000000000:role/SageMakerPipelinesLocal";
