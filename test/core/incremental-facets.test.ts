/**
 * The rules across steps keep their findings over an edit that changes no facet of a step's interface they read
 * (`Rule.acrossSteps`). Random edits seldom make a cycle or turn a reference's target into another step; these
 * sequences do, each edit changing one facet, and the result must equal an analysis from scratch after every edit.
 * Each sequence fails when the facet it changes is left out of the rule's list (checked by removing it).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../core/src/analyze";
import { IncrementalAnalyzer } from "../../core/src/incremental/analyzer";
import { generatePipelineText } from "../helpers/generate-pipeline";

interface Edit {
  /** The step whose text is edited (its `"Name": "…"` is found first; the edit is the first `from` after it). */
  step: string;
  from: string;
  to: string;
}

function apply(text: string, { step, from, to }: Edit): { text: string; change: { start: number; end: number; newEnd: number } } {
  const inStep = text.indexOf(`"Name": "${step}"`);
  assert.ok(inStep >= 0, `no step ${step}`);
  const start = text.indexOf(from, inStep);
  assert.ok(start >= 0, `no '${from}' after step ${step}`);
  return { text: text.slice(0, start) + to + text.slice(start + from.length), change: { start, end: start + from.length, newEnd: start + to.length } };
}

/** Applies the edits one by one, comparing with a full analysis after each; returns the last diagnostics' codes. */
function run(edits: Edit[]): string[] {
  let text = generatePipelineText(20);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  let codes: string[] = [];
  for (const [index, edit] of edits.entries()) {
    const next = apply(text, edit);
    text = next.text;
    analyzer.update(text, next.change);
    const diagnostics = analyzer.analyze().diagnostics;
    assert.deepEqual(diagnostics, analyze(text).diagnostics, `after edit ${index + 1} (${edit.step}: '${edit.from}' → '${edit.to}')`);
    codes = diagnostics.map((d) => d.code);
  }
  return codes;
}

test("a cycle made by a DependsOn entry, by a rename and by a reference", () => {
  // Tune0 gets a DependsOn (its shape changes), then it names Notify0, which depends on Tune0.
  const byDependsOn = run([
    { step: "Tune0", from: '"Type": "Tuning",', to: '"Type": "Tuning", "DependsOn": ["Prep0"],' },
    { step: "Tune0", from: '"Prep0"', to: '"Notify0"' },
  ]);
  assert.ok(byDependsOn.includes("dependency-cycle"));
  // Tune0 depends on a step that does not exist yet; Notify0 is renamed to it.
  const byRename = run([
    { step: "Tune0", from: '"Type": "Tuning",', to: '"Type": "Tuning", "DependsOn": ["NotifyX"],' },
    { step: "Notify0", from: '"Notify0"', to: '"NotifyX"' },
  ]);
  assert.ok(byRename.includes("dependency-cycle"));
  // Prep0 reads Spark0's output, and Spark0 depends on Prep0.
  const byReference = run([{ step: "Prep0", from: '"Parameters.InputData"', to: '"Steps.Spark0.ProcessingJobName"' }]);
  assert.ok(byReference.includes("dependency-cycle"));
});

test("a property file's output renamed, then its step renamed (the message names it)", () => {
  const codes = run([
    { step: "Eval0", from: '"EvaluationReport",\n          "OutputName": "evaluation"', to: '"EvaluationReport",\n          "OutputName": "evaluationX"' },
    { step: "Eval0", from: '"Eval0"', to: '"Eval0Y"' },
  ]);
  assert.ok(codes.includes("property-file-unknown-output"));
});

test("a reference whose target becomes another step by a rename: its property path and its output are checked again", () => {
  const property = run([
    { step: "Model0", from: '"Steps.Train0.ModelArtifacts', to: '"Steps.TrainZ.ModelArtifacts' },
    { step: "Prep0", from: '"Prep0"', to: '"TrainZ"' },
  ]);
  assert.ok(property.includes("reference-invalid-property"));
  const output = run([
    { step: "Train0", from: '"Steps.Prep0.ProcessingOutputConfig', to: '"Steps.EvalQ.ProcessingOutputConfig' },
    { step: "Eval0", from: '"Eval0"', to: '"EvalQ"' },
  ]);
  assert.ok(output.includes("reference-unknown-output"));
});

test("a reference edited into a .Properties path and to an undeclared output", () => {
  assert.ok(
    run([{ step: "Model0", from: '"Steps.Train0.ModelArtifacts', to: '"Steps.Train0.Properties.ModelArtifacts' }]).includes("reference-properties-segment"),
  );
  assert.ok(run([{ step: "Train0", from: "Outputs['train']", to: "Outputs['trainX']" }]).includes("reference-unknown-output"));
});
