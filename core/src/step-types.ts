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
  "ForEach",
  "Cleanup",
  "Job",
] as const;

// The cache facts per type live with the rest of the step-cache policy.
export { CACHE_KEY_ATTRIBUTES, SDK_CACHE_CONFIG_TYPES, canCache } from "./cache/policy";
