import type { Position, Range } from "vscode-languageserver-types";
import { analyze, type Analysis, type AnalysisOptions } from "../analyze";
import type { PipelineDiagnostic } from "../diagnostic";
import { buildModel, type PipelineModel } from "../model";
import type { Node } from "../json";
import { LineIndex } from "../text";
import { NameIndex } from "../suggestions";
import { SymbolIndex } from "./symbols";

/**
 * One version of a document, as every editor feature sees it. The model comes from jsonc-parser's
 * error-tolerant tree, so features keep working while the text has syntax errors; `fallback` is the
 * last model built from text that parsed, for the names a half-typed file lost.
 */
export class PipelineDocument {
  readonly lines: LineIndex;
  readonly analysis: Analysis;
  readonly model: PipelineModel | undefined;
  private cachedIndex?: SymbolIndex;
  private readonly nameIndexes = new Map<string, NameIndex>();
  private cachedStepsByNode?: Map<Node, string | undefined>;
  private cachedDiagnosticsAt?: Map<string, PipelineDiagnostic[]>;

  constructor(
    readonly text: string,
    readonly fallback?: PipelineModel,
    options: AnalysisOptions = {},
  ) {
    this.lines = new LineIndex(text);
    this.analysis = analyze(text, options);
    const root = this.analysis.document.root;
    this.model = this.analysis.model ?? (root?.type === "object" ? buildModel(root) : undefined);
  }

  get root(): Node | undefined {
    return this.analysis.document.root;
  }

  /** True when the text parsed without syntax errors. */
  get parsed(): boolean {
    return this.analysis.document.syntaxProblems.length === 0;
  }

  get index(): SymbolIndex {
    return (this.cachedIndex ??= new SymbolIndex(this.text, this.model));
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
