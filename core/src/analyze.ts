import type { Finding, PipelineDiagnostic, SeveritySetting } from "./diagnostic";
import type { Node } from "./json";
import { buildModel, type PipelineModel } from "./model";
import { parseDocument, type ParsedDocument } from "./parse";
import { RuleContext, type DocumentRule, type Rule, type StepFindings } from "./rule";
import { documentRules, pipelineRules } from "./rules";
import type { SchemaIssue } from "./schema/issues";

export interface AnalysisOptions {
  /** Severity per rule code; "off" silences a rule. */
  severities?: Record<string, SeveritySetting>;
  /** The rules over a parsed definition (default: every rule of `rules/`); tests replace or extend them. */
  rules?: readonly Rule[];
  /** The rules over the raw document (default: json-syntax and not-a-pipeline-definition). */
  documentRules?: readonly DocumentRule[];
  /**
   * Called when a rule throws (a bug). The analysis goes on with the other rules, and the rule's place gets an
   * "Internal error in rule" warning, so that the failure is never silent.
   */
  onRuleError?: (error: unknown, rule: string) => void;
}

export interface Analysis {
  document: ParsedDocument;
  /** Present when the text parsed as a pipeline definition object. */
  model?: PipelineModel;
  diagnostics: PipelineDiagnostic[];
}

/** What an incremental analysis already knows of a parsed definition (kept from the previous version where unchanged). */
export interface PreparedDefinition {
  model: PipelineModel;
  schemaIssues: () => SchemaIssue[];
  stepFindings?: StepFindings;
  /** The findings of the rules across steps: the previous version's, moved, when an edit left them unchanged. */
  acrossSteps?: AcrossStepsFindings;
}

export interface AcrossStepsFindings {
  /** The rule's findings for this version without running it, if they are known. */
  reuse(rule: Rule): Finding[] | undefined;
  /** Remembers the rule's findings for this version, for the next. */
  keep(rule: Rule, findings: Finding[]): void;
}

/** Parse, build the model and run every rule. Never throws on bad input. */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  return analyzeParsed(parseDocument(text), options);
}

/** `analyze` of a parsed document, with what `prepare` already knows of it. */
export function analyzeParsed(document: ParsedDocument, options: AnalysisOptions = {}, prepare?: (root: Node) => PreparedDefinition): Analysis {
  const steps = analysisSteps(document, options, prepare);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The analysis one rule at a time: it yields between rules, so that a server can let newer edits and requests in
 * and drop a version that is no longer current. Runs to the same result as `analyze`.
 */
export function* analysisSteps(
  document: ParsedDocument,
  options: AnalysisOptions = {},
  prepare?: (root: Node) => PreparedDefinition,
): Generator<void, Analysis> {
  const text = document.text;
  const severities = options.severities ?? {};
  const diagnostics: PipelineDiagnostic[] = [];
  const report = (code: string, defaultSeverity: PipelineDiagnostic["severity"], findings: Finding[]) => {
    const setting = severities[code];
    if (setting === "off") return;
    for (const finding of findings) diagnostics.push({ ...finding, severity: setting ?? finding.severity ?? defaultSeverity });
  };

  const failed = (rule: string, error: unknown, at: number): Finding[] => {
    options.onRuleError?.(error, rule);
    const message = error instanceof Error ? error.message : String(error);
    return [{ code: rule, message: `Internal error in rule ${rule}: ${message}`, start: at, end: Math.min(at + 1, text.length), severity: "warning" }];
  };
  for (const rule of options.documentRules ?? documentRules) {
    let findings: Finding[];
    try {
      findings = rule.check(document);
    } catch (error) {
      findings = failed(rule.code, error, 0);
    }
    report(rule.code, rule.defaultSeverity, findings);
  }
  const root = document.root;
  const isDefinition = document.syntaxProblems.length === 0 && root?.type === "object" && diagnostics.length === 0;
  if (!isDefinition || !root) return { document, diagnostics: sortByPosition(diagnostics) };

  const prepared = prepare?.(root);
  const model = prepared?.model ?? buildModel(root);
  const context = new RuleContext(document, root, model, prepared?.schemaIssues, prepared?.stepFindings);
  for (const rule of options.rules ?? pipelineRules) {
    if (severities[rule.code] === "off") continue;
    const across = rule.acrossSteps ? prepared?.acrossSteps : undefined;
    let findings = across?.reuse(rule);
    if (!findings) {
      yield;
      try {
        findings = rule.check(context);
        across?.keep(rule, findings);
      } catch (error) {
        // A rule bug must not take the other diagnostics down with it, nor go unseen.
        findings = failed(rule.code, error, root.offset);
      }
    }
    report(rule.code, rule.defaultSeverity, findings);
  }
  return { document, model, diagnostics: sortByPosition(diagnostics) };
}

function sortByPosition(diagnostics: PipelineDiagnostic[]): PipelineDiagnostic[] {
  return diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

/** Re-levels (or drops, for "off") diagnostics by rule code, as the user's settings say. */
export function applySeverities(diagnostics: PipelineDiagnostic[], severities: Record<string, SeveritySetting>): PipelineDiagnostic[] {
  return diagnostics.flatMap((d) => {
    const setting = severities[d.code];
    if (setting === undefined) return [d];
    return setting === "off" ? [] : [{ ...d, severity: setting }];
  });
}
