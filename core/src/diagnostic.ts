/** Severities, as users write them in settings and as the CLI prints them. */
export type Severity = "error" | "warning" | "information" | "hint";
export type SeveritySetting = Severity | "off";

/** A finding of the core: offsets into the document text, never LSP positions (see text.ts). */
export interface Finding {
  code: string;
  message: string;
  start: number;
  end: number;
  /** Overrides the rule's default severity for this one finding (e.g. size warning vs error). */
  severity?: Severity;
  /** Facts a quick fix needs (the replacement, the names involved). */
  data?: Record<string, unknown>;
}

export interface PipelineDiagnostic extends Finding {
  severity: Severity;
}

/** The `source` of every diagnostic this project publishes. */
export const DIAGNOSTIC_SOURCE = "sagemaker-pipelines";
