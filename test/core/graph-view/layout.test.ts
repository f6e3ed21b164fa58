import assert from "node:assert/strict";
import { test } from "node:test";
import { graphFromText, type PipelineGraph } from "../../../core/src/graph-view";
import { layoutGraph, type GraphLayout, type NodeBox } from "../../../core/src/graph-view/layout";
import { corpusFiles, corpusText, definition } from "./corpus";
import { syntheticDefinition } from "./synthetic";

const overlap = (a: NodeBox, b: NodeBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function assertSane(graph: PipelineGraph, layout: GraphLayout, name: string): void {
  assert.deepEqual(
    layout.nodes.map((n) => n.id),
    graph.nodes.map((n) => n.id),
    name,
  );
  assert.deepEqual(
    layout.edges.map((e) => e.id),
    graph.edges.map((e) => e.id),
    name,
  );
  for (const box of layout.nodes) {
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width + 0.5 && box.y + box.height <= layout.height + 0.5, `${name}: ${box.id} inside`);
  }
  const sorted = [...layout.nodes].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].y < sorted[i].y + sorted[i].height; j++) {
      assert.ok(!overlap(sorted[i], sorted[j]), `${name}: ${sorted[i].id} overlaps ${sorted[j].id}`);
    }
  }
  for (const edge of layout.edges) {
    assert.ok(edge.points.length >= 2, `${name}: ${edge.id} has a route`);
    assert.ok(
      edge.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)),
      `${name}: ${edge.id} finite`,
    );
    assert.ok(
      edge.points.every((p) => p.x >= 0 && p.y >= 0 && p.x <= layout.width && p.y <= layout.height),
      `${name}: ${edge.id} inside`,
    );
  }
  const branchEdges = graph.edges.filter((e) => e.kind === "if" || e.kind === "else");
  for (const edge of branchEdges) assert.equal(layout.edges.find((e) => e.id === edge.id)!.label?.text, edge.kind, `${name}: ${edge.id} labelled`);
}

test("layout: every corpus definition is laid out without overlapping nodes, branch edges labelled", () => {
  for (const file of corpusFiles()) {
    const graph = graphFromText(corpusText(file)).graph!;
    assertSane(graph, layoutGraph(graph), file);
  }
});

test("layout: top to bottom, every edge goes down (abalone, and the 31-deep nesting)", () => {
  for (const file of ["aws-examples_abalone-2022-03.json", "airflow_nested-conditions-31.json"]) {
    const graph = graphFromText(corpusText(file)).graph!;
    const layout = layoutGraph(graph);
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    for (const edge of graph.edges) assert.ok(y.get(edge.from)! < y.get(edge.to)!, `${file}: ${edge.id}`);
  }
});

test("layout: pure and deterministic; cycles, self-loops and missing nodes are laid out too", () => {
  const graph = graphFromText(
    definition([
      { Name: "A", Type: "Processing", DependsOn: ["B", "Gone"], Arguments: {} },
      { Name: "B", Type: "Processing", Arguments: { In: { Get: "Steps.A.ProcessingJobName" } } },
      { Name: "Self", Type: "Processing", DependsOn: ["Self"], Arguments: {} },
    ]),
  ).graph!;
  const first = layoutGraph(graph);
  assertSane(graph, first, "cycle");
  assert.deepEqual(layoutGraph(graph), first);
  assert.deepEqual(layoutGraph({ nodes: [], edges: [] }), { width: 0, height: 0, nodes: [], edges: [] });
});

test("layout: names the service would refuse (spaces, quotes, separators, empty) are laid out all the same", () => {
  const names = ["with space", 'quo"te', "a\u0001b", "", "ünï", "__proto__", "constructor"];
  const graph = graphFromText(definition(names.map((Name, i) => ({ Name, Type: "Processing", DependsOn: i > 0 ? [names[i - 1]] : [], Arguments: {} })))).graph!;
  assert.equal(graph.nodes.length, names.length);
  assert.equal(graph.edges.length, names.length - 1);
  assertSane(graph, layoutGraph(graph), "odd names");
});

test("layout: a large definition (300 steps: the linear-time layering) is laid out sanely", () => {
  const graph = graphFromText(syntheticDefinition(300)).graph!;
  assert.equal(graph.nodes.length, 300);
  assertSane(graph, layoutGraph(graph), "synthetic 300");
});
