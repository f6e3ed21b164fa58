import { elements, memberValue, stringContentSpan, type Node } from "../json";
import type { PipelineModel } from "../model";

export type SymbolKind = "step" | "parameter" | "propertyFile";

/**
 * One written occurrence of a name. `start`/`end` cover the name's characters only (no quotes),
 * so a rename replaces exactly this span.
 */
export interface Occurrence {
  kind: SymbolKind;
  /** Step and parameter names as written; property files as `<step>/<file>`. */
  key: string;
  name: string;
  start: number;
  end: number;
  role: "definition" | "dependsOn" | "reference";
  /** The string node the name is written in. */
  node: Node;
}

/**
 * Every occurrence of step, parameter and property-file names in a document; with `around`, only those whose string
 * node holds that offset (what a hover or a cursor needs, without indexing every step of a large document).
 */
export class SymbolIndex {
  readonly occurrences: Occurrence[] = [];

  constructor(
    private readonly text: string,
    model: PipelineModel | undefined,
    private readonly around?: number,
  ) {
    if (model) this.collect(model);
    this.occurrences.sort((a, b) => a.start - b.start);
  }

  /** The occurrence under an offset (a cursor at either edge of the name counts). */
  at(offset: number): Occurrence | undefined {
    return this.occurrences.find((o) => o.start <= offset && offset <= o.end);
  }

  /** The occurrences that lie within [start, end], found by binary search (a code action asks once per diagnostic). */
  within(start: number, end: number): Occurrence[] {
    let low = 0;
    let high = this.occurrences.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.occurrences[middle].start < start) low = middle + 1;
      else high = middle;
    }
    const found: Occurrence[] = [];
    for (let i = low; i < this.occurrences.length && this.occurrences[i].start <= end; i++) if (this.occurrences[i].end <= end) found.push(this.occurrences[i]);
    return found;
  }

  occurrencesOf(kind: SymbolKind, key: string): Occurrence[] {
    return this.occurrences.filter((o) => o.kind === kind && o.key === key);
  }

  definitionOf(kind: SymbolKind, key: string): Occurrence | undefined {
    return this.occurrences.find((o) => o.kind === kind && o.key === key && o.role === "definition");
  }

  private add(kind: SymbolKind, key: string, name: string, node: Node, from: number, to: number, role: Occurrence["role"]): void {
    const { start, end } = stringContentSpan(this.text, node, from, to);
    this.occurrences.push({ kind, key, name, start, end, role, node });
  }

  private addWholeString(kind: SymbolKind, key: string, node: Node, role: Occurrence["role"]): void {
    const name = node.value as string;
    this.add(kind, key, name, node, 0, name.length, role);
  }

  /** Whether an occurrence in `node` can hold the offset the index is made around. */
  private holds(node: Node | undefined): boolean {
    return this.around === undefined || (node !== undefined && node.offset <= this.around && this.around <= node.offset + node.length);
  }

  private collect(model: PipelineModel): void {
    for (const parameter of model.parameters) {
      if (parameter.nameNode?.type === "string" && this.holds(parameter.nameNode))
        this.addWholeString("parameter", parameter.name!, parameter.nameNode, "definition");
    }
    for (const step of model.steps) {
      if (!this.holds(step.node)) continue;
      if (step.nameNode?.type === "string") this.addWholeString("step", step.name!, step.nameNode, "definition");
      for (const dep of step.dependsOn) this.addWholeString("step", dep.name, dep.node, "dependsOn");
      for (const file of elements(memberValue(step.node, "PropertyFiles"))) {
        const nameNode = memberValue(file, "PropertyFileName");
        if (nameNode?.type === "string" && step.name !== undefined) {
          this.addWholeString("propertyFile", `${step.name}/${nameNode.value}`, nameNode, "definition");
        }
      }
    }
    for (const ref of model.references) {
      if (!this.holds(ref.node)) continue;
      const parsed = ref.parsed;
      if (parsed.root === "Parameters") {
        this.add("parameter", parsed.name, parsed.name, ref.node, parsed.nameStart, parsed.nameEnd, "reference");
      } else if (parsed.root === "Steps" || parsed.root === "IterationOutput") {
        this.add("step", parsed.stepName, parsed.stepName, ref.node, parsed.nameStart, parsed.nameEnd, "reference");
        const [first, second] = parsed.path;
        if (first?.kind === "member" && first.name === "PropertyFiles" && second?.kind === "member") {
          this.add("propertyFile", `${parsed.stepName}/${second.name}`, second.name, ref.node, second.start, second.end, "reference");
        }
      }
    }
  }
}
