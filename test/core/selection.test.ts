import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSelection, buildModel, parseDocument, parseParameterAssignments, pipelineNameFromFile, stepDag } from "../../core/src";
import { abaloneLikeDefinition } from "../engine/helpers";

const dag = stepDag(buildModel(parseDocument(abaloneLikeDefinition()).root!));

test("selection: Train+Eval needs a reference for Process and skips everything after Eval", () => {
  assert.deepEqual(analyzeSelection(dag, ["Train", "Eval"]), {
    unknown: [],
    missingBetween: [],
    connected: true,
    reusedUpstream: ["Process"],
    skippedDownstream: ["Check", "Register", "TooHigh"],
    needReference: ["Train", "Eval"],
  });
});

test("selection: Train+Check is missing Eval, between them", () => {
  const result = analyzeSelection(dag, ["Train", "Check"]);
  assert.deepEqual(result.missingBetween, ["Eval"]);
  assert.equal(result.connected, false);
});

test("selection: Process+Train needs no reference; unknown names are reported", () => {
  assert.deepEqual(analyzeSelection(dag, ["Process", "Train"]).needReference, []);
  assert.deepEqual(analyzeSelection(dag, ["Process", "Trian"]).unknown, ["Trian"]);
});

test("selection: a branch step depends on its Condition", () => {
  const result = analyzeSelection(dag, ["Register"]);
  assert.deepEqual(result.reusedUpstream, ["Process", "Train", "Eval", "Check"]);
  assert.deepEqual(result.needReference, ["Register"]);
});

test("run parameters: NAME=VALUE assignments and pipeline names from files", () => {
  assert.deepEqual(parseParameterAssignments(["A=1", "B=x=y"]).values, { A: "1", B: "x=y" });
  assert.match(parseParameterAssignments(["oops"]).error ?? "", /NAME=VALUE/);
  assert.equal(pipelineNameFromFile("examples/abalone.pipeline.json"), "abalone");
  assert.equal(pipelineNameFromFile("my_pipeline_definition.json"), "my-pipeline-definition");
});
