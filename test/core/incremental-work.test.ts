/** The incremental analysis counts its work: an edit inside one step parses, models and schema-checks that step only. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../core/src/analyze";
import { IncrementalAnalyzer, noWork, type IncrementalWork } from "../../core/src/incremental/analyzer";
import type { StepFacet } from "../../core/src/incremental/step-interface";
import { buildModel } from "../../core/src/model";
import { parseDocument } from "../../core/src/parse";
import { RuleContext } from "../../core/src/rule";
import { pipelineRules } from "../../core/src/rules";
import { generatePipelineText } from "../helpers/generate-pipeline";

/** The rules whose findings an edit that changes no step's interface moves instead of running them. */
const ACROSS_STEPS = pipelineRules.filter((rule) => rule.acrossSteps).length;

/** The rules across steps that do not read `facet` of a step's interface: an edit that changes only that facet keeps their findings. */
const acrossStepsWithout = (facet: StepFacet) => pipelineRules.filter((rule) => rule.acrossSteps && !rule.acrossSteps.includes(facet)).length;

/** The rules that check one step at a time (they hand their findings over every step to the analysis to keep). */
const STEP_RULES = (() => {
  const document = parseDocument(generatePipelineText(5));
  const model = buildModel(document.root!);
  return pipelineRules.filter((rule) => {
    let kept = false;
    const stepFindings = { within: (_rule: string, _step: unknown, compute: () => never[]) => compute(), moved: () => undefined, keep: () => (kept = true) };
    rule.check(new RuleContext(document, document.root!, model, undefined, stepFindings));
    return kept;
  }).length;
})();

/** The work of an update: `done`, and nothing else. */
function work(done: Partial<IncrementalWork>): IncrementalWork {
  return { ...noWork(), ...done };
}

function edited(text: string, at: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at);
}

test("an edit inside one step of 200 (the last S3 URI) re-parses, re-models and re-validates that step only", () => {
  const text = generatePipelineText(200);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  // 200 steps, of which those in Condition branches are nested in a top-level one.
  const topLevel = (JSON.parse(text) as { Steps: unknown[] }).Steps.length;
  assert.ok(topLevel > 100);
  assert.deepEqual(
    analyzer.work,
    work({
      fullParses: 1,
      stepsModelled: topLevel,
      stepsValidated: topLevel,
      modelsAssembled: 1,
      namesListed: 1,
    }),
  );

  const at = text.lastIndexOf("s3://") + 5;
  const next = edited(text, at, "x");
  analyzer.update(next);
  const result = analyzer.analyze();
  // The rules across steps are not run: the step's names, types and references are unchanged, so are their findings.
  assert.deepEqual(
    analyzer.work,
    work({
      elementsParsed: 1,
      stepsModelled: 1,
      stepsValidated: 1,
      rulesAcrossStepsReused: ACROSS_STEPS,
      // The rules that check one step at a time checked the edited one; the others' findings moved.
      stepRulesMoved: STEP_RULES,
      // Nothing else: the model's steps, references and names were updated from the one step's part.
    }),
  );
  assert.deepEqual(result.diagnostics, analyze(next).diagnostics);
});

test("renaming a step re-checks the references to it (cross-step rules) but validates only the renamed step", () => {
  const text = generatePipelineText(100);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  const at = text.indexOf('"Name": "Prep0"') + '"Name": "Prep'.length;
  const next = edited(text, at, "X");
  analyzer.update(next, { start: at, end: at, newEnd: at + 1 });
  const result = analyzer.analyze();
  // The names are listed again (a name changed); the steps and references are updated from the renamed step's part.
  assert.deepEqual(
    analyzer.work,
    work({
      elementsParsed: 1,
      stepsModelled: 1,
      stepsValidated: 1,
      // The rules across steps that read no name keep their findings; the others run again.
      rulesAcrossStepsReused: acrossStepsWithout("names"),
      stepRulesMoved: STEP_RULES,
      namesListed: 1,
    }),
  );
  const unknown = result.diagnostics.filter((d) => d.code === "reference-unknown-step");
  assert.ok(unknown.length > 0, "the references to Prep0 are now unknown");
  assert.deepEqual(result.diagnostics, analyze(next).diagnostics);
});

test("the rules that check one step at a time keep their findings over edits whose versions are never analysed", () => {
  const text = generatePipelineText(50).replace('"ExpireAfter": "P30D"', '"ExpireAfter": "30 days"');
  assert.notEqual(text, generatePipelineText(50));
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  const first = analyzer.analyze().diagnostics.filter((d) => d.code === "cache-expire-after-invalid");
  assert.equal(first.length, 1);
  // Two edits in other steps, each parsed (a request asked) but not analysed, then one analysis.
  let current = text;
  for (const from of [0.5, 0.9]) {
    const at = current.indexOf("s3://", Math.floor(current.length * from)) + "s3://".length;
    current = edited(current, at, "xy");
    const parsed = analyzer.update(current, { start: at, end: at, newEnd: at + 2 });
    analyzer.prepare(parsed.root!);
  }
  const result = analyzer.analyze();
  assert.equal(analyzer.work.stepRulesMoved, STEP_RULES);
  assert.deepEqual(result.diagnostics, analyze(current).diagnostics);
  assert.equal(result.diagnostics.filter((d) => d.code === "cache-expire-after-invalid").length, 1);
});

test("the rules across steps that run again after an edit are those that read what it changed: a DependsOn entry, a Type", () => {
  const text = generatePipelineText(60);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  // A DependsOn entry names a step that does not exist: the two rules that read DependsOn run again, and say so.
  const dependsOn = text.indexOf('"', text.indexOf('"DependsOn": [') + '"DependsOn": ['.length) + 1;
  const unknown = edited(text, dependsOn, "Gone");
  analyzer.update(unknown, { start: dependsOn, end: dependsOn, newEnd: dependsOn + 4 });
  const result = analyzer.analyze();
  const readers = pipelineRules.filter((rule) => rule.acrossSteps?.includes("dependsOn")).map((rule) => rule.code);
  assert.deepEqual(readers.sort(), ["dependency-cycle", "depends-on-unknown-step"]);
  assert.equal(analyzer.work.rulesAcrossStepsReused, ACROSS_STEPS - readers.length);
  assert.deepEqual(result.diagnostics, analyze(unknown).diagnostics);
  assert.ok(result.diagnostics.some((d) => d.code === "depends-on-unknown-step"));
  // A Type decides which arrays hold nested steps: every rule across steps runs again.
  const type = unknown.indexOf('"Type": "Processing"', unknown.length / 2) + '"Type": "'.length;
  const retyped = unknown.slice(0, type) + "Training" + unknown.slice(type + "Processing".length);
  analyzer.update(retyped, { start: type, end: type + "Processing".length, newEnd: type + "Training".length });
  const again = analyzer.analyze();
  assert.equal(analyzer.work.rulesAcrossStepsReused, 0);
  assert.deepEqual(again.diagnostics, analyze(retyped).diagnostics);
});

test("a change outside every step (a new parameter) parses the whole text again, with the same result", () => {
  const text = generatePipelineText(20);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  const at = text.indexOf('"Parameters": [') + '"Parameters": ['.length;
  const next = edited(text, at, '{"Name": "Extra", "Type": "String"},');
  analyzer.update(next);
  const result = analyzer.analyze();
  assert.equal(analyzer.work.fullParses, 1);
  assert.deepEqual(result.diagnostics, analyze(next).diagnostics);
  assert.ok(result.diagnostics.some((d) => d.code === "parameter-unused"));
});

test("the same text again costs nothing", () => {
  const text = generatePipelineText(20);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  analyzer.update(`${text}`);
  analyzer.analyze();
  assert.deepEqual(
    analyzer.work,
    work({
      stepRulesMoved: STEP_RULES,
    }),
  );
});

test("an edit inside a step that moves a finding of a rule across steps (a reference before it in the step) moves it; one inside it runs the rule again", () => {
  const text = generatePipelineText(30).replace('"Get": "Steps.Prep0.', '"Get": "Steps.Prep0X.');
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  const first = analyzer.analyze().diagnostics.filter((d) => d.code === "reference-unknown-step");
  assert.equal(first.length, 1);
  // Typed just before the {"Get": …} holding the unknown reference, inside the same step: the finding moves by one.
  const before = text.lastIndexOf("{", first[0].start);
  const typed = edited(text, before, " ");
  analyzer.update(typed, { start: before, end: before, newEnd: before + 1 });
  const moved = analyzer.analyze();
  assert.equal(analyzer.work.rulesAcrossStepsReused, ACROSS_STEPS);
  assert.deepEqual(moved.diagnostics, analyze(typed).diagnostics);
  assert.equal(moved.diagnostics.find((d) => d.code === "reference-unknown-step")?.start, first[0].start + 1);
  // The reference itself repaired: the step's references change, every rule across steps that reads them runs.
  const repaired = typed.slice(0, typed.indexOf("Prep0X")) + "Prep0" + typed.slice(typed.indexOf("Prep0X") + "Prep0X".length);
  analyzer.update(repaired);
  const after = analyzer.analyze();
  assert.equal(analyzer.work.rulesAcrossStepsReused, acrossStepsWithout("references"));
  assert.deepEqual(after.diagnostics, analyze(repaired).diagnostics);
  assert.ok(!after.diagnostics.some((d) => d.code === "reference-unknown-step"));
});

test("an edit inside a parameter re-parses that parameter only and validates no step", () => {
  const text = generatePipelineText(100);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  analyzer.analyze();
  const at = text.indexOf('"DefaultValue": "s3://') + '"DefaultValue": "s3://'.length;
  const next = edited(text, at, "x");
  analyzer.update(next);
  const result = analyzer.analyze();
  assert.deepEqual(
    analyzer.work,
    work({
      elementsParsed: 1,
      stepRulesMoved: STEP_RULES,
    }),
  );
  assert.deepEqual(result.diagnostics, analyze(next).diagnostics);
});

test("a reference changed inside a step updates the model from that step: the references move, the names stay", () => {
  const text = generatePipelineText(100);
  const analyzer = new IncrementalAnalyzer();
  analyzer.update(text);
  const before = analyzer.analyze();
  const at = text.lastIndexOf('"Get": "Steps.') + '"Get": "Steps.'.length;
  const next = edited(text, at, "Gone");
  analyzer.update(next, { start: at, end: at, newEnd: at + 4 });
  const result = analyzer.analyze();
  assert.equal(analyzer.work.modelsAssembled, 0);
  assert.equal(analyzer.work.namesListed, 0);
  assert.equal(analyzer.work.rulesAcrossStepsReused, acrossStepsWithout("references"));
  assert.equal(analyzer.work.stepRulesMoved, STEP_RULES);
  const fresh = analyze(next);
  assert.deepEqual(result.diagnostics, fresh.diagnostics);
  assert.ok(result.diagnostics.length > before.diagnostics.length, "the changed reference names no step");
  // The model the analyzer updated in place lists what a model built from scratch lists, in the same order.
  const names = (analysis: typeof result) => [...analysis.model!.stepsByName].map(([name, step]) => `${name}@${step.node.offset}`);
  assert.deepEqual(names(result), names(fresh));
  assert.deepEqual(
    result.model!.references.map((r) => `${r.text}@${r.node.offset}`),
    fresh.model!.references.map((r) => `${r.text}@${r.node.offset}`),
  );
});
