/** Facts per step type, in one table. */
export const KNOWN_STEP_TYPES = [
  "Processing",
  "Training",
  "Transform",
  "Tuning",
  "Model",
  "RegisterModel",
  "Condition",
  "Fail",
  "Lambda",
  "Callback",
  "ClarifyCheck",
  "QualityCheck",
  "EMR",
  "EMRServerless",
  "AutoML",
  "EndpointConfig",
  "Endpoint",
  "InferenceComponent",
  "BedrockCustomModel",
  "BedrockCustomModelDeployment",
  "BedrockModelImport",
  "BedrockProvisionedModelThroughput",
  "Lineage",
] as const;

/** Types the documentation lists for step caching (the cache-key attributes are per type). */
export const CACHE_KEY_ATTRIBUTES: Record<string, readonly string[]> = {
  Processing: ["AppSpecification", "Environment", "ProcessingInputs"],
  Training: [
    "AlgorithmSpecification",
    "CheckpointConfig",
    "DebugHookConfig",
    "DebugRuleConfigurations",
    "Environment",
    "HyperParameters",
    "InputDataConfig",
  ],
  Tuning: ["HyperParameterTuningJobConfig", "TrainingJobDefinition", "TrainingJobDefinitions"],
  AutoML: ["AutoMLJobConfig", "AutoMLJobObjective", "InputDataConfig", "ProblemType"],
  Transform: ["DataProcessing", "Environment", "ModelName", "TransformInput"],
  ClarifyCheck: [
    "ClarifyCheckConfig",
    "CheckJobConfig",
    "SkipCheck",
    "RegisterNewBaseline",
    "ModelPackageGroupName",
    "SuppliedBaselineConstraints",
  ],
  QualityCheck: [
    "QualityCheckConfig",
    "CheckJobConfig",
    "SkipCheck",
    "RegisterNewBaseline",
    "ModelPackageGroupName",
    "SuppliedBaselineConstraints",
    "SuppliedBaselineStatistics",
  ],
  EMR: ["ClusterId", "StepConfig"],
};

/**
 * Types whose CacheConfig the SDK emits although the caching documentation does not list them;
 * a CacheConfig there is not reported as unsupported.
 */
export const SDK_CACHE_CONFIG_TYPES = ["Lambda", "Callback", "EndpointConfig", "Endpoint"];

export function canCache(type: string | undefined): boolean {
  return type !== undefined && Object.hasOwn(CACHE_KEY_ATTRIBUTES, type);
}
