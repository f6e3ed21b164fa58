import { graphFromText } from "../../core/src/graph-view";
import { layoutGraph } from "../../core/src/graph-view/layout";
import { syntheticDefinition } from "../../test/core/graph-view/synthetic";

export interface GraphRow {
  steps: number;
  edges: number;
  modelMs: number;
  layoutMs: number;
}

/** The graph view's work outside the browser: the graph model, then the dagre layout (median of `runs`). */
export function benchGraph(sizes = [100, 1_000], runs = 3): GraphRow[] {
  return sizes.map((steps) => {
    const text = syntheticDefinition(steps);
    const model: number[] = [];
    const layout: number[] = [];
    let edges = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const graph = graphFromText(text).graph!;
      const modelled = performance.now();
      layoutGraph(graph);
      layout.push(performance.now() - modelled);
      model.push(modelled - started);
      edges = graph.edges.length;
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { steps, edges, modelMs: median(model), layoutMs: median(layout) };
  });
}
