export * from "./analyze";
export * from "./detect";
export * from "./diagnostic";
export * from "./duration";
export * from "./settings";
export * from "./text";
export { allRules } from "./rules";
export type { PipelineModel, StepModel, ParameterModel, GetReference } from "./model";
