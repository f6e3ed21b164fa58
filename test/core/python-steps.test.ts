import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { definitionStepsOf, isPythonPipelineSource, pythonStepCalls, pythonStepsInRanges } from "../../core/src";

const example = readFileSync(join(import.meta.dirname, "../../examples/python/pipeline.py"), "utf8");
const offsetOf = (text: string, needle: string, from = 0) => {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} is in the source`);
  return at;
};

test("pythonStepCalls: the example's step constructors with their name literals; parameters and property files are not steps", () => {
  const calls = pythonStepCalls(example);
  assert.deepEqual(
    calls.map((c) => c.name),
    ["AbaloneProcess", "AbaloneTrain", "AbaloneEval", "AbaloneRegisterModel", "AbaloneMSEFail", "AbaloneMSECond"],
  );
  const train = calls[1];
  assert.equal(example.slice(train.literal.start, train.literal.end), `"AbaloneTrain"`);
  assert.ok(example.slice(train.start, train.end).startsWith("TrainingStep("));
  assert.ok(example.slice(train.start, train.end).endsWith("cache_config=cache,\n    )"));
});

test("pythonStepCalls: qualified callees, @step decorators, RegisterModel; a computed or nested name= is not the step's", () => {
  const source = [
    `a = sagemaker.workflow.steps.ProcessingStep(name="Qualified", step_args=x)`,
    `@step(name="Decorated", instance_type="ml.m5.large")`,
    `def work(): pass`,
    `r = RegisterModel(name='Reg', estimator=e)`,
    `c = TrainingStep(name="Pre" + suffix, step_args=y)`,
    `d = TrainingStep(step_args=fit(name="NotTheStep"), name="Outer")`,
    `e = ProcessingStep(  # a comment with name="InComment"`,
    `    name = "Spaced",`,
    `)`,
    `p = ParameterString(name="NotAStep")`,
    `s = "ProcessingStep(name='InAString')"`,
  ].join("\n");
  assert.deepEqual(
    pythonStepCalls(source).map((c) => c.name),
    ["Qualified", "Decorated", "Reg", "Outer", "Spaced"],
  );
});

test("pythonStepsInRanges: the innermost step around the cursor; a range collects every step it overlaps", () => {
  const inTrain = offsetOf(example, "content_type=", offsetOf(example, "AbaloneTrain"));
  assert.deepEqual(pythonStepsInRanges(example, [{ start: inTrain, end: inTrain }]), ["AbaloneTrain"]);
  const onRegister = offsetOf(example, "AbaloneRegisterModel");
  assert.deepEqual(pythonStepsInRanges(example, [{ start: onRegister, end: onRegister }]), ["AbaloneRegisterModel"]);
  const outside = offsetOf(example, "evaluation_report = PropertyFile");
  assert.deepEqual(pythonStepsInRanges(example, [{ start: outside, end: outside }]), []);
  const range = { start: offsetOf(example, "step_train = "), end: offsetOf(example, "model = Model(") };
  assert.deepEqual(pythonStepsInRanges(example, [range]), ["AbaloneTrain", "AbaloneEval"]);
  assert.deepEqual(pythonStepsInRanges(example, [range, { start: inTrain, end: inTrain }, { start: onRegister, end: onRegister }]), [
    "AbaloneTrain",
    "AbaloneEval",
    "AbaloneRegisterModel",
  ]);
});

test("pythonStepsInRanges: a @step decorator stands for its whole function", () => {
  const source = [
    `@step(name="Prepare", instance_type="ml.m5.large")`,
    `def prepare(rows):`,
    `    data = load(rows)`,
    ``,
    `    return data`,
    ``,
    `@step(name="Report")`,
    `def report(data):`,
    `    return len(data)`,
    `outside = 1`,
  ].join("\n");
  const at = (needle: string) => {
    const offset = offsetOf(source, needle);
    return pythonStepsInRanges(source, [{ start: offset, end: offset }]);
  };
  assert.deepEqual(at("load(rows)"), ["Prepare"]);
  assert.deepEqual(at("return data"), ["Prepare"]);
  assert.deepEqual(at("len(data)"), ["Report"]);
  assert.deepEqual(at("outside"), []);
});

test("definitionStepsOf: a name the definition has, else the steps the SDK made of it (ModelStep)", () => {
  const steps = ["AbaloneTrain", "AbaloneRegisterModel-RepackModel-0", "AbaloneRegisterModel-RegisterModel", "AbaloneTrainer"];
  assert.deepEqual(definitionStepsOf("AbaloneTrain", steps), ["AbaloneTrain"]);
  assert.deepEqual(definitionStepsOf("AbaloneRegisterModel", steps), ["AbaloneRegisterModel-RepackModel-0", "AbaloneRegisterModel-RegisterModel"]);
  assert.deepEqual(definitionStepsOf("Missing", steps), []);
});

test("isPythonPipelineSource: imports the SDK and builds a Pipeline (or defines get_pipeline)", () => {
  assert.equal(isPythonPipelineSource(example), true);
  assert.equal(isPythonPipelineSource(`import sagemaker\ndef get_pipeline(region):\n    return make(region)\n`), true);
  assert.equal(isPythonPipelineSource(`from sagemaker.workflow.pipeline import Pipeline\np = Pipeline(name="P", steps=[])\n`), true);
  assert.equal(isPythonPipelineSource(`import sagemaker\nsession = sagemaker.Session()\n`), false, "no pipeline built");
  assert.equal(isPythonPipelineSource(`class Pipeline: pass\np = Pipeline()\n`), false, "not the SDK");
  assert.equal(isPythonPipelineSource(`# from sagemaker import x\nPipeline(name="P")\n`), false, "an import in a comment");
});
