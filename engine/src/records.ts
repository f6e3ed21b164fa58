/** What the store keeps, in the API's own field names where the API has them. */
export interface PipelineRecord {
  PipelineName: string;
  PipelineArn: string;
  PipelineDisplayName?: string;
  PipelineDescription?: string;
  RoleArn?: string;
  PipelineDefinition: string;
  /** Folder that relative paths in the definition are relative to (set by the client that created it). */
  DefinitionDirectory?: string;
  PipelineStatus: "Active" | "Deleting";
  CreationTime: number;
  LastModifiedTime: number;
  PipelineVersionId: number;
  ParallelismConfiguration?: { MaxParallelExecutionSteps: number };
  ClientRequestToken?: string;
  Tags?: Array<{ Key: string; Value: string }>;
  /** The versions before the current one (PipelineVersionId), oldest first: UpdatePipeline keeps each. */
  PreviousVersions?: PipelineVersion[];
}

/** One version of a pipeline: what CreatePipeline or an UpdatePipeline set. */
export interface PipelineVersion {
  PipelineVersionId: number;
  CreationTime: number;
  PipelineDefinition: string;
  PipelineDisplayName?: string;
  PipelineDescription?: string;
  RoleArn?: string;
  ParallelismConfiguration?: { MaxParallelExecutionSteps: number };
}

export type ExecutionStatus = "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";
export type StepStatus = "Starting" | "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";

export interface SelectiveExecutionConfig {
  SourcePipelineExecutionArn?: string;
  SelectedSteps: Array<{ StepName: string }>;
}

export interface ExecutionRecord {
  PipelineArn: string;
  PipelineName: string;
  PipelineExecutionArn: string;
  ExecutionId: string;
  PipelineExecutionDisplayName?: string;
  PipelineExecutionDescription?: string;
  PipelineExecutionStatus: ExecutionStatus;
  FailureReason?: string;
  CreationTime: number;
  LastModifiedTime: number;
  /** Every parameter with the value this execution used (defaults included), as strings, as the API lists them. */
  Parameters: Array<{ Name: string; Value: string }>;
  PipelineDefinition: string;
  DefinitionDirectory?: string;
  PipelineVersionId: number;
  ParallelismConfiguration?: { MaxParallelExecutionSteps: number };
  SelectiveExecutionConfig?: SelectiveExecutionConfig;
  ClientRequestToken?: string;
  /** How many times RetryPipelineExecution ran it again. */
  RetryCount?: number;
  /** The ClientRequestTokens of the RetryPipelineExecution requests this execution took (idempotency). */
  RetryTokens?: string[];
  PipelineExperimentConfig?: { ExperimentName?: string; TrialName?: string };
}

export interface StepRecord {
  StepName: string;
  StepDisplayName?: string;
  StepDescription?: string;
  StepType: string;
  StepStatus: StepStatus;
  StartTime?: number;
  EndTime?: number;
  FailureReason?: string;
  Metadata?: Record<string, unknown>;
  AttemptCount: number;
  CacheHitResult?: { SourcePipelineExecutionArn: string };
  SelectiveExecutionResult?: { SourcePipelineExecutionArn: string };
  /** The Describe*-shaped properties later steps read with Get (not part of the API's step summary). */
  Properties?: Record<string, unknown>;
  /** Hash of the cache-key attributes after parameter resolution, for cacheable steps. */
  CacheKey?: string;
  /** Where the step's stdout/stderr is kept. */
  LogPath?: string;
}
