import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { collapseBranches, collapsibleConditions, graphFromText, shapeKey } from "../../../core/src/graph-view";
import { layoutGraph } from "../../../core/src/graph-view/layout";
import { generatePipelineText } from "../../helpers/generate-pipeline";
import { corpusText, definition } from "./corpus";

const abalone = () => graphFromText(corpusText("aws-examples_abalone-2022-03.json")).graph!;

test("collapse: a Condition's folded branches hide their steps; edges to them end at the Condition, once per kind", () => {
  const graph = abalone();
  assert.deepEqual(collapsibleConditions(graph), ["AbaloneMSECond"]);
  const before = JSON.stringify(graph);
  const folded = collapseBranches(graph, ["AbaloneMSECond"]);
  assert.equal(JSON.stringify(graph), before, "the input graph is not changed");
  assert.deepEqual(
    folded.nodes.map((n) => n.id),
    ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneMSECond"],
  );
  const cond = folded.nodes.find((n) => n.id === "AbaloneMSECond")!;
  assert.deepEqual([...cond.collapsed!].sort(), ["AbaloneCreateModel", "AbaloneMSEFail", "AbaloneRegisterModel", "AbaloneTransform"]);
  const ids = folded.edges.map((e) => e.id).sort();
  // The branch steps read AbaloneTrain (model artifacts) and AbaloneEval (the evaluation report): now the Condition does.
  assert.ok(ids.includes("data:AbaloneTrain->AbaloneMSECond"), ids.join());
  assert.ok(!ids.some((id) => id.startsWith("if:") || id.startsWith("else:")), `no branch edge inside the fold: ${ids.join()}`);
  assert.equal(new Set(ids).size, ids.length, "edge ids stay unique");
  for (const edge of folded.edges) assert.equal(edge.id, `${edge.kind}:${edge.from}->${edge.to}`);
  const merged = folded.edges.find((e) => e.id === "data:AbaloneTrain->AbaloneMSECond")!;
  assert.ok(merged.properties!.length > 0, "the properties read by the folded steps are kept");
  assert.notEqual(shapeKey(folded), shapeKey(graph));
  const layout = layoutGraph(folded);
  assert.deepEqual(
    layout.nodes.map((n) => n.id),
    folded.nodes.map((n) => n.id),
  );
  assert.equal(collapseBranches(graph, []), graph, "nothing folded: the same graph");
  assert.equal(collapseBranches(graph, ["AbaloneTrain"]).nodes.length, graph.nodes.length, "a step that is no Condition folds nothing");
});

test("collapse: nested Conditions fold into the outermost folded one; an edge from outside into the fold keeps its kind", () => {
  const graph = graphFromText(corpusText("airflow_nested-conditions-31.json")).graph!;
  const conditions = collapsibleConditions(graph);
  assert.ok(conditions.length >= 30, `${conditions.length} conditions with branches`);
  const outer = graph.nodes.find((n) => n.id === conditions[0])!;
  assert.equal(outer.depth, 0);
  const folded = collapseBranches(graph, [conditions[0], conditions[5]]);
  const hidden = graph.nodes.filter((n) => n.depth > 0).length;
  assert.equal(folded.nodes.length, graph.nodes.length - hidden);
  assert.equal(folded.nodes.find((n) => n.id === conditions[0])!.collapsed!.length, hidden);
  for (const edge of folded.edges) assert.ok(folded.nodes.some((n) => n.id === edge.from) && folded.nodes.some((n) => n.id === edge.to), edge.id);
});

test("collapse: DependsOn into a folded step, a missing step and a cycle through the fold keep their marks", () => {
  const graph = graphFromText(
    definition([
      { Name: "Before", Type: "Processing", Arguments: { X: { Get: "Steps.Inner.ProcessingJobName" } } },
      {
        Name: "Cond",
        Type: "Condition",
        DependsOn: ["Before"],
        Arguments: {
          Conditions: [],
          IfSteps: [{ Name: "Inner", Type: "Processing", DependsOn: ["Gone", "Before"], Arguments: {} }],
          ElseSteps: [],
        },
      },
      { Name: "After", Type: "Processing", DependsOn: ["Inner"], Arguments: {} },
    ]),
  ).graph!;
  const folded = collapseBranches(graph, ["Cond"]);
  const ids = folded.edges.map((e) => e.id).sort();
  assert.deepEqual(ids, ["data:Cond->Before", "dependsOn:?Gone->Cond", "dependsOn:Before->Cond", "dependsOn:Cond->After"]);
  assert.ok(folded.edges.find((e) => e.id === "dependsOn:?Gone->Cond")!.broken);
  assert.ok(folded.edges.find((e) => e.id === "data:Cond->Before")!.cycle, "Before reads Inner, which depends on Before: a cycle");
});

test("the E2E's 200-step definition is the generator's (test/helpers/generate-pipeline.ts), with Conditions to fold", () => {
  const text = readFileSync(join(import.meta.dirname, "../../e2e/fixtures/pipeline-200.json"), "utf8");
  assert.equal(text, generatePipelineText(200), "regenerate it with generatePipelineText(200)");
  const graph = graphFromText(text).graph!;
  assert.equal(graph.nodes.length, 200);
  const conditions = collapsibleConditions(graph);
  assert.equal(conditions.length, 13);
  assert.equal(collapseBranches(graph, conditions).nodes.length, 200 - 13 * 4);
});
