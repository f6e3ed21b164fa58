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
  assert.deepEqual(layoutGraph({ nodes: [], edges: [] }), { width: 0, height: 0, nodes: [], edges: [], crossings: 0 });
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

/** Steps `names` with the given `Get` reads: `reads[name]` lists the steps it reads. */
function readsGraph(names: string[], reads: Record<string, string[]>): PipelineGraph {
  const steps = names.map((Name) => ({
    Name,
    Type: "Processing",
    Arguments: { Inputs: (reads[Name] ?? []).map((r) => ({ Get: `Steps.${r}.ProcessingJobName` })) },
  }));
  return graphFromText(definition(steps)).graph!;
}

test("layout: crossings are counted (K3,3 on two layers has 9, whatever the order) and removed when an order has none", () => {
  const k33 = readsGraph(["A", "B", "C", "X", "Y", "Z"], { X: ["A", "B", "C"], Y: ["A", "B", "C"], Z: ["A", "B", "C"] });
  assert.equal(layoutGraph(k33).crossings, 9);
  // Document order crosses (A→Y, B→X); the layout untangles it.
  const tangled = readsGraph(["A", "B", "X", "Y"], { Y: ["A"], X: ["B"] });
  const layout = layoutGraph(tangled);
  assert.equal(layout.crossings, 0);
  const x = new Map(layout.nodes.map((n) => [n.id, n.x]));
  assert.equal(Math.sign(x.get("A")! - x.get("B")!), Math.sign(x.get("Y")! - x.get("X")!), "A and Y on the same side");
  // A tree never crosses.
  const tree = readsGraph(["R", "A", "B", "A1", "A2", "B1", "B2"], { A: ["R"], B: ["R"], A1: ["A"], A2: ["A"], B1: ["B"], B2: ["B"] });
  assert.equal(layoutGraph(tree).crossings, 0);
});

test("layout: the 31-deep nesting and the 1,000-step definition lay out without overlaps; long edges bend, not cut through nodes' layers", () => {
  const graph = graphFromText(syntheticDefinition(1_000)).graph!;
  const layout = layoutGraph(graph);
  assertSane(graph, layout, "synthetic 1000");
  const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
  const ranks = [...new Set(layout.nodes.map((n) => n.y))].sort((a, b) => a - b);
  for (const edge of layout.edges) {
    const from = graph.edges.find((e) => e.id === edge.id)!;
    const crossed = ranks.filter((r) => r > y.get(from.from)! && r < y.get(from.to)!).length;
    if (from.from !== from.to && y.get(from.from)! < y.get(from.to)!) assert.equal(edge.points.length, crossed + 2, `${edge.id}: one bend per layer crossed`);
  }
});

/** For nodes in both layouts: how many moved (beyond a translation of the whole picture), and pairs on one row that swapped. */
function movement(before: GraphLayout, after: GraphLayout): { moved: number; kept: number; swapped: number } {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const both = after.nodes.filter((n) => old.has(n.id));
  const dx = median(both.map((n) => n.x - old.get(n.id)!.x));
  const dy = median(both.map((n) => n.y - old.get(n.id)!.y));
  let moved = 0;
  for (const n of both) if (Math.abs(n.x - dx - old.get(n.id)!.x) > 1 || Math.abs(n.y - dy - old.get(n.id)!.y) > 1) moved++;
  let swapped = 0;
  for (const a of both)
    for (const b of both) {
      const [oa, ob] = [old.get(a.id)!, old.get(b.id)!];
      if (a.id < b.id && oa.y === ob.y && a.y === b.y && Math.sign(oa.x - ob.x) !== Math.sign(a.x - b.x)) swapped++;
    }
  return { moved, kept: both.length - moved, swapped };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test("layout: seeded with the previous drawing, the same graph is drawn the same", () => {
  for (const text of [syntheticDefinition(100), corpusText("aws-examples_abalone-2022-03.json")]) {
    const graph = graphFromText(text).graph!;
    const first = layoutGraph(graph);
    const again = layoutGraph(graph, { previous: first });
    assert.deepEqual(
      again.nodes.map((n) => [n.id, Math.round(n.x), Math.round(n.y)]),
      first.nodes.map((n) => [n.id, Math.round(n.x), Math.round(n.y)]),
    );
  }
});

test("layout: adding a step keeps the picture (no swaps, most nodes in place); without the seed the order reshuffles", () => {
  const before = graphFromText(syntheticDefinition(100)).graph!;
  const definitionAfter = JSON.parse(syntheticDefinition(100));
  definitionAfter.Steps.splice(50, 0, { Name: "Added", Type: "Processing", Arguments: { In: { Get: "Steps.Step0040.ProcessingJobName" } } });
  definitionAfter.Steps[70].Arguments.Also = { Get: "Steps.Added.ProcessingJobName" };
  const after = graphFromText(JSON.stringify(definitionAfter)).graph!;
  assert.equal(after.nodes.length, before.nodes.length + 1);
  const first = layoutGraph(before);
  const seeded = layoutGraph(after, { previous: first });
  assertSane(after, seeded, "seeded");
  const kept = movement(first, seeded);
  assert.equal(kept.swapped, 0, "no two steps of a row trade places");
  assert.ok(kept.kept >= 0.7 * before.nodes.length, `most steps stay where they were: ${JSON.stringify(kept)}`);
  const fresh = movement(first, layoutGraph(after));
  assert.ok(fresh.swapped > 0 && fresh.kept < kept.kept, `the unseeded layout reshuffles (else this test shows nothing): ${JSON.stringify(fresh)}`);

  // A removed step: the others keep their order too.
  const removed = JSON.parse(syntheticDefinition(100));
  removed.Steps.splice(60, 1);
  const smaller = graphFromText(JSON.stringify(removed)).graph!;
  const afterRemoval = layoutGraph(smaller, { previous: first });
  assertSane(smaller, afterRemoval, "after a removal");
  assert.equal(movement(first, afterRemoval).swapped, 0);
});
