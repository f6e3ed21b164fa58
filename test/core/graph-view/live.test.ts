import assert from "node:assert/strict";
import { test } from "node:test";
import { LiveGraph, nodeAtOffset } from "../../../core/src/graph-view";
import { corpusText, definition } from "./corpus";

const two = definition([
  { Name: "A", Type: "Processing", Arguments: {} },
  { Name: "B", Type: "Processing", DependsOn: ["A"], Arguments: {} },
]);

test("live: a clean text is drawn as it is, semantic errors included", () => {
  const live = new LiveGraph();
  const view = live.update(definition([{ Name: "B", Type: "Processing", DependsOn: ["Nope"], Arguments: {} }]));
  assert.equal(view.stale, false);
  assert.equal(view.note, undefined);
  assert.deepEqual(
    view.graph.edges.map((e) => [e.id, e.broken]),
    [["dependsOn:?Nope->B", true]],
  );
});

test("live: while the text has syntax errors, the last good graph stays (marked stale)", () => {
  const live = new LiveGraph();
  const good = live.update(two);
  const typing = live.update(two.replace(`"DependsOn"`, `"DependsOn`));
  assert.equal(typing.stale, true);
  assert.match(typing.note!, /syntax error.*last good graph/);
  assert.equal(typing.graph, good.graph);
  const fixed = live.update(two.replace(`"DependsOn": [`, `"DependsOn": ["C", `));
  assert.equal(fixed.stale, false);
  assert.deepEqual(
    fixed.graph.nodes.map((n) => n.id),
    ["A", "B", "?C"],
  );
});

test("live: before any good text, the partial graph is drawn; with nothing to draw, an empty graph", () => {
  const live = new LiveGraph();
  const partial = live.update(two.slice(0, two.indexOf(`"DependsOn"`)));
  assert.equal(partial.stale, true);
  assert.match(partial.note!, /showing what could be read/);
  assert.deepEqual(
    partial.graph.nodes.map((n) => n.id),
    ["A", "B"],
  );
  const nothing = new LiveGraph().update("{");
  assert.deepEqual(nothing.graph, { nodes: [], edges: [] });
  assert.match(nothing.note!, /nothing to draw/);
});

test("live: a node's name span comes from the latest text that still has it", () => {
  const live = new LiveGraph();
  live.update(two);
  const shifted = `   ${two.replace(`"DependsOn"`, `"DependsOn`)}`;
  live.update(shifted);
  const span = live.nameSpanOf("B")!;
  assert.equal(shifted.slice(span.start, span.end), `"B"`);
  assert.equal(live.nameSpanOf("Nope"), undefined);
  assert.equal(live.nodeAt(span.start + 1), "B");
});

test("cursor: the innermost step holding the offset, 30 Condition levels deep", () => {
  const text = corpusText("airflow_nested-conditions-31.json");
  const live = new LiveGraph();
  const { graph } = live.update(text);
  for (const n of graph.nodes) {
    assert.equal(nodeAtOffset(graph, n.nameSpan!.start + 1), n.id, n.id);
  }
  assert.equal(nodeAtOffset(graph, 0), undefined);
});
