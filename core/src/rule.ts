import { getNodeValue, type Node } from "jsonc-parser";
import type { Finding, Severity } from "./diagnostic";
import { dependencyEdges, type DependencyEdge } from "./graph";
import type { PipelineModel } from "./model";
import type { ParsedDocument } from "./parse";
import { schemaIssues, type SchemaIssue } from "./schema/issues";
import { NameIndex, newBudget } from "./suggestions";

export type StepFindings = (rule: string, step: Node, compute: () => Finding[]) => Finding[];

/** What every rule sees. Expensive facts are computed once, on first use. */
export class RuleContext {
  private cachedEdges?: DependencyEdge[];
  private cachedSchemaIssues?: SchemaIssue[];
  private readonly nameIndexes = new Map<string, NameIndex>();
  /** The "did you mean" comparisons left to this analysis (shared by every rule). */
  private readonly suggestionBudget = newBudget();

  constructor(
    readonly document: ParsedDocument,
    readonly root: Node,
    readonly model: PipelineModel,
    /** The schema issues, when an incremental analysis keeps them (default: the whole document is checked on first use). */
    private readonly knownSchemaIssues?: () => SchemaIssue[],
    /** Keeps the findings of `withinStep` per top-level step (an incremental analysis). */
    private readonly stepFindings?: StepFindings,
  ) {}

  /**
   * The findings of `rule` inside one element of the top-level `Steps` array, which must depend on that subtree only:
   * an incremental analysis keeps them while the step's text is unchanged.
   */
  withinStep(rule: string, step: Node, compute: () => Finding[]): Finding[] {
    return this.stepFindings ? this.stepFindings(rule, step, compute) : compute();
  }

  get text(): string {
    return this.document.text;
  }

  get edges(): DependencyEdge[] {
    return (this.cachedEdges ??= dependencyEdges(this.model));
  }

  get schemaIssues(): SchemaIssue[] {
    return (this.cachedSchemaIssues ??= this.knownSchemaIssues ? this.knownSchemaIssues() : schemaIssues(this.root, getNodeValue(this.root)));
  }

  /**
   * The closest of `options()` to `written`, for a "did you mean". The options are indexed once per `key` (e.g.
   * "steps", or "outputs:<step>"), each distinct name is ranked once, and the whole analysis shares one budget of
   * comparisons: suggestions stay linear in the document's size however many names are unknown.
   */
  closest(key: string, written: string, options: () => Iterable<string>): string | undefined {
    let index = this.nameIndexes.get(key);
    if (!index) this.nameIndexes.set(key, (index = new NameIndex(options(), this.suggestionBudget)));
    return index.closest(written);
  }
}

/** A rule over a definition that parsed. */
export interface Rule {
  code: string;
  defaultSeverity: Severity;
  /** One line for the README and the settings' documentation. */
  description: string;
  check(context: RuleContext): Finding[];
}

/** A rule over the raw document, run before any model exists. */
export interface DocumentRule {
  code: string;
  defaultSeverity: Severity;
  description: string;
  check(document: ParsedDocument): Finding[];
}
