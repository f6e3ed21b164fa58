/**
 * The pipeline graph as the graph view draws it: plain data (JSON-serialisable), built from the language model by
 * `pipelineGraph` and laid out by `layoutGraph`.
 */

/** `data`: a `Get` of `Steps.X…`; `dependsOn`: a DependsOn entry; `if` / `else`: a Condition's branch; `each`: a ForEach step's body. */
export type GraphEdgeKind = "data" | "dependsOn" | "if" | "else" | "each";

/** A character span of the document text. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface GraphNode {
  /** Unique: the step name; `Name#2`… for a duplicated name; `#<index>` for a step without a name; `?Name` for a missing step. */
  id: string;
  /** The step name (absent for an unnamed step). */
  name?: string;
  /** What the node shows. */
  label: string;
  /** `step`: a step of the definition; `missing`: a name that edges refer to but no step has. */
  kind: "step" | "missing";
  /** The step's Type. */
  stepType?: string;
  /** The id of the Condition step whose branch holds this step. */
  condition?: string;
  branch?: "if" | "else";
  /** The id of the ForEach step whose ForEachBody holds this step (SDK v3). */
  forEach?: string;
  /** How many Condition branches hold the step (0: top level). */
  depth: number;
  /** The step object in the text. */
  span?: TextSpan;
  /** The step's Name value (what clicking the node selects). */
  nameSpan?: TextSpan;
  /** On a dependency cycle. */
  cycle: boolean;
  /** `duplicate-name`, `unnamed`, `missing`. */
  problems: string[];
  /** A collapsed Condition step: the labels of the steps its folded branches hide (see `collapseBranches`). */
  collapsed?: string[];
}

export interface GraphEdge {
  /** Unique: `<kind>:<from>-><to>`. */
  id: string;
  /** Node ids: `from` must finish before `to` starts. */
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** One end is a step that does not exist. */
  broken: boolean;
  /** On a dependency cycle. */
  cycle: boolean;
  /** For `data` edges: the property paths read (`ModelArtifacts.S3ModelArtifacts`…), distinct, in document order. */
  properties?: string[];
}

export interface PipelineGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
