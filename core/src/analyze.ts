import type { PipelineDiagnostic, SeveritySetting } from "./diagnostic";
import { buildModel, type PipelineModel } from "./model";
import { parseDocument, type ParsedDocument } from "./parse";
import { RuleContext } from "./rule";
import { documentRules, pipelineRules } from "./rules";

export interface AnalysisOptions {
  /** Severity per rule code; "off" silences a rule. */
  severities?: Record<string, SeveritySetting>;
}

export interface Analysis {
  document: ParsedDocument;
  /** Present when the text parsed as a pipeline definition object. */
  model?: PipelineModel;
  diagnostics: PipelineDiagnostic[];
}

/** Parse, build the model and run every rule. Never throws on bad input. */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const severities = options.severities ?? {};
  const document = parseDocument(text);
  const diagnostics: PipelineDiagnostic[] = [];
  const report = (code: string, defaultSeverity: PipelineDiagnostic["severity"], findings: ReturnType<typeof documentRules[number]["check"]>) => {
    const setting = severities[code];
    if (setting === "off") return;
    for (const finding of findings) diagnostics.push({ ...finding, severity: setting ?? finding.severity ?? defaultSeverity });
  };

  for (const rule of documentRules) report(rule.code, rule.defaultSeverity, rule.check(document));
  const root = document.root;
  const isDefinition = document.syntaxProblems.length === 0 && root?.type === "object" && diagnostics.length === 0;
  if (!isDefinition || !root) return { document, diagnostics: sortByPosition(diagnostics) };

  const model = buildModel(root);
  const context = new RuleContext(document, root, model);
  for (const rule of pipelineRules) {
    if (severities[rule.code] === "off") continue;
    let findings;
    try {
      findings = rule.check(context);
    } catch (error) {
      // A rule bug must not take the other diagnostics down with it.
      findings = [{ code: rule.code, message: `Internal error in rule ${rule.code}: ${(error as Error).message}`, start: root.offset, end: root.offset + 1, severity: "warning" as const }];
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
