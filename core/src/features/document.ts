import type { Position, Range } from "vscode-languageserver-types";
import { analysisSteps, type Analysis, type AnalysisOptions, type PreparedDefinition } from "../analyze";
import type { IncrementalAnalyzer } from "../incremental/analyzer";
import { parseDocument, type ParsedDocument } from "../parse";
import { schemaIssues } from "../schema/issues";
import { schemaValue } from "../schema/validator";
import type { PipelineDiagnostic } from "../diagnostic";
import { buildModel, type PipelineModel } from "../model";
import type { Node } from "../json";
import { LineIndex } from "../text";
import { NameIndex } from "../suggestions";
import { SymbolIndex } from "./symbols";

/** How a version was parsed incrementally from the one before (see LanguageService.parseDocument). */
export interface IncrementalSource {
  analyzer: IncrementalAnalyzer;
  parsed: ParsedDocument;
  lines: LineIndex;
}

/**
 * One version of a document, as every editor feature sees it. The model comes from jsonc-parser's
 * error-tolerant tree, so features keep working while the text has syntax errors; `fallback` is the
 * last model built from text that parsed, for the names a half-typed file lost. The parse and the model
 * are made at once; the rules run on first use of `analysis` (or step by step through `analysisSteps`),
 * so that requests answer from the parse without waiting for diagnostics.
 */
export class PipelineDocument {
  readonly lines: LineIndex;
  readonly model: PipelineModel | undefined;
  /** Present when the document is parsed incrementally: it takes the next version (and updates this one's tree in place). */
  readonly analyzer?: IncrementalAnalyzer;
  private readonly parsedDocument: ParsedDocument;
  private readonly prepared?: PreparedDefinition;
  private cachedAnalysis?: Analysis;
  private cachedIndex?: SymbolIndex;
  private readonly nameIndexes = new Map<string, NameIndex>();
  private cachedStepsByNode?: Map<Node, string | undefined>;
  private cachedDiagnosticsAt?: Map<string, PipelineDiagnostic[]>;

  constructor(
    readonly text: string,
    readonly fallback?: PipelineModel,
    private readonly options: AnalysisOptions = {},
    incremental?: IncrementalSource,
  ) {
    this.lines = incremental?.lines ?? new LineIndex(text);
    this.parsedDocument = incremental?.parsed ?? parseDocument(text);
    this.analyzer = incremental?.analyzer;
    const root = this.parsedDocument.root;
    if (root?.type === "object") {
      this.prepared = incremental
        ? incremental.analyzer.prepare(root)
        : { model: buildModel(root), schemaIssues: () => schemaIssues(root, schemaValue(text, root)) };
      this.model = this.prepared.model;
    }
  }

  /** The diagnostics and the rest of the analysis (computed on first use). */
  get analysis(): Analysis {
    if (!this.cachedAnalysis) {
      const steps = this.analysisSteps();
      for (let next = steps.next(); !next.done; next = steps.next());
    }
    return this.cachedAnalysis!;
  }

  /** True once the rules ran over this version. */
  get analysed(): boolean {
    return this.cachedAnalysis !== undefined;
  }

  /** The analysis, yielding between rules: a server drops it when a newer version came. Kept once run to its end. */
  *analysisSteps(): Generator<void, Analysis> {
    if (this.cachedAnalysis) return this.cachedAnalysis;
    const analysis = yield* analysisSteps(this.parsedDocument, this.options, this.prepared && (() => this.prepared!));
    return (this.cachedAnalysis ??= analysis);
  }

  get root(): Node | undefined {
    return this.parsedDocument.root;
  }

  /** True when the text parsed without syntax errors. */
  get parsed(): boolean {
    return this.parsedDocument.syntaxProblems.length === 0;
  }

  get index(): SymbolIndex {
    return (this.cachedIndex ??= new SymbolIndex(this.text, this.model));
  }

  /** The occurrences whose string holds `offset`: the whole index when made, else only the steps and references there. */
  indexAround(offset: number): SymbolIndex {
    return this.cachedIndex ?? new SymbolIndex(this.text, this.model, offset);
  }

  /** The analysis's diagnostics of `code` over exactly [start, end] (indexed once: a code action asks per diagnostic). */
  diagnosticsAt(code: string, start: number, end: number): PipelineDiagnostic[] {
    if (!this.cachedDiagnosticsAt) {
      this.cachedDiagnosticsAt = new Map();
      for (const d of this.analysis.diagnostics) {
        const key = `${d.code}:${d.start}:${d.end}`;
        const list = this.cachedDiagnosticsAt.get(key);
        if (list) list.push(d);
        else this.cachedDiagnosticsAt.set(key, [d]);
      }
    }
    return this.cachedDiagnosticsAt.get(`${code}:${start}:${end}`) ?? [];
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  nodeRange(node: Node): Range {
    return this.lines.rangeOf(node.offset, node.offset + node.length);
  }

  /** The step or parameter names indexed for "did you mean" (once per document, however many quick fixes ask). */
  names(kind: "steps" | "parameters"): NameIndex {
    let index = this.nameIndexes.get(kind);
    if (!index) this.nameIndexes.set(kind, (index = new NameIndex(kind === "steps" ? this.stepNames() : this.parameterNames())));
    return index;
  }

  /** Each step's object node, with its name. */
  stepsByNode(): Map<Node, string | undefined> {
    return (this.cachedStepsByNode ??= new Map((this.model?.steps ?? []).map((step) => [step.node, step.name])));
  }

  /** Step names: the current model's, plus the last good model's while the text is broken. */
  stepNames(): string[] {
    const names = new Set(this.model?.stepsByName.keys() ?? []);
    if (!this.parsed) for (const name of this.fallback?.stepsByName.keys() ?? []) names.add(name);
    return [...names];
  }

  parameterNames(): string[] {
    const names = new Set(this.model?.parametersByName.keys() ?? []);
    if (!this.parsed) for (const name of this.fallback?.parametersByName.keys() ?? []) names.add(name);
    return [...names];
  }
}
