/**
 * The typed settings contract between the extension client, the language server and the CLI (section
 * `sagemakerPipelines`). The custom requests are protocol/src's; command and view ids are commands.ts's.
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
  /** Show code lenses (run, reference, graph, cache state) above the steps. */
  codeLens: boolean;
  /** The local engine (client only). */
  local: LocalEngineSettings;
  /** Where runs go: the local engine or AWS (client only). */
  target: RunTarget;
  aws: AwsSettings;
  /** The pipeline name runs use; empty: asked on the first run of each file (default: its stem) and remembered. */
  pipelineName: string;
  /** CreatePipeline's RoleArn; empty: asked on the first AWS run and remembered (the local engine takes any). */
  roleArn: string;
  /** With no reference chosen, a selective run refers to the latest finished execution (off: to none). */
  referenceLatest: boolean;
  cache: CacheSettings;
  /** The Python interpreter that exports `.py` pipeline files; empty: the Python extension's, else `python3` (client only). */
  python: string;
  /** Export a `.py` pipeline file on save and show its definition's diagnostics in it (client only, trusted workspaces). */
  pythonExportOnSave: boolean;
}

export interface CacheSettings {
  /** How many recent executions the cache verdicts compare with. */
  historySize: number;
}

export type RunTarget = "local" | "aws";

export interface AwsSettings {
  /** A profile of the shared config files (SSO profiles included); empty: the SDK's default credential chain. */
  profile: string;
  /** Empty: the profile's or the environment's region. */
  region: string;
}

export type LocalRunnerMode = "auto" | "host" | "container";
export const LOCAL_RUNNER_MODES: readonly LocalRunnerMode[] = ["auto", "host", "container"];

export interface LocalEngineSettings {
  /** The store folder; relative paths are relative to the first workspace folder. */
  store: string;
  /** How Processing, Training and Transform jobs run: a container runtime when one answers, host processes, or only containers. */
  runner: LocalRunnerMode;
  /** The jobs get the AWS credentials and configuration variables of the engine's environment (default false). */
  passAwsCredentials: boolean;
  /** Host jobs in the sandbox have network access (default true). */
  network: boolean;
}

export const DEFAULT_SETTINGS: PipelineSettings = {
  rules: {},
  validationDelay: 250,
  files: [],
  codeLens: true,
  local: { store: ".sagemaker-pipelines/local", runner: "auto", passAwsCredentials: false, network: true },
  target: "local",
  aws: { profile: "", region: "" },
  pipelineName: "",
  roleArn: "",
  referenceLatest: true,
  cache: { historySize: 20 },
  python: "",
  pythonExportOnSave: true,
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
  const delay =
    typeof value.validationDelay === "number" && value.validationDelay >= 0 ? Math.min(value.validationDelay, 5000) : DEFAULT_SETTINGS.validationDelay;
  const files = Array.isArray(value.files) ? value.files.filter((f): f is string => typeof f === "string") : [];
  const codeLens = typeof value.codeLens === "boolean" ? value.codeLens : DEFAULT_SETTINGS.codeLens;
  const local = (value.local && typeof value.local === "object" ? value.local : {}) as Record<string, unknown>;
  const store = typeof local.store === "string" && local.store.trim() !== "" ? local.store : DEFAULT_SETTINGS.local.store;
  const runner = LOCAL_RUNNER_MODES.find((mode) => mode === local.runner) ?? DEFAULT_SETTINGS.local.runner;
  const aws = (value.aws && typeof value.aws === "object" ? value.aws : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return {
    rules,
    validationDelay: delay,
    files,
    codeLens,
    local: {
      store,
      runner,
      passAwsCredentials: local.passAwsCredentials === true,
      network: typeof local.network === "boolean" ? local.network : DEFAULT_SETTINGS.local.network,
    },
    target: value.target === "aws" ? "aws" : "local",
    aws: { profile: text(aws.profile), region: text(aws.region) },
    pipelineName: text(value.pipelineName),
    roleArn: text(value.roleArn),
    referenceLatest: typeof value.referenceLatest === "boolean" ? value.referenceLatest : DEFAULT_SETTINGS.referenceLatest,
    cache: { historySize: historySize((value.cache as Record<string, unknown> | undefined)?.historySize) },
    python: text(value.python),
    pythonExportOnSave: typeof value.pythonExportOnSave === "boolean" ? value.pythonExportOnSave : DEFAULT_SETTINGS.pythonExportOnSave,
  };
}

function historySize(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? Math.min(value, 100) : DEFAULT_SETTINGS.cache.historySize;
}
