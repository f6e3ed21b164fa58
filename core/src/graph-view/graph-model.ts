import { cyclicEdges, dependencyEdges } from "../graph";
import type { Node } from "../json";
import type { PipelineModel, StepModel } from "../model";
import type { GraphEdge, GraphEdgeKind, GraphNode, PipelineGraph, TextSpan } from "./types";

/**
 * The graph of a pipeline model, drawn whatever its errors: every step is a node (duplicates and unnamed steps
 * included), edges to names no step has end at a `missing` node and are `broken`, edges on a cycle are marked.
 * Edges resolve names as the analyzer does (the first step of a name).
 */
export function pipelineGraph(model: PipelineModel): PipelineGraph {
  const ids = nodeIds(model.steps);
  const nodes: GraphNode[] = model.steps.map((step, index) => stepNode(step, index, ids));
  const missing = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();

  const targetOf = (name: string): string => {
    const step = model.stepsByName.get(name);
    if (step) return ids.get(step)!;
    const id = `?${name}`;
    if (!missing.has(id)) missing.set(id, { id, name, label: name, kind: "missing", depth: 0, cycle: false, problems: ["missing"] });
    return id;
  };
  const add = (from: string, to: string, kind: GraphEdgeKind, broken: boolean, property?: string) => {
    const id = `${kind}:${from}->${to}`;
    let edge = edges.get(id);
    if (!edge) edges.set(id, (edge = { id, from, to, kind, broken, cycle: false, ...(kind === "data" ? { properties: [] } : {}) }));
    if (property !== undefined && !edge.properties!.includes(property)) edge.properties!.push(property);
  };

  for (const step of model.steps) {
    const to = ids.get(step)!;
    for (const dep of step.dependsOn) add(targetOf(dep.name), to, "dependsOn", !model.stepsByName.has(dep.name));
    if (step.condition) add(ids.get(step.condition)!, to, step.branch === "ElseSteps" ? "else" : "if", false);
    if (step.forEach) add(ids.get(step.forEach)!, to, "each", false);
  }
  for (const ref of model.references) {
    if (ref.parsed.root !== "Steps" || !ref.owner) continue;
    const property = ref.text.slice(ref.parsed.nameEnd).replace(/^\./, "");
    add(targetOf(ref.parsed.stepName), ids.get(ref.owner)!, "data", !model.stepsByName.has(ref.parsed.stepName), property);
  }

  markCycles(model, ids, nodes, edges);
  return { nodes: [...nodes, ...missing.values()], edges: [...edges.values()] };
}

function nodeIds(steps: StepModel[]): Map<StepModel, string> {
  const ids = new Map<StepModel, string>();
  const seen = new Map<string, number>();
  steps.forEach((step, index) => {
    if (step.name === undefined) return ids.set(step, `#${index}`);
    const count = (seen.get(step.name) ?? 0) + 1;
    seen.set(step.name, count);
    ids.set(step, count === 1 ? step.name : `${step.name}#${count}`);
  });
  return ids;
}

function stepNode(step: StepModel, index: number, ids: Map<StepModel, string>): GraphNode {
  const id = ids.get(step)!;
  const problems: string[] = [];
  if (step.name === undefined) problems.push("unnamed");
  else if (id !== step.name) problems.push("duplicate-name");
  let depth = 0;
  for (let c = step.condition; c; c = c.condition) depth++;
  return {
    id,
    name: step.name,
    label: step.name ?? `(unnamed step ${index + 1})`,
    kind: "step",
    stepType: step.type,
    condition: step.condition ? ids.get(step.condition) : undefined,
    branch: step.branch === undefined ? undefined : step.branch === "IfSteps" ? "if" : "else",
    ...(step.forEach ? { forEach: ids.get(step.forEach) } : {}),
    depth,
    span: span(step.node),
    nameSpan: step.nameNode ? span(step.nameNode) : undefined,
    cycle: false,
    problems,
  };
}

const span = (node: Node): TextSpan => ({ start: node.offset, end: node.offset + node.length });

/** The analyzer's own cycle detection (strongly connected components), mapped onto the graph's edges. */
function markCycles(model: PipelineModel, ids: Map<StepModel, string>, nodes: GraphNode[], edges: Map<string, GraphEdge>): void {
  const onCycle = new Set(cyclicEdges(model.steps, dependencyEdges(model)).map((e) => `${ids.get(e.from)}->${ids.get(e.to)}`));
  if (onCycle.size === 0) return;
  const cyclicNodes = new Set<string>();
  for (const edge of edges.values()) {
    if (!onCycle.has(`${edge.from}->${edge.to}`)) continue;
    edge.cycle = true;
    cyclicNodes.add(edge.from).add(edge.to);
  }
  for (const node of nodes) node.cycle = cyclicNodes.has(node.id);
}
