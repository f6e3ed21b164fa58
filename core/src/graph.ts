import type { Node } from "./json";
import type { PipelineModel, StepModel } from "./model";

export type EdgeKind = "dependsOn" | "reference" | "branch";

/** `from` must finish before `to` starts. `token` is where the edge is written. */
export interface DependencyEdge {
  from: StepModel;
  to: StepModel;
  kind: EdgeKind;
  token: Node;
  /** For references: the character span of the step name inside the token. */
  nameSpan?: { start: number; end: number };
}

export function dependencyEdges(model: PipelineModel): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const step of model.steps) {
    for (const dep of step.dependsOn) {
      const from = model.stepsByName.get(dep.name);
      if (from) edges.push({ from, to: step, kind: "dependsOn", token: dep.node });
    }
    if (step.condition && step.nameNode) edges.push({ from: step.condition, to: step, kind: "branch", token: step.nameNode });
  }
  for (const ref of model.references) {
    if (ref.parsed.root !== "Steps" || !ref.owner) continue;
    const from = model.stepsByName.get(ref.parsed.stepName);
    if (from) {
      edges.push({
        from,
        to: ref.owner,
        kind: "reference",
        token: ref.node,
        nameSpan: { start: ref.parsed.nameStart, end: ref.parsed.nameEnd },
      });
    }
  }
  return edges;
}

/** Edges that lie on a cycle: both ends in one strongly connected component (Tarjan). */
export function cyclicEdges(steps: StepModel[], edges: DependencyEdge[]): DependencyEdge[] {
  const outgoing = new Map<StepModel, StepModel[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.from) ?? [];
    list.push(edge.to);
    outgoing.set(edge.from, list);
  }
  const component = new Map<StepModel, number>();
  const index = new Map<StepModel, number>();
  const low = new Map<StepModel, number>();
  const stack: StepModel[] = [];
  const onStack = new Set<StepModel>();
  let counter = 0;
  let components = 0;

  // Iterative Tarjan: nested conditions and long chains must not overflow the call stack.
  for (const start of steps) {
    if (index.has(start)) continue;
    const work: Array<{ node: StepModel; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const successors = outgoing.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const successor = successors[frame.next++];
        if (!index.has(successor)) {
          index.set(successor, counter);
          low.set(successor, counter++);
          stack.push(successor);
          onStack.add(successor);
          work.push({ node: successor, next: 0 });
        } else if (onStack.has(successor)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(successor)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: StepModel;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return edges.filter((e) => component.get(e.from) === component.get(e.to));
}
