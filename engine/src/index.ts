/**
 * The local engine's public entry: the engine (the SageMaker API over HTTP on the loopback interface, its store and
 * executions) and the step runners. The editor client, the CLI and tests outside the engine import this entry only;
 * the editor loads it lazily, as its own bundle (dist/engine.js), when the local engine starts.
 */
export { INTERRUPTED_REASON, LocalEngine, type EngineOptions } from "./engine";
export {
  createStepRunner,
  selectExecutor,
  StepJobError,
  StepStoppedError,
  type JobStepType,
  type RunnerMode,
  type RunnerSelection,
  type StepJob,
  type StepJobResult,
  type StepRunner,
  type StepRunnerOptions,
} from "./runners";
export { DEFINITION_DIRECTORY_TAG } from "./context";
export { findRunningEngine, startOrConnect, waitForRunningEngine, type RunningEngineInfo } from "./endpoint";
export { ENDPOINT_FILE, EngineRunningError, LOCK_FILE } from "./lock";
export { readStoreHistory, type StoredExecution } from "./store-reader";
export { isLoopback, MAX_BODY_BYTES, MAX_BUFFERED_BODY_BYTES } from "./protocol";
export { CREDENTIALS_FILE, loadOrCreateCredentials, readCredentials, type LocalCredentials } from "./auth/credentials";
export { prepareStoreFolder } from "./store-gitignore";
