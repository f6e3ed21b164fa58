import { memberValue } from "../json";
import { buildModel } from "../model";
import { parseDocument } from "../parse";
import { pipelineGraph } from "./graph-model";
import { nodeAtOffset } from "./locate";
import type { GraphNode, PipelineGraph, TextSpan } from "./types";

export interface TextGraph {
  /** Undefined when the text has no `Steps` array to draw (not a definition, or too broken to tell). */
  graph?: PipelineGraph;
  syntaxErrors: number;
}

/** The graph of a definition's text; the parser is tolerant, so a text with syntax errors still gives a partial graph. */
export function graphFromText(text: string): TextGraph {
  const parsed = parseDocument(text);
  const syntaxErrors = parsed.syntaxProblems.length;
  const root = parsed.root;
  if (root?.type !== "object" || memberValue(root, "Steps")?.type !== "array") return { syntaxErrors };
  return { graph: pipelineGraph(buildModel(root)), syntaxErrors };
}

export interface LiveView {
  graph: PipelineGraph;
  /** True when the graph is not the current text's: the last good one (or a partial one) while the text has syntax errors. */
  stale: boolean;
  /** Why the graph is stale, for a banner. */
  note?: string;
}

const EMPTY: PipelineGraph = { nodes: [], edges: [] };

/**
 * What the live graph view shows as the user types: the current text's graph when it parses (semantic errors are drawn,
 * not refused); while it has syntax errors, the last graph that parsed cleanly; before any did, the partial graph.
 */
export class LiveGraph {
  private lastGood?: PipelineGraph;
  private latest?: PipelineGraph;

  update(text: string): LiveView {
    const { graph, syntaxErrors } = graphFromText(text);
    this.latest = graph;
    if (graph && syntaxErrors === 0) {
      this.lastGood = graph;
      return { graph, stale: false };
    }
    const problem = syntaxErrors > 0 ? `${syntaxErrors} syntax error${syntaxErrors === 1 ? "" : "s"}` : "no Steps array";
    if (this.lastGood) return { graph: this.lastGood, stale: true, note: `The definition has ${problem}: showing the last good graph.` };
    if (graph) return { graph, stale: true, note: `The definition has ${problem}: showing what could be read.` };
    return { graph: EMPTY, stale: true, note: `The definition has ${problem}: nothing to draw yet.` };
  }

  /** The node of the step at `offset` of the current text (from the latest parse, however partial). */
  nodeAt(offset: number): string | undefined {
    const graph = this.latest ?? this.lastGood;
    return graph ? nodeAtOffset(graph, offset) : undefined;
  }

  /** Where a node's step is in the current text: from the latest (possibly partial) parse when it still has the node. */
  nameSpanOf(id: string): TextSpan | undefined {
    const node = findNode(this.latest, id) ?? findNode(this.lastGood, id);
    return node?.nameSpan ?? node?.span;
  }
}

const findNode = (graph: PipelineGraph | undefined, id: string): GraphNode | undefined => graph?.nodes.find((n) => n.id === id);
