/**
 * The SageMaker layer: everything that talks to the SageMaker API (through @aws-sdk/client-sagemaker) without VS Code —
 * connections to the local engine or AWS, error translation, executions and their history, deployment, and the run
 * service. The editor client and the CLI import this entry only. The editor loads it lazily, as its own bundle
 * (dist/sagemaker.js), the first time a feature needs the API.
 */
export { awsConnection, DEFAULT_TIMEOUTS, localConnection, type Connection, type LocalEngineCredentials, type Timeouts } from "./connection";
export { explainError, type ExplainedError } from "./errors";
export {
  describeExecution,
  executionParameters,
  executionProgress,
  executionsPage,
  executionSummariesPage,
  listAllSteps,
  listExecutions,
  listPipelineNames,
  stepStatuses,
  stopExecution,
} from "./executions";
export { ExecutionHistory, type ExecutionRecord } from "./history";
export { executionDefinition, pipelineVersions, versionDefinition, type PipelineVersionInfo } from "./definitions";
export { compareWithDeployed, definitionChanges, deploy, type Deployment } from "./deployment";
export {
  describeRun,
  runPipeline,
  type ConfirmAnswer,
  type Lint,
  type RunDialogs,
  type RunInput,
  type RunOptions,
  type RunOutcome,
  type RunSummary,
} from "./run-service";
/** The API shapes the callers handle. */
export type { PipelineExecutionStep, PipelineExecutionSummary, SageMakerClient } from "@aws-sdk/client-sagemaker";
export {
  exportPythonPipeline,
  parsePythonTarget,
  pythonDiagnostics,
  pythonExportScript,
  type PythonExportFailure,
  type PythonExportAws,
  type PythonExportRequest,
  type PythonExportResult,
  type PythonExportSuccess,
} from "./python-export";
export {
  DEFAULT_LOG_LIMITS,
  explainLogError,
  openStepLog,
  stepLogSources,
  StepLogFeed,
  type LogSectionView,
  type StepLogLimits,
  type StepLogOptions,
} from "./logs";
