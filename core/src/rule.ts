import { getNodeValue, type Node } from "jsonc-parser";
import type { Finding, Severity } from "./diagnostic";
import { dependencyEdges, type DependencyEdge } from "./graph";
import type { PipelineModel } from "./model";
import type { ParsedDocument } from "./parse";
import { schemaIssues, type SchemaIssue } from "./schema/issues";

/** What every rule sees. Expensive facts are computed once, on first use. */
export class RuleContext {
  private cachedEdges?: DependencyEdge[];
  private cachedSchemaIssues?: SchemaIssue[];

  constructor(
    readonly document: ParsedDocument,
    readonly root: Node,
    readonly model: PipelineModel,
  ) {}

  get text(): string {
    return this.document.text;
  }

  get edges(): DependencyEdge[] {
    return (this.cachedEdges ??= dependencyEdges(this.model));
  }

  get schemaIssues(): SchemaIssue[] {
    return (this.cachedSchemaIssues ??= schemaIssues(this.root, getNodeValue(this.root)));
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
