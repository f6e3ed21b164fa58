import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { graphFromText, type PipelineGraph } from "../../core/src/graph-view";
import { layoutGraph, type GraphLayout } from "../../core/src/graph-view/layout";
import { syntheticDefinition } from "../../test/core/graph-view/synthetic";
import { drawnCrossings } from "./crossings";
import { dagreLayout } from "./dagre-layout";

export interface GraphRow {
  steps: number;
  edges: number;
  modelMs: number;
  /** The layered layout (core/src/graph-view/layered.ts): wall-clock median, and the CPU time of the same runs. */
  layoutMs: number;
  layoutCpuMs: number;
  /** The same graph seeded with its layout before one step was added (what an edit costs). */
  seededMs: number;
  crossings: number;
  /** The previous layout (dagre, scripts/bench/dagre-layout.ts), once: time and crossings. */
  dagreMs: number;
  dagreCrossings: number;
}

export interface CorpusCrossings {
  files: number;
  layered: number;
  dagre: number;
  /** Files where the layered layout crosses more / fewer edges than dagre. */
  worse: number;
  better: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The graph view's work outside the browser: the graph model, then the layout the extension's layout worker runs
 * (median of `runs`, after one warm-up run as the long-lived worker has had), beside the dagre layout it replaced.
 * Crossings are counted as drawn (scripts/bench/crossings.ts), the same way for both.
 */
export function benchGraph(sizes = [100, 1_000], runs = 5): GraphRow[] {
  return sizes.map((steps) => {
    const text = syntheticDefinition(steps);
    const model: number[] = [];
    const wall: number[] = [];
    const cpu: number[] = [];
    let graph: PipelineGraph = { nodes: [], edges: [] };
    let layout: GraphLayout | undefined;
    layoutGraph(graphFromText(text).graph!);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      graph = graphFromText(text).graph!;
      const modelled = performance.now();
      const usage = process.cpuUsage();
      layout = layoutGraph(graph);
      const used = process.cpuUsage(usage);
      wall.push(performance.now() - modelled);
      cpu.push((used.user + used.system) / 1000);
      model.push(modelled - started);
    }
    const edited = withOneMoreStep(text);
    const seeded: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      layoutGraph(edited, { previous: layout });
      seeded.push(performance.now() - started);
    }
    const started = performance.now();
    const dagre = dagreLayout(graph);
    const dagreMs = performance.now() - started;
    return {
      steps,
      edges: graph.edges.length,
      modelMs: median(model),
      layoutMs: median(wall),
      layoutCpuMs: median(cpu),
      seededMs: median(seeded),
      crossings: drawnCrossings(layout!),
      dagreMs,
      dagreCrossings: drawnCrossings(dagre),
    };
  });
}

/** The definition with a step added in the middle that reads one step and is read by another. */
function withOneMoreStep(text: string): PipelineGraph {
  const definition = JSON.parse(text);
  const middle = Math.floor(definition.Steps.length / 2);
  const read = definition.Steps[middle - 5].Name;
  definition.Steps.splice(middle, 0, { Name: "Added", Type: "Processing", Arguments: { In: { Get: `Steps.${read}.ProcessingJobName` } } });
  definition.Steps[middle + 10].Arguments.Added = { Get: "Steps.Added.ProcessingJobName" };
  return graphFromText(JSON.stringify(definition)).graph!;
}

/** Edge crossings as drawn, layered against dagre, over the corpus definitions (test/fixtures/corpus). */
export function benchCorpusCrossings(folder = join(import.meta.dirname, "../../test/fixtures/corpus")): CorpusCrossings {
  const result: CorpusCrossings = { files: 0, layered: 0, dagre: 0, worse: 0, better: 0 };
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
    const graph = graphFromText(readFileSync(join(folder, file), "utf8")).graph;
    if (!graph) continue;
    const layered = drawnCrossings(layoutGraph(graph));
    const dagre = drawnCrossings(dagreLayout(graph));
    result.files++;
    result.layered += layered;
    result.dagre += dagre;
    if (layered > dagre) result.worse++;
    if (layered < dagre) result.better++;
  }
  return result;
}
