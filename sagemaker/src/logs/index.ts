export { stepLogSources, LOG_GROUPS, type JobLogSource, type StepLogSources } from "./log-sources";
export { explainLogError } from "./log-errors";
export { CloudWatchStreamReader, jobStreams, logsClientFor } from "./cloudwatch-reader";
export { LocalStreamReader, splitLines, LOCAL_CHUNK_BYTES } from "./local-reader";
export { DEFAULT_LOG_LIMITS, openStepLog, StepLogFeed, type LogSectionView, type StepLogLimits, type StepLogOptions } from "./step-log";
