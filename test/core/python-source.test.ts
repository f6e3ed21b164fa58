import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, LineIndex, locatePythonError, mapDiagnosticsToPython, namesInErrorMessage, pipelineCallSpan, pythonStringLiterals } from "../../core/src";

const at = (text: string, span: { start: number }) => {
  const p = new LineIndex(text).positionAt(span.start);
  return `${p.line + 1}:${p.character + 1}`;
};

test("pythonStringLiterals: quotes, prefixes, triple quotes, escapes; comments and identifiers ending in a prefix letter are not literals", () => {
  const source = [
    `a = "Train"  # "NotALiteral"`,
    `b = r'C:\\x' + f"{x}y" + br"z"`,
    `c = '''multi`,
    `line'''`,
    `d = 'it\\'s' + "tab\\t"`,
    `bar"q"`,
    `e = "unterminated`,
  ].join("\n");
  const literals = pythonStringLiterals(source);
  assert.deepEqual(
    literals.map((l) => l.value),
    ["Train", "C:\\x", "{x}y", "z", "multi\nline", "it's", "tab\t", "q"],
  );
  const train = literals[0];
  assert.equal(source.slice(train.start, train.end), `"Train"`);
  assert.equal(source.slice(literals[1].start, literals[1].end), `r'C:\\x'`);
  assert.equal(source.slice(literals[3].start, literals[3].end), `br"z"`);
  assert.equal(source.slice(literals[7].start, literals[7].end), `"q"`, "the r of bar is not a prefix");
});

test("pipelineCallSpan: the Pipeline( call in code, not in a comment, string, class or def; else def get_pipeline; else the start", () => {
  const source = [
    `# Pipeline(name="in a comment")`,
    `s = "Pipeline(in a string)"`,
    `class Pipeline(object): pass`,
    `def get_pipeline(region):`,
    `    return sagemaker.workflow.pipeline.Pipeline(name="P", steps=[])`,
  ].join("\n");
  assert.equal(at(source, pipelineCallSpan(source)), "5:40");
  const onlyFunction = "def helper():\n    pass\n\ndef get_pipeline(region, role):\n    return build()\n";
  const span = pipelineCallSpan(onlyFunction);
  assert.equal(onlyFunction.slice(span.start, span.end), "get_pipeline");
  assert.deepEqual(pipelineCallSpan("x = 1\n"), { start: 0, end: 0 });
});

const PYTHON = [
  `from sagemaker.workflow.pipeline import Pipeline`,
  `def get_pipeline(region, role=None, default_bucket=None):`,
  `    count = ParameterInteger(name="Count", default_value=1)`,
  `    unused = ParameterString(name="Unused")`,
  `    prepare = ProcessingStep(name="Prepare", step_args=...)`,
  `    report = ProcessingStep(name="Report", inputs=[prepare.properties.ProcessingOutputConfig.Outputs["evalution"].S3Output.S3Uri])`,
  `    return Pipeline(name="p", parameters=[count, unused], steps=[prepare, report])`,
].join("\n");

const DEFINITION = JSON.stringify(
  {
    Version: "2020-12-01",
    Parameters: [
      { Name: "Count", Type: "Integer", DefaultValue: 1 },
      { Name: "Unused", Type: "String" },
    ],
    Steps: [
      {
        Name: "Prepare",
        Type: "Processing",
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: { Get: "Parameters.Count" }, VolumeSizeInGB: 30 } },
          AppSpecification: { ImageUri: "img" },
          RoleArn: "arn:aws:iam::000000000000:role/R",
          ProcessingOutputConfig: {
            Outputs: [{ OutputName: "evaluation", S3Output: { S3Uri: "s3://b/k", LocalPath: "/opt/ml/processing/e", S3UploadMode: "EndOfJob" } }],
          },
        },
      },
      {
        Name: "Report",
        Type: "Processing",
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 30 } },
          AppSpecification: { ImageUri: "img" },
          RoleArn: "arn:aws:iam::000000000000:role/R",
          ProcessingInputs: [
            {
              InputName: "in",
              S3Input: {
                S3Uri: { Get: "Steps.Prepare.ProcessingOutputConfig.Outputs['evalution'].S3Output.S3Uri" },
                LocalPath: "/opt/ml/processing/in",
                S3DataType: "S3Prefix",
                S3InputMode: "File",
              },
            },
          ],
          NotAMember: true,
        },
      },
    ],
  },
  null,
  2,
);

test("mapDiagnosticsToPython: each finding lands on the literal of the name it is about (the name itself, else its step or parameter)", () => {
  const diagnostics = analyze(DEFINITION).diagnostics;
  const mapped = mapDiagnosticsToPython(DEFINITION, diagnostics, PYTHON);
  const where = Object.fromEntries(mapped.map((d) => [d.code, `${at(PYTHON, d)} ${PYTHON.slice(d.start, d.end)}`]));
  assert.equal(where["reference-unknown-output"], `6:102 "evalution"`);
  assert.equal(where["parameter-unused"], `4:35 "Unused"`);
  // A finding inside a step's Arguments is about that step.
  assert.equal(where["unknown-argument"], `6:34 "Report"`);
  assert.equal(
    mapped.find((d) => d.code === "reference-unknown-output")!.message,
    diagnostics.find((d) => d.code === "reference-unknown-output")!.message,
    "the message is kept",
  );
});

test("mapDiagnosticsToPython: a name that is no literal of the file falls back to the Pipeline( call", () => {
  const python = `NAME = "Prep" + "are"\npipeline = Pipeline(name="p", steps=[make(NAME)])\n`;
  const [mapped] = mapDiagnosticsToPython(
    DEFINITION,
    [{ code: "x", severity: "error", message: "m", start: DEFINITION.indexOf("ProcessingResources"), end: DEFINITION.indexOf("ProcessingResources") + 5 }],
    python,
  );
  assert.equal(at(python, mapped), "2:12");
});

test("namesInErrorMessage and locatePythonError: the SDK's message names the literal; else the innermost frame's line; else the Pipeline( call", () => {
  assert.deepEqual(namesInErrorMessage("The input steps do not contain the step of name: Evalute"), ["Evalute"]);
  assert.deepEqual(namesInErrorMessage(`Step 'Train' has no property "Outputs".`), ["Train", "Outputs"]);
  const python = `a = Step(name="Evaluate")\nb = Step(name="Train", depends_on=["Evalute"])\n    raise_here()\np = Pipeline(steps=[a, b])\n`;
  const onLiteral = locatePythonError("The input steps do not contain the step of name: Evalute", python, [3]);
  assert.equal(python.slice(onLiteral.start, onLiteral.end), `"Evalute"`);
  const onFrame = locatePythonError("division by zero", python, [1, 3]);
  assert.equal(python.slice(onFrame.start, onFrame.end), "raise_here()");
  assert.equal(at(python, locatePythonError("division by zero", python, [99])), "4:5");
  assert.equal(at(python, locatePythonError("", python)), "4:5");
});
