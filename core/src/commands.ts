/** Client commands that code lenses and menus invoke. Ids are public: keybindings use them. */
export const COMMANDS = {
  runPipeline: "sagemakerPipelines.runPipeline",
  /** Arguments: the document URI and the step names. */
  runSteps: "sagemakerPipelines.runSteps",
  /** Arguments: the document URI and one step name. */
  runFromStep: "sagemakerPipelines.runFromStep",
  chooseReference: "sagemakerPipelines.chooseReference",
  showGraph: "sagemakerPipelines.showGraph",
  /** Arguments: the document URI and one step name. */
  explainCache: "sagemakerPipelines.explainCache",
  /** Right-click in the editor: the steps the selections touch. */
  runSelectedSteps: "sagemakerPipelines.runSelectedSteps",
  /** Starts the local engine when it is not running; returns `{ endpoint, store }`. */
  startLocalEngine: "sagemakerPipelines.startLocalEngine",
  stopLocalEngine: "sagemakerPipelines.stopLocalEngine",
  /** Argument: an execution node of the Executions view (or none: the active file's pipeline). */
  retryFailedSteps: "sagemakerPipelines.retryFailedSteps",
  stopExecution: "sagemakerPipelines.stopExecution",
  useAsReference: "sagemakerPipelines.useAsReference",
  refreshExecutions: "sagemakerPipelines.refreshExecutions",
  /** Argument: an execution node of the Executions view; copies its full ARN. */
  copyExecutionArn: "sagemakerPipelines.copyExecutionArn",
  /** The editor's definition against an execution's or a version's, in a diff editor (argument: the document URI, optional). */
  compareWithExecution: "sagemakerPipelines.compareWithExecution",
  /** Argument: an execution node of the Executions view; compared with another execution or version. */
  compareExecutions: "sagemakerPipelines.compareExecutions",
  /** A step's log in an editor tab. Arguments: a step node of the Executions view, or `{ executionArn, step }`, or a document URI and a step name (a failure's). */
  showStepLog: "sagemakerPipelines.showStepLog",
  /** The active log tab: stop or resume following, read earlier lines. */
  stopFollowingLog: "sagemakerPipelines.stopFollowingLog",
  followLog: "sagemakerPipelines.followLog",
  loadEarlierLog: "sagemakerPipelines.loadEarlierLog",
  /** The walkthrough's: copy the packaged Abalone example into the workspace and open it; run it; hover a step. */
  openExample: "sagemakerPipelines.openExample",
  runExample: "sagemakerPipelines.runExample",
  showExampleCacheHover: "sagemakerPipelines.showExampleCacheHover",
} as const;

/** The Executions view's id. */
export const EXECUTIONS_VIEW = "sagemakerPipelines.executions";

/** The URI scheme of read-only deployed definitions (an execution's, a version's) shown by Compare: never analysed. */
export const DEFINITION_SCHEME = "sagemaker-pipelines-definition";

/** The URI scheme of step logs (read-only, in an editor tab). */
export const LOG_SCHEME = "sagemaker-pipelines-log";
