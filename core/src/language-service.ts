/**
 * The one entry to the language core, in the manner of vscode-json-languageservice's `getLanguageService()`:
 * every editor feature over a document snapshot, with bugs reported to an injected logger rather than hidden.
 * The server is a thin adapter over this object; tests and fuzzers call it in process.
 */
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
} from "vscode-languageserver-types";
import { applySeverities, type AnalysisOptions } from "./analyze";
import type { PipelineDiagnostic, SeveritySetting } from "./diagnostic";
import { codeActions } from "./features/code-actions";
import { codeLenses, resolveStepLens, type ReferenceExecution } from "./features/code-lens";
import { completion } from "./features/completion";
import { toLspDiagnostic } from "./features/diagnostics";
import { PipelineDocument } from "./features/document";
import { hover, type StepCacheMarkdown } from "./features/hover";
import { definition, documentHighlights, prepareRename, references, rename, type RenameResult } from "./features/navigation";
import { documentSymbols } from "./features/outline";
import { stepsInRanges } from "./features/steps-in-ranges";
import type { PipelineModel } from "./model";
import type { DocumentRule, Rule } from "./rule";
import { IncrementalAnalyzer } from "./incremental/analyzer";
import type { TextChange } from "./incremental/text-change";
import { documentRules as defaultDocumentRules, lightModeRules, pipelineRules as defaultPipelineRules } from "./rules";
import { LineIndex } from "./text";

/** Where an internal error happened. */
export interface InternalErrorContext {
  /** `hover`, `completion`, `codeActions`, `rule` … */
  feature: string;
  uri?: string;
  position?: Position;
  /** The rule's code, for a rule that threw. */
  rule?: string;
}

/** Receives the bugs the language service caught; the editor keeps working, the bug is never hidden. */
export interface LanguageServiceLogger {
  internalError(error: unknown, context: InternalErrorContext): void;
}

export interface LanguageServiceOptions {
  logger: LanguageServiceLogger;
  /** Replaces the rules over a parsed definition (tests). */
  rules?: readonly Rule[];
  /** Added after the rules over a parsed definition (tests). */
  extraRules?: readonly Rule[];
  /** Replaces the rules over the raw document (tests). */
  documentRules?: readonly DocumentRule[];
  /** Over this many characters only the light-mode rules run (the server: LIGHT_MODE_CHARACTERS; default: never). */
  lightModeAbove?: number;
}

/** A rule as the rules request lists it. */
export interface RuleInfo {
  code: string;
  defaultSeverity: string;
  description: string;
}

export interface CodeLensOptions {
  /** The reference execution the client chose for the document, shown in the `Reference:` lens. */
  reference?: ReferenceExecution;
  /** The time ages are measured from (default: now). */
  now?: Date;
  /** With no reference chosen, runs refer to the latest finished execution (default true). */
  referenceLatest?: boolean;
  /** The cache verdict's lens title, when the client has sent executions to compare with. */
  cacheTitle?: (stepName: string) => string | undefined;
  /** How many finished executions the client found for the document's pipeline (undefined: not known). */
  finishedExecutions?: number;
  /** How long a run of the whole pipeline takes, from its past runs (`≈ 12 min`), shown on the Run lens. */
  runEstimate?: string;
  /** What the lenses sent without their commands name the document by, for `resolveCodeLens` (default: its URI). */
  documentKey?: number;
}

export interface ParseOptions {
  uri?: string;
  fallback?: PipelineModel;
  /**
   * The document's previous version: its kept per-step work is reused (incremental analysis), and its tree becomes
   * the new version's, so that it must not be used afterwards.
   */
  previous?: PipelineDocument;
  /** The region of `previous`'s text that changed (the editor's edits); found by comparing the texts when absent. */
  change?: TextChange;
}

export interface LanguageService {
  /**
   * Parses one version of a document: the snapshot every other method takes (its rules run on first use of its
   * `analysis`, or step by step through `analysisSteps`). `fallback` is the last
   * model built from text that parsed, for the names a half-typed file lost; `uri` names the document when a rule fails.
   */
  parseDocument(text: string, options?: ParseOptions): PipelineDocument;
  /** The document's diagnostics (offsets into its text), re-levelled or dropped as `severities` says. */
  diagnostics(document: PipelineDocument, severities?: Record<string, SeveritySetting>): PipelineDiagnostic[];
  /** The same as LSP diagnostics (ranges, numeric severities, source). */
  lspDiagnostics(document: PipelineDocument, severities?: Record<string, SeveritySetting>): Diagnostic[];
  hover(document: PipelineDocument, uri: string, position: Position, stepCache?: StepCacheMarkdown): Hover | null;
  completion(document: PipelineDocument, uri: string, position: Position): CompletionItem[];
  definition(document: PipelineDocument, uri: string, position: Position): Location[];
  references(document: PipelineDocument, uri: string, position: Position, includeDeclaration: boolean): Location[];
  documentHighlights(document: PipelineDocument, uri: string, position: Position): DocumentHighlight[];
  /** The name's range and text, `{ error }` when the name cannot be renamed, null when nothing is there. */
  prepareRename(document: PipelineDocument, uri: string, position: Position): { range: Range; placeholder: string } | { error: string } | null;
  rename(document: PipelineDocument, uri: string, position: Position, newName: string): RenameResult | null;
  documentSymbols(document: PipelineDocument, uri: string): DocumentSymbol[];
  codeLenses(document: PipelineDocument, uri: string, options?: CodeLensOptions): CodeLens[];
  /** The command of a step's lens that `codeLenses` sent without it (a document of many steps). */
  resolveCodeLens(document: PipelineDocument, uri: string, lens: CodeLens, cacheTitle?: (stepName: string) => string | undefined): CodeLens;
  /** Quick fixes for the diagnostics of a code-action request (LSP diagnostics, as the client sends them back). */
  codeActions(document: PipelineDocument, uri: string, diagnostics: Diagnostic[]): CodeAction[];
  /** The names of the steps that the ranges touch (for "Run Selected Steps"). */
  stepsInRanges(document: PipelineDocument, uri: string, ranges: Range[]): string[];
  /** Every rule this service runs: code, default severity, description. */
  rules(): RuleInfo[];
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const { logger } = options;
  const pipelineRules = [...(options.rules ?? defaultPipelineRules), ...(options.extraRules ?? [])];
  const documentRules = options.documentRules ?? defaultDocumentRules;

  /** Runs a feature; a bug is reported with where it happened, and the editor gets the empty answer. */
  function guarded<T>(feature: string, uri: string | undefined, position: Position | undefined, empty: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      logger.internalError(error, { feature, ...(uri !== undefined ? { uri } : {}), ...(position ? { position } : {}) });
      return empty;
    }
  }

  return {
    parseDocument(text, { uri, fallback, previous, change } = {}) {
      const light = options.lightModeAbove !== undefined && text.length > options.lightModeAbove;
      const analysis: AnalysisOptions = {
        rules: light ? lightModeRules : pipelineRules,
        documentRules,
        onRuleError: (error, rule) => logger.internalError(error, { feature: "rule", rule, ...(uri !== undefined ? { uri } : {}) }),
      };
      // Only the latest version can be followed by another (the analyzer moved its tree on).
      const follows = previous?.analyzer !== undefined && previous.analyzer.text === previous.text;
      const analyzer = follows ? previous.analyzer! : new IncrementalAnalyzer();
      const parsed = analyzer.update(text, follows ? change : undefined);
      const region = follows ? analyzer.lastChange : undefined;
      const lines = follows && region ? previous.lines.edited(text, region) : new LineIndex(text);
      return new PipelineDocument(text, fallback, analysis, { analyzer, parsed, lines });
    },
    diagnostics: (document, severities = {}) => applySeverities(document.analysis.diagnostics, severities),
    lspDiagnostics: (document, severities = {}) => applySeverities(document.analysis.diagnostics, severities).map((d) => toLspDiagnostic(document.lines, d)),
    hover: (document, uri, position, stepCache) => guarded("hover", uri, position, null, () => hover(document, position, stepCache)),
    completion: (document, uri, position) => guarded("completion", uri, position, [], () => completion(document, position)),
    definition: (document, uri, position) => guarded("definition", uri, position, [], () => definition(document, uri, position)),
    references: (document, uri, position, includeDeclaration) =>
      guarded("references", uri, position, [], () => references(document, uri, position, includeDeclaration)),
    documentHighlights: (document, uri, position) => guarded("documentHighlights", uri, position, [], () => documentHighlights(document, position)),
    prepareRename: (document, uri, position) => guarded("prepareRename", uri, position, null, () => prepareRename(document, position)),
    rename: (document, uri, position, newName) => guarded("rename", uri, position, null, () => rename(document, uri, position, newName)),
    documentSymbols: (document, uri) => guarded("documentSymbols", uri, undefined, [], () => documentSymbols(document)),
    codeLenses: (document, uri, lensOptions = {}) =>
      guarded("codeLenses", uri, undefined, [], () =>
        codeLenses(
          document,
          uri,
          lensOptions.reference,
          lensOptions.now ?? new Date(),
          lensOptions.referenceLatest ?? true,
          lensOptions.cacheTitle,
          lensOptions.finishedExecutions,
          lensOptions.runEstimate,
          lensOptions.documentKey,
        ),
      ),
    resolveCodeLens: (document, uri, lens, cacheTitle) =>
      guarded("resolveCodeLens", uri, lens.range.start, lens, () => resolveStepLens(document, uri, lens, cacheTitle)),
    codeActions: (document, uri, diagnostics) =>
      guarded("codeActions", uri, diagnostics[0]?.range.start, [], () =>
        codeActions(document, uri, diagnostics, (error, diagnostic) =>
          logger.internalError(error, { feature: "codeActions", uri, position: diagnostic.range.start }),
        ),
      ),
    stepsInRanges: (document, uri, ranges) => guarded("stepsInRanges", uri, ranges[0]?.start, [], () => stepsInRanges(document, ranges)),
    rules: () => [...documentRules, ...pipelineRules].map(({ code, defaultSeverity, description }) => ({ code, defaultSeverity, description })),
  };
}
