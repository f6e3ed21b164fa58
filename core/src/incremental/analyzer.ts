import type { ErrorObject } from "ajv";
import { analysisSteps, type Analysis, type AnalysisOptions, type PreparedDefinition } from "../analyze";
import type { Finding } from "../diagnostic";
import type { Node } from "../json";
import { assembleModel, buildModel, replaceOutsideSteps, replaceStepPart, stepParts, type PipelineModel, type StepModel, type StepParts } from "../model";
import { parseDocument, type ParsedDocument } from "../parse";
import { distinctIssues, schemaIssues, translateErrors, type SchemaIssue } from "../schema/issues";
import { MAX_SCHEMA_ERRORS, rootSchemaErrors, schemaValue, stepTreeErrors } from "../schema/validator";
import type { Rule } from "../rule";
import { spliceElement } from "./splice";
import { changedFacets, stepInterface, type StepFacet } from "./step-interface";
import { changedRegion, type TextChange } from "./text-change";

/** The work one update did, for tests and benchmarks: an edit inside one step parses, models and validates that step only. */
export interface IncrementalWork {
  /** 1 when the whole text was parsed, else 0. */
  fullParses: number;
  /** Elements of a root array (a step, a parameter) parsed again alone. */
  elementsParsed: number;
  /** Top-level steps whose model part (steps, references) was built. */
  stepsModelled: number;
  /** Top-level steps (with their nested steps) checked against the schema. */
  stepsValidated: number;
  /** Top-level steps whose kept schema errors were placed again because the step moved to another index. */
  stepsRelocated: number;
  /** Rules across steps whose previous findings were moved instead of running them (the edit left every step's interface as it was). */
  rulesAcrossStepsReused: number;
  /** Rules checked one step at a time whose findings over every step were moved from their last run (only the changed steps checked). */
  stepRulesMoved: number;
  /** 1 when the model's steps and references were gathered from every step's part, 0 when updated from the changed step's. */
  modelsAssembled: number;
  /** 1 when the model's names were listed from every step (the changed step's names changed), else 0. */
  namesListed: number;
}

/** Past this many findings of the rules across steps, they run again at every edit (see `carryAcrossSteps`). */
const CARRIED_FINDINGS_UP_TO = 50;

/** What is kept of one top-level step while its subtree is unchanged (its node moves in place). */
interface StepEntry {
  parts: StepParts;
  value?: unknown;
  schema?: {
    index: number;
    /** The errors with their instance paths relative to the step's (`/Steps/<index>`). */
    errors: ErrorObject[];
    /** Translated issues, offsets relative to the step's node. */
    issues: SchemaIssue[];
  };
  /** Findings of the rules that check one step at a time, offsets relative to the step's node. */
  findings?: Map<string, Finding[]>;
}

/** The work counters of an update that did nothing. */
export const noWork = (): IncrementalWork => ({
  fullParses: 0,
  elementsParsed: 0,
  stepsModelled: 0,
  stepsValidated: 0,
  stepsRelocated: 0,
  rulesAcrossStepsReused: 0,
  stepRulesMoved: 0,
  modelsAssembled: 0,
  namesListed: 0,
});

/**
 * The analysis of successive versions of one document. Each top-level step's parse tree, model part, JSON value and
 * schema errors are kept while its text is unchanged; an edit inside one step re-parses and re-checks that step only,
 * and updates the model from it. The rules that check one step at a time check the changed step; the rules across
 * steps that read what the edit changed run again over the updated model (each is linear in the number of steps), the
 * others' findings move. The result is always the same as `analyze(text)` (test/core/incremental-equivalence.test.ts).
 *
 * The tree of a version is updated in place to become the next version's: a version's analysis and document must not
 * be used once `update` was called with a newer text.
 */
export class IncrementalAnalyzer {
  private document?: ParsedDocument;
  /** The top-level `Steps` array when the document parsed and has exactly one `Steps` member (else every edit parses all). */
  private steps?: Node;
  private entries = new Map<Node, StepEntry>();
  work: IncrementalWork = noWork();
  /** The findings of the rules across steps on this version, as they ran or were moved. */
  private acrossFindings = new Map<Rule, Finding[]>();
  /** The previous version's findings of the rules across steps, the edit that moves them and the facets it changed (the rules reading none of them keep theirs). */
  private carried?: { findings: Map<Rule, Finding[]>; change: TextChange; changed: Set<StepFacet> };
  /** The region the last `update` changed, when there was a previous version. */
  lastChange?: TextChange;
  /** The model made for a version, and the step part replaced since (the next model is updated from it). */
  private modelled?: { document: ParsedDocument; root: Node; model: PipelineModel };
  private replaced?: { before: StepParts; replacement: Node } | "outside steps";
  /**
   * Per rule checked one step at a time (`RuleContext.eachTopLevelStep`): its findings over every step on its last run,
   * moved by each edit since; the steps replaced since then (`missing`) have none in it yet.
   */
  private stepRuns = new Map<string, { findings: Finding[]; missing: Set<Node> }>();

  constructor(private readonly options: AnalysisOptions = {}) {}

  /** The text of the version the analyzer holds. */
  get text(): string | undefined {
    return this.document?.text;
  }

  /** Parses the new version, re-using the previous tree when the change lies inside one top-level step. */
  update(text: string, change?: TextChange): ParsedDocument {
    this.work = noWork();
    const previous = this.document;
    this.lastChange = previous && (change && fits(change, previous.text, text) ? change : changedRegion(previous.text, text));
    // A model still waiting for its replaced part (no `prepare` since the last update) is not this version's previous one.
    const modelled = this.modelled?.document === previous && !this.replaced ? this.modelled : undefined;
    this.modelled = undefined;
    this.replaced = undefined;
    if (previous && this.steps && this.lastChange && unchanged(previous.text, text, this.lastChange)) {
      this.document = { ...previous, text };
      if (modelled) this.modelled = { ...modelled, document: this.document };
      return this.document;
    }
    const previousFindings = this.acrossFindings;
    this.acrossFindings = new Map();
    this.carried = undefined;
    if (previous && this.steps && this.lastChange) {
      const region = this.lastChange;
      // The changed step, else the changed parameter (or element of another array at the root): one is re-parsed.
      const arrays = [this.steps, ...rootArrays(previous.root).filter((array) => array !== this.steps)];
      let spliced: { replaced: Node; replacement: Node } | undefined;
      const array = arrays.find((candidate) => (spliced = spliceElement(candidate, text, region)) !== undefined);
      if (spliced && array) {
        this.work.elementsParsed = 1;
        if (array === this.steps) this.carryAcrossSteps(previous.text, spliced, text, region, previousFindings);
        // The replaced node's entry goes; the others stay with their nodes, which moved in place.
        const before = this.entries.get(spliced.replaced)?.parts;
        this.entries.delete(spliced.replaced);
        this.moveStepRuns(spliced, region.newEnd - region.end, array === this.steps);
        this.document = { text, root: previous.root, syntaxProblems: [] };
        if (modelled && (before || array !== this.steps)) {
          this.modelled = { ...modelled, document: this.document };
          this.replaced = before && array === this.steps ? { before, replacement: spliced.replacement } : "outside steps";
        }
        return this.document;
      }
    }
    this.work.fullParses = 1;
    this.entries = new Map();
    this.stepRuns = new Map();
    const document = parseDocument(text);
    this.steps = document.syntaxProblems.length === 0 ? onlyStepsArray(document.root) : undefined;
    return (this.document = document);
  }

  /** The analysis of the current version (`update` first), run to the end. */
  analyze(): Analysis {
    const steps = this.analysisSteps();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  }

  /** The analysis of the current version, yielding between rules (see `analysisSteps` in analyze.ts). */
  analysisSteps(options: AnalysisOptions = this.options): Generator<void, Analysis> {
    if (!this.document) throw new Error("IncrementalAnalyzer.update() first");
    return analysisSteps(this.document, options, (root) => this.prepare(root));
  }

  /** The model and schema issues of the current version, from the kept parts of its unchanged steps. */
  prepare(root: Node): PreparedDefinition {
    const steps = this.steps;
    const text = this.document?.text ?? "";
    if (root !== this.document?.root || !steps) {
      return { model: buildModel(root), schemaIssues: () => schemaIssues(root, schemaValue(text, root)) };
    }
    const nodes = steps.children ?? [];
    const model = this.model(root, nodes);
    return {
      model,
      schemaIssues: () => this.schemaIssues(root, steps, nodes),
      stepFindings: {
        within: (rule, node, compute) => this.stepFindings(rule, node, compute),
        moved: (rule, compute) => this.movedStepRun(rule, compute),
        keep: (rule, findings) => this.stepRuns.set(rule, { findings: findings.slice(), missing: new Set() }),
      },
      acrossSteps: { reuse: (rule) => this.reuseAcrossSteps(rule), keep: (rule, findings) => this.acrossFindings.set(rule, findings) },
    };
  }

  /**
   * After an edit inside one top-level step: the previous version's findings of the rules across steps stay valid
   * (moved by the edit) when the step's shape and the facets of its interface the rule reads are unchanged, when the
   * edit touches none of them, and when they are
   * few (their "did you mean" suggestions then never exhaust the analysis's budget, so no rule's answer depended on
   * the order the rules ran in).
   */
  private carryAcrossSteps(
    before: string,
    { replaced, replacement }: { replaced: Node; replacement: Node },
    after: string,
    change: TextChange,
    findings: Map<Rule, Finding[]>,
  ): void {
    let count = 0;
    for (const list of findings.values()) count += list.length;
    if (findings.size === 0 || count > CARRIED_FINDINGS_UP_TO) return;
    const changed = changedFacets(stepInterface(replaced, before), stepInterface(replacement, after));
    if (changed === "shape") return;
    this.carried = { findings, change, changed };
  }

  private reuseAcrossSteps(rule: Rule): Finding[] | undefined {
    const previous = this.carried?.findings.get(rule);
    if (!previous || !this.carried || rule.acrossSteps?.some((facet) => this.carried!.changed.has(facet))) return undefined;
    const { start, end, newEnd } = this.carried.change;
    const delta = newEnd - end;
    const moved: Finding[] = [];
    for (const finding of previous) {
      if (finding.end <= start) moved.push(finding);
      else if (finding.start >= end) moved.push({ ...finding, start: finding.start + delta, end: finding.end + delta });
      else return undefined; // the edit is inside a finding: the rule runs again
    }
    this.work.rulesAcrossStepsReused++;
    this.acrossFindings.set(rule, moved);
    return moved;
  }

  /** The model of the current version: the previous one updated from the replaced step's part, else assembled from every part. */
  private model(root: Node, nodes: Node[]): PipelineModel {
    const modelled = this.modelled && this.modelled.document === this.document && this.modelled.root === root ? this.modelled : undefined;
    const replaced = this.replaced;
    if (modelled && !replaced) return modelled.model;
    let model: PipelineModel | undefined;
    if (modelled && replaced === "outside steps") model = replaceOutsideSteps(modelled.model, root);
    else if (modelled && typeof replaced === "object") {
      const updated = replaceStepPart(modelled.model, replaced.before, this.entry(replaced.replacement).parts);
      if (updated?.namesListed) this.work.namesListed = 1;
      model = updated?.model;
    }
    if (!model) {
      this.work.modelsAssembled = 1;
      this.work.namesListed = 1;
      model = assembleModel(
        root,
        nodes.map((node) => this.entry(node).parts),
      );
    }
    this.modelled = { document: this.document!, root, model };
    this.replaced = undefined;
    return model;
  }

  /** The kept runs after an element of a root array was replaced: its findings go, the later ones move by `delta`. */
  private moveStepRuns({ replaced, replacement }: { replaced: Node; replacement: Node }, delta: number, isStep: boolean): void {
    const start = replaced.offset;
    const end = replaced.offset + replaced.length;
    for (const run of this.stepRuns.values()) {
      const findings: Finding[] = [];
      for (const finding of run.findings) {
        if (finding.start < start && finding.end <= start) findings.push(finding);
        else if (finding.start >= end) findings.push(delta === 0 ? finding : { ...finding, start: finding.start + delta, end: finding.end + delta });
      }
      run.findings = findings;
      if (isStep) {
        run.missing.delete(replaced);
        run.missing.add(replacement);
      }
    }
  }

  /** A rule's kept run with the findings of the steps replaced since checked and put in place; undefined when none is kept. */
  private movedStepRun(rule: string, compute: (top: Node, steps: StepModel[]) => Finding[]): Finding[] | undefined {
    const run = this.stepRuns.get(rule);
    if (!run) return undefined;
    for (const node of [...run.missing]) {
      const added = node.parent === this.steps ? this.stepFindings(rule, node, () => compute(node, this.entry(node).parts.steps)) : undefined;
      if (!added || added.some((finding) => finding.start < node.offset || finding.end > node.offset + node.length)) {
        this.stepRuns.delete(rule);
        return undefined;
      }
      run.findings.splice(firstAtOrAfter(run.findings, node.offset), 0, ...added);
      run.missing.delete(node);
    }
    this.work.stepRulesMoved++;
    return run.findings.slice();
  }

  private entry(node: Node): StepEntry {
    let entry = this.entries.get(node);
    if (!entry) {
      this.work.stepsModelled++;
      this.entries.set(node, (entry = { parts: stepParts(node) }));
    }
    return entry;
  }

  private stepFindings(rule: string, node: Node, compute: () => Finding[]): Finding[] {
    const entry = node.parent === this.steps ? this.entry(node) : undefined;
    if (!entry) return compute();
    entry.findings ??= new Map();
    let kept = entry.findings.get(rule);
    if (!kept) entry.findings.set(rule, (kept = compute().map((f) => ({ ...f, start: f.start - node.offset, end: f.end - node.offset }))));
    if (kept.length === 0) return [];
    return kept.map((f) => ({ ...f, start: f.start + node.offset, end: f.end + node.offset }));
  }

  private schemaIssues(root: Node, stepsNode: Node, nodes: Node[]): SchemaIssue[] {
    const text = this.document?.text ?? "";
    const values = nodes.map((node) => {
      const entry = this.entry(node);
      return "value" in entry ? entry.value : (entry.value = schemaValue(text, node));
    });
    // The root's value, with the kept values of the steps.
    const rootValue: Record<string, unknown> = Object.create(null);
    for (const property of root.children ?? []) {
      const [key, valueNode] = property.children ?? [];
      if (key && valueNode) rootValue[key.value as string] = valueNode === stepsNode ? values : schemaValue(text, valueNode);
    }
    const rootErrors = rootSchemaErrors(rootValue);
    let total = rootErrors.length;
    const issues = translateErrors(root, rootErrors);
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index];
      const entry = this.entry(node);
      const prefix = `/Steps/${index}`;
      if (!entry.schema) {
        this.work.stepsValidated++;
        const errors = stepTreeErrors(values[index], index, values, rootValue);
        entry.schema = {
          index,
          errors: errors.map((error) => ({ ...error, instancePath: error.instancePath.slice(prefix.length) })),
          issues: relativeTo(node.offset, translateErrors(root, errors)),
        };
      } else if (entry.schema.index !== index) {
        this.work.stepsRelocated++;
        const errors = entry.schema.errors.map((error) => ({ ...error, instancePath: prefix + error.instancePath }));
        entry.schema = { index, errors: entry.schema.errors, issues: relativeTo(node.offset, translateErrors(root, errors)) };
      }
      total += entry.schema.errors.length;
      // Past the limit, which steps are checked depends on the whole document: it is checked as one.
      if (total >= MAX_SCHEMA_ERRORS) return schemaIssues(root, rootValue);
      for (const issue of entry.schema.issues) issues.push({ ...issue, start: issue.start + node.offset, end: issue.end + node.offset });
    }
    return distinctIssues(issues);
  }
}

/** Whether the texts are the same, `change` being where they can differ (only that region is compared, not the whole text). */
function unchanged(before: string, after: string, { start, end, newEnd }: TextChange): boolean {
  return end === newEnd && before.slice(start, end) === after.slice(start, newEnd);
}

/** Whether `change` can describe the step from `before` to `after` (the editor's edits are trusted, within these bounds). */
function fits(change: TextChange, before: string, after: string): boolean {
  const { start, end, newEnd } = change;
  return 0 <= start && start <= end && end <= before.length && start <= newEnd && newEnd <= after.length && before.length - end === after.length - newEnd;
}

/** The index of the first finding that starts at or after `offset` (the findings of each step lie in it, steps in order). */
function firstAtOrAfter(findings: readonly Finding[], offset: number): number {
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (findings[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function relativeTo(offset: number, issues: SchemaIssue[]): SchemaIssue[] {
  return issues.map((issue) => ({ ...issue, start: issue.start - offset, end: issue.end - offset }));
}

/** The arrays that are members of the root object. */
function rootArrays(root: Node | undefined): Node[] {
  if (root?.type !== "object") return [];
  return (root.children ?? []).map((property) => property.children?.[1]).filter((value): value is Node => value?.type === "array");
}

/** The value of the root's one `Steps` member, when it is an array and the only member of that name. */
function onlyStepsArray(root: Node | undefined): Node | undefined {
  if (root?.type !== "object") return undefined;
  const members = (root.children ?? []).filter((property) => property.children?.[0]?.value === "Steps");
  const value = members.length === 1 ? members[0].children?.[1] : undefined;
  return value?.type === "array" ? value : undefined;
}
