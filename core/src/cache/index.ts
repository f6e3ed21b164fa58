export type {
  AttributeChange,
  CacheInsightInput,
  CacheVerdict,
  CacheVerdictKind,
  ComparedRun,
  ExpirySetting,
  PastExecution,
  PastStepRun,
  PerRunRead,
  UpstreamNote,
  UpstreamState,
} from "./types";
export { cacheInsight, cacheVerdicts, stepCacheVerdict, type CacheInsight } from "./verdict";
export { cacheVerdictLensTitle } from "./lens-title";
export { cacheVerdictHover } from "./hover";
export { changeText, valueText } from "./value-text";
export { expiryProblemText, nonKeyChangeNote, perRunReadText, upstreamNoteText } from "./sentences";
export { shortDuration } from "./time-text";
export { nextAgeChange, nextShortDurationChange, nextTimeChange, nextVerdictChange, type TimeTexts, type TimeTextScope } from "./next-change";
export * from "./policy";
