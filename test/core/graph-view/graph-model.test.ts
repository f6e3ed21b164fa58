import assert from "node:assert/strict";
import { test } from "node:test";
import { graphFromText, type PipelineGraph } from "../../../core/src/graph-view";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusFiles, corpusText, definition } from "./corpus";

const graphOf = (text: string): PipelineGraph => {
  const { graph } = graphFromText(text);
  assert.ok(graph, "a graph");
  return graph;
};
const edgeIds = (graph: PipelineGraph) => graph.edges.map((e) => e.id).sort();
const node = (graph: PipelineGraph, id: string) => graph.nodes.find((n) => n.id === id)!;

test("corpus: every definition gives a graph whose edges join its nodes, with no broken edge and no cycle", () => {
  const files = corpusFiles();
  assert.ok(files.length >= 30, `corpus files: ${files.length}`);
  for (const file of files) {
    const graph = graphOf(corpusText(file));
    const ids = new Set(graph.nodes.map((n) => n.id));
    assert.equal(ids.size, graph.nodes.length, `${file}: unique node ids`);
    assert.ok(graph.nodes.length >= 1, file);
    for (const edge of graph.edges) {
      assert.ok(ids.has(edge.from) && ids.has(edge.to), `${file}: ${edge.id}`);
      assert.equal(edge.broken, false, `${file}: ${edge.id} broken`);
      assert.equal(edge.cycle, false, `${file}: ${edge.id} on a cycle`);
    }
    assert.ok(
      graph.nodes.every((n) => n.kind === "step" && !n.cycle),
      file,
    );
  }
});

test("corpus: abalone has data edges with their property paths and a labelled if/else Condition", () => {
  const graph = graphOf(corpusText("aws-examples_abalone-2022-03.json"));
  assert.deepEqual(edgeIds(graph), [
    "data:AbaloneCreateModel->AbaloneTransform",
    "data:AbaloneEval->AbaloneMSECond",
    "data:AbaloneProcess->AbaloneEval",
    "data:AbaloneProcess->AbaloneTrain",
    "data:AbaloneTrain->AbaloneCreateModel",
    "data:AbaloneTrain->AbaloneEval",
    "data:AbaloneTrain->AbaloneRegisterModel",
    "else:AbaloneMSECond->AbaloneMSEFail",
    "if:AbaloneMSECond->AbaloneCreateModel",
    "if:AbaloneMSECond->AbaloneRegisterModel",
    "if:AbaloneMSECond->AbaloneTransform",
  ]);
  const train = graph.edges.find((e) => e.id === "data:AbaloneProcess->AbaloneTrain")!;
  assert.deepEqual(train.properties, ["ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri", "ProcessingOutputConfig.Outputs['validation'].S3Output.S3Uri"]);
  assert.deepEqual(graph.edges.find((e) => e.id === "data:AbaloneEval->AbaloneMSECond")!.properties, ["PropertyFiles.EvaluationReport"]);
  const fail = node(graph, "AbaloneMSEFail");
  assert.equal(fail.condition, "AbaloneMSECond");
  assert.equal(fail.branch, "else");
  assert.equal(fail.depth, 1);
  assert.equal(fail.stepType, "Fail");
  assert.equal(node(graph, "AbaloneTransform").branch, "if");
  assert.equal(node(graph, "AbaloneProcess").depth, 0);
});

test("corpus: DependsOn edges are their own kind (fraud detection)", () => {
  const graph = graphOf(corpusText("aws-examples_fraud-detection-e2e.json"));
  const dependsOn = graph.edges
    .filter((e) => e.kind === "dependsOn")
    .map((e) => e.id)
    .sort();
  assert.deepEqual(dependsOn, ["dependsOn:ClaimsDataWranglerProcessingStep->CreateDataset", "dependsOn:CustomersDataWranglerProcessingStep->CreateDataset"]);
});

test("corpus: 31 Condition steps nested 30 deep give a chain of 30 `if` edges", () => {
  const text = corpusText("airflow_nested-conditions-31.json");
  const graph = graphOf(text);
  assert.equal(graph.nodes.length, 31);
  assert.equal(graph.edges.length, 30);
  assert.ok(graph.edges.every((e) => e.kind === "if" && !e.broken && !e.cycle));
  assert.ok(graph.nodes.every((n) => n.stepType === "Condition"));
  const depths = graph.nodes.map((n) => n.depth).sort((a, b) => a - b);
  assert.deepEqual(
    depths,
    Array.from({ length: 31 }, (_, i) => i),
  );
  // Each step but the outermost hangs off the Condition one level up, and its span lies inside that Condition's span.
  for (const n of graph.nodes) {
    if (n.depth === 0) continue;
    const parent = node(graph, n.condition!);
    assert.equal(parent.depth, n.depth - 1);
    assert.ok(parent.span!.start < n.span!.start && n.span!.end < parent.span!.end);
    assert.equal(text.slice(n.nameSpan!.start, n.nameSpan!.end), JSON.stringify(n.name));
  }
});

test("a Get of a Condition's Outcome is a data edge (condition then fail)", () => {
  const graph = graphOf(corpusText("sdk-test_condition-then-fail-join.json"));
  assert.deepEqual(edgeIds(graph), ["data:CondStep->FailStep"]);
  assert.deepEqual(graph.edges[0].properties, ["Outcome"]);
});

test("broken references end at a missing node and are marked broken", () => {
  const graph = graphOf(
    definition([
      { Name: "A", Type: "Processing", Arguments: {} },
      {
        Name: "B",
        Type: "Training",
        DependsOn: ["A", "Gone"],
        Arguments: { X: { Get: "Steps.Nope.ModelArtifacts.S3ModelArtifacts" }, Y: { Get: "Steps.A.ProcessingJobName" } },
      },
    ]),
  );
  assert.deepEqual(edgeIds(graph), ["data:?Nope->B", "data:A->B", "dependsOn:?Gone->B", "dependsOn:A->B"]);
  const broken = graph.edges
    .filter((e) => e.broken)
    .map((e) => e.id)
    .sort();
  assert.deepEqual(broken, ["data:?Nope->B", "dependsOn:?Gone->B"]);
  const missing = graph.nodes.filter((n) => n.kind === "missing");
  assert.deepEqual(
    missing.map((n) => [n.id, n.label, n.problems]),
    [
      ["?Gone", "Gone", ["missing"]],
      ["?Nope", "Nope", ["missing"]],
    ],
  );
  assert.equal(missing[0].span, undefined);
});

test("cycles are marked on their edges and nodes, whatever the edge kinds; other edges are not", () => {
  const graph = graphOf(
    definition([
      { Name: "Start", Type: "Processing", Arguments: {} },
      { Name: "A", Type: "Processing", DependsOn: ["B", "Start"], Arguments: {} },
      { Name: "B", Type: "Processing", Arguments: { In: { Get: "Steps.A.ProcessingJobName" } } },
      { Name: "Self", Type: "Processing", DependsOn: ["Self"], Arguments: {} },
    ]),
  );
  const cyclic = graph.edges
    .filter((e) => e.cycle)
    .map((e) => e.id)
    .sort();
  assert.deepEqual(cyclic, ["data:A->B", "dependsOn:B->A", "dependsOn:Self->Self"]);
  assert.equal(graph.edges.find((e) => e.id === "dependsOn:Start->A")!.cycle, false);
  assert.deepEqual(
    graph.nodes
      .filter((n) => n.cycle)
      .map((n) => n.id)
      .sort(),
    ["A", "B", "Self"],
  );
});

test("a branch step that reads its own Condition's outcome is no cycle: both edges run from the Condition", () => {
  const graph = graphOf(
    definition([
      {
        Name: "C",
        Type: "Condition",
        Arguments: { Conditions: [], IfSteps: [{ Name: "F", Type: "Fail", Arguments: { ErrorMessage: { Get: "Steps.C.Outcome" } } }], ElseSteps: [] },
      },
    ]),
  );
  assert.deepEqual(graph.edges.map((e) => [e.id, e.cycle]).sort(), [
    ["data:C->F", false],
    ["if:C->F", false],
  ]);
});

test("duplicate and unnamed steps are nodes of their own; edges resolve names to the first step", () => {
  const graph = graphOf(
    definition([
      { Name: "A", Type: "Processing", Arguments: {} },
      { Name: "A", Type: "Training", Arguments: {} },
      { Type: "Processing", DependsOn: ["A"], Arguments: {} },
    ]),
  );
  assert.deepEqual(
    graph.nodes.map((n) => [n.id, n.label, n.problems]),
    [
      ["A", "A", []],
      ["A#2", "A", ["duplicate-name"]],
      ["#2", "(unnamed step 3)", ["unnamed"]],
    ],
  );
  assert.deepEqual(edgeIds(graph), ["dependsOn:A->#2"]);
});

test("no graph without a Steps array", () => {
  assert.equal(graphFromText(`{"Version": "2020-12-01"}`).graph, undefined);
  assert.equal(graphFromText(`[1, 2]`).graph, undefined);
  assert.deepEqual(graphFromText(`{"Steps": []}`).graph, { nodes: [], edges: [] });
});

test("SDK v3 ForEach: an `each` edge from the ForEach step to each body step, which knows its ForEach", () => {
  const text = readFileSync(join(import.meta.dirname, "../../fixtures/sdk/v3/sdk-for-each.json"), "utf8");
  const graph = graphOf(text);
  const each = graph.edges.filter((e) => e.kind === "each").map((e) => e.id);
  assert.deepEqual(each.sort(), ["each:PerLiteral->ProcessItem", "each:PerRegion->ScoreRegion"]);
  assert.equal(node(graph, "ScoreRegion").forEach, "PerRegion");
  assert.equal(node(graph, "PerRegion").forEach, undefined);
  // The step after the loops reads them: data edges from the ForEach steps, none from their body steps.
  assert.ok(graph.edges.some((e) => e.id === "data:PerRegion->UseBest"));
  assert.ok(!graph.edges.some((e) => e.from === "ScoreRegion" && e.kind !== "each" && e.to !== "PerRegion"));
});
