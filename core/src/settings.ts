/**
 * The one typed contract between the extension client, the language server and the CLI:
 * settings (section `sagemakerPipelines`) and custom requests.
 */
import type { SeveritySetting } from "./diagnostic";

export const SETTINGS_SECTION = "sagemakerPipelines";

export interface PipelineSettings {
  /** Severity per rule code; "off" silences a rule. */
  rules: Record<string, SeveritySetting>;
  /** Milliseconds between the last edit and revalidation. */
  validationDelay: number;
  /** Extra glob patterns of files that are pipeline definitions. */
  files: string[];
}

export const DEFAULT_SETTINGS: PipelineSettings = {
  rules: {},
  validationDelay: 250,
  files: [],
};

const SEVERITIES: readonly string[] = ["error", "warning", "information", "hint", "off"];

/** Settings as they arrive from the editor: anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): PipelineSettings {
  const value = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (value.rules && typeof value.rules === "object") {
    for (const [code, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof severity === "string" && SEVERITIES.includes(severity)) rules[code] = severity as SeveritySetting;
    }
  }
  const delay = typeof value.validationDelay === "number" && value.validationDelay >= 0 ? Math.min(value.validationDelay, 5000) : DEFAULT_SETTINGS.validationDelay;
  const files = Array.isArray(value.files) ? value.files.filter((f): f is string => typeof f === "string") : [];
  return { rules, validationDelay: delay, files };
}

/** Custom request: the server's list of rules (code, default severity, description). */
export const RULES_REQUEST = "sagemakerPipelines/rules";
export interface RuleInfo {
  code: string;
  defaultSeverity: string;
  description: string;
}
