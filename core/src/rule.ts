import type { Node } from "jsonc-parser";
import type { Finding, Severity } from "./diagnostic";
import { dependencyEdges, type DependencyEdge } from "./graph";
import type { PipelineModel, StepModel } from "./model";
import type { StepFacet } from "./incremental/step-interface";
import type { ParsedDocument } from "./parse";
import { schemaIssues, type SchemaIssue } from "./schema/issues";
import { schemaValue } from "./schema/validator";
import { NameIndex, newBudget } from "./suggestions";

/** What an incremental analysis keeps of the rules that check one step at a time. */
export interface StepFindings {
  /** The findings of `rule` inside one element of `Steps`, kept while its text is unchanged. */
  within(rule: string, step: Node, compute: () => Finding[]): Finding[];
  /**
   * The findings of `rule` over every step from its last run, moved by the edits since, with the findings of the steps
   * changed since then computed (`compute`); undefined when none are kept.
   */
  moved(rule: string, compute: (top: Node, steps: StepModel[]) => Finding[]): Finding[] | undefined;
  /** Remembers the findings of `rule` over every step (each inside its top-level step), for the next versions. */
  keep(rule: string, findings: Finding[]): void;
}

/** What every rule sees. Expensive facts are computed once, on first use. */
export class RuleContext {
  private cachedEdges?: DependencyEdge[];
  private cachedSchemaIssues?: SchemaIssue[];
  private cachedGroups?: Map<Node, StepModel[]>;
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
    return this.stepFindings ? this.stepFindings.within(rule, step, compute) : compute();
  }

  /**
   * `check` of every step (nested ones too), in document order, for a rule whose findings about a step depend on that
   * step alone: kept per top-level step by an incremental analysis.
   */
  eachStep(rule: string, check: (step: StepModel) => Finding[]): Finding[] {
    if (!this.stepFindings) return this.model.steps.flatMap(check);
    return this.eachTopLevelStep(rule, (_top, steps) => steps.flatMap(check));
  }

  /**
   * `check` of every element of `Steps` that is a step (with the steps nested in it), in document order, for a rule
   * whose findings about one depend on it alone and lie inside it. An incremental analysis keeps them: after an edit,
   * only the changed step is checked and the others' findings are moved, whatever the number of steps.
   */
  eachTopLevelStep(rule: string, check: (top: Node, steps: StepModel[]) => Finding[]): Finding[] {
    const moved = this.stepFindings?.moved(rule, check);
    if (moved) return moved;
    const findings: Finding[] = [];
    let inside = true;
    for (const [top, steps] of this.stepsByTopLevel) {
      const within = this.withinStep(rule, top, () => check(top, steps));
      for (const finding of within) {
        findings.push(finding);
        if (finding.start < top.offset || finding.end > top.offset + top.length) inside = false;
      }
    }
    if (inside) this.stepFindings?.keep(rule, findings);
    return findings;
  }

  /** The steps grouped by the element of `Steps` that holds them (model.steps lists each group in a row). */
  private get stepsByTopLevel(): Map<Node, StepModel[]> {
    if (!this.cachedGroups) {
      this.cachedGroups = new Map();
      for (const step of this.model.steps) {
        let top = step;
        while (top.condition ?? top.forEach) top = (top.condition ?? top.forEach)!;
        const group = this.cachedGroups.get(top.node);
        if (group) group.push(step);
        else this.cachedGroups.set(top.node, [step]);
      }
    }
    return this.cachedGroups;
  }

  get text(): string {
    return this.document.text;
  }

  get edges(): DependencyEdge[] {
    return (this.cachedEdges ??= dependencyEdges(this.model));
  }

  get schemaIssues(): SchemaIssue[] {
    return (this.cachedSchemaIssues ??= this.knownSchemaIssues
      ? this.knownSchemaIssues()
      : schemaIssues(this.root, schemaValue(this.document.text, this.root)));
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
  /**
   * The rule reads of each step only its shape and these facets of its interface (`stepInterface` in
   * incremental/step-interface.ts), and of the rest of the definition only what lies outside `Steps`: when an edit
   * inside one step leaves them unchanged, an incremental analysis moves the rule's previous findings instead of running
   * it again.
   */
  acrossSteps?: readonly StepFacet[];
  check(context: RuleContext): Finding[];
}

/** A rule over the raw document, run before any model exists. */
export interface DocumentRule {
  code: string;
  defaultSeverity: Severity;
  description: string;
  check(document: ParsedDocument): Finding[];
}
