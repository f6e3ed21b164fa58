// Grammar test for syntaxes/sagemaker-pipeline.tmLanguage.json: loads it with vscode-textmate and the
// oniguruma WASM (as VS Code does), tokenizes real text and compares scopes exactly.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as vsctm from "vscode-textmate";
import * as oniguruma from "vscode-oniguruma";

const SCOPE = "source.json.sagemaker-pipeline";
const grammarPath = join(import.meta.dirname, "../../syntaxes/sagemaker-pipeline.tmLanguage.json");
const corpus = join(import.meta.dirname, "../fixtures/corpus");

let grammar: vsctm.IGrammar;

before(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
      createOnigString: (s: string) => oniguruma.createOnigString(s),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === SCOPE ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null),
  });
  const loaded = await registry.loadGrammar(SCOPE);
  assert.ok(loaded, `grammar ${SCOPE} did not load`);
  grammar = loaded;
});

// ---- helpers ---------------------------------------------------------------------------------------

type Token = [text: string, scopes: string[]];

/** Tokens of one line as [text, scopes], and the rule stack after it (to carry over to the next line). */
function tokenizeLine(line: string, state: vsctm.StateStack = vsctm.INITIAL): { tokens: Token[]; state: vsctm.StateStack } {
  const result = grammar.tokenizeLine(line, state);
  assert.equal(result.stoppedEarly, false);
  return {
    tokens: result.tokens.map((t): Token => [line.slice(t.startIndex, t.endIndex), t.scopes]),
    state: result.ruleStack,
  };
}

/** Tokenizes a text line by line, carrying the rule stack; returns every line's tokens and the final stack. */
function tokenizeText(text: string): { lines: Token[][]; state: vsctm.StateStack } {
  const lines: Token[][] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const r = tokenizeLine(line, state);
    lines.push(r.tokens);
    state = r.state;
  }
  return { lines, state };
}

/**
 * The scopes of the `nth` token (0-based) whose text is exactly `substring`, in `line` (one line, or several
 * lines tokenized in sequence). A substring that is not a whole token (for example "Get" inside "Std:JsonGet",
 * or a key that was not split from its quotes) does not count, so token boundaries are asserted too.
 */
function scopesAt(line: string, substring: string, nth = 0): string[] {
  const tokens = tokenizeText(line).lines.flat();
  const matches = tokens.filter(([text]) => text === substring);
  if (nth >= matches.length) {
    assert.fail(`no token #${nth} ${JSON.stringify(substring)}; tokens: ${JSON.stringify(tokens.map(([text]) => text))}`);
  }
  return matches[nth][1];
}

// Scope names, spelled once so the expected stacks below read as structure.
const OBJ = "meta.structure.dictionary.json";
const VAL = "meta.structure.dictionary.value.json";
const ARR = "meta.structure.array.json";
const STEPS = "meta.steps.sagemaker-pipeline";
const STEP = "meta.step.sagemaker-pipeline";
const GET = "meta.expression.get.sagemaker-pipeline";
const EXPRESSION = "keyword.control.expression.sagemaker-pipeline";
const REF = "meta.reference.sagemaker-pipeline";
const STRING = "string.quoted.double.json";
const KEY_JSON = ["string.json", "support.type.property-name.json"];
const KEY_SAGEMAKER = "support.type.property-name.sagemaker-pipeline";
const STEP_NAME = "entity.name.function.step.sagemaker-pipeline";
const KEY_BEGIN = "punctuation.support.type.property-name.begin.json";
const KEY_END = "punctuation.support.type.property-name.end.json";

// ---- expression keys ------------------------------------------------------------------------------

test("Get, Std:Join and Std:JsonGet keys have the expression scope", () => {
  const get = `{"Get": "Parameters.InstanceType"}`;
  assert.deepEqual(scopesAt(get, "Get"), [SCOPE, OBJ, GET, EXPRESSION]);
  assert.deepEqual(scopesAt(get, `"`, 0), [SCOPE, OBJ, GET, KEY_BEGIN]);
  assert.deepEqual(scopesAt(get, `"`, 1), [SCOPE, OBJ, GET, KEY_END]);
  assert.deepEqual(scopesAt(get, ":"), [SCOPE, OBJ, GET, VAL, "punctuation.separator.dictionary.key-value.json"]);

  const join = `{"Std:Join": {"On": "/", "Values": ["s3://bucket", {"Get": "Execution.PipelineExecutionId"}]}}`;
  assert.deepEqual(scopesAt(join, "Std:Join"), [SCOPE, OBJ, EXPRESSION]);
  assert.deepEqual(scopesAt(join, "On"), [SCOPE, OBJ, VAL, OBJ, ...KEY_JSON]);
  assert.deepEqual(scopesAt(join, "Get"), [SCOPE, OBJ, VAL, OBJ, VAL, ARR, OBJ, GET, EXPRESSION]);

  const jsonGet = `{"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Evaluate.PropertyFiles.EvaluationReport"}, "Path": "mse"}}`;
  assert.deepEqual(scopesAt(jsonGet, "Std:JsonGet"), [SCOPE, OBJ, EXPRESSION]);
  assert.deepEqual(scopesAt(jsonGet, "Get"), [SCOPE, OBJ, VAL, OBJ, VAL, OBJ, GET, EXPRESSION]);
  assert.deepEqual(scopesAt(jsonGet, "Path"), [SCOPE, OBJ, VAL, OBJ, ...KEY_JSON]);
});

test("keys that only look like expression keys stay plain JSON keys", () => {
  const line = `{"GetX": 1, "get": 2, "Std:Joint": 3, "Std": 4}`;
  for (const key of ["GetX", "get", "Std:Joint", "Std"]) assert.deepEqual(scopesAt(line, key), [SCOPE, OBJ, ...KEY_JSON], key);
});

// ---- Get reference strings ------------------------------------------------------------------------

test("a Get of Steps.X.<path>: head, step name, properties, Outputs['name'] and [0] indexes", () => {
  const line = `{"Get": "Steps.Preprocess-Abalone.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"}`;
  const ref = [SCOPE, OBJ, GET, VAL, STRING, REF];
  assert.deepEqual(scopesAt(line, `"`, 2), [...ref, "punctuation.definition.string.begin.json"]);
  assert.deepEqual(scopesAt(line, "Steps"), [...ref, "variable.other.reference.steps.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, ".", 0), [...ref, "punctuation.accessor.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "Preprocess-Abalone"), [...ref, "entity.name.function.step-reference.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, ".", 1), [...ref, "punctuation.accessor.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "ProcessingOutputConfig"), [...ref, "variable.other.property.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "Outputs"), [...ref, "variable.other.property.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "["), [...ref, "punctuation.section.brackets.begin.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "'", 0), [...ref, "punctuation.definition.string.begin.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "train"), [...ref, "string.quoted.single.index.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "'", 1), [...ref, "punctuation.definition.string.end.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "]"), [...ref, "punctuation.section.brackets.end.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, "S3Uri"), [...ref, "variable.other.property.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(line, `"`, 3), [...ref, "punctuation.definition.string.end.json"]);

  const indexed = `{"Get": "Steps.Tune.TrainingJobSummaries[0].TrainingJobName"}`;
  assert.deepEqual(scopesAt(indexed, "0"), [SCOPE, OBJ, GET, VAL, STRING, REF, "constant.numeric.index.sagemaker-pipeline"]);
});

test("a Get of Parameters.X / Execution.X / PipelineExperimentConfig.X: head and name scopes", () => {
  const cases: [value: string, head: string, name: string, headScope: string, nameScope: string][] = [
    [
      "Parameters.ProcessingInstanceType",
      "Parameters",
      "ProcessingInstanceType",
      "variable.other.reference.parameters.sagemaker-pipeline",
      "variable.other.reference.parameter-name.sagemaker-pipeline",
    ],
    [
      "Execution.PipelineExecutionArn",
      "Execution",
      "PipelineExecutionArn",
      "variable.other.reference.execution.sagemaker-pipeline",
      "variable.language.execution-variable.sagemaker-pipeline",
    ],
    [
      "PipelineExperimentConfig.TrialName",
      "PipelineExperimentConfig",
      "TrialName",
      "variable.other.reference.pipeline-experiment-config.sagemaker-pipeline",
      "variable.language.experiment-config-variable.sagemaker-pipeline",
    ],
  ];
  for (const [value, head, name, headScope, nameScope] of cases) {
    const line = `{"Get": "${value}"}`;
    const ref = [SCOPE, OBJ, GET, VAL, STRING, REF];
    assert.deepEqual(
      tokenizeLine(line).tokens,
      [
        ["{", [SCOPE, OBJ, "punctuation.definition.dictionary.begin.json"]],
        [`"`, [SCOPE, OBJ, GET, KEY_BEGIN]],
        ["Get", [SCOPE, OBJ, GET, EXPRESSION]],
        [`"`, [SCOPE, OBJ, GET, KEY_END]],
        [":", [SCOPE, OBJ, GET, VAL, "punctuation.separator.dictionary.key-value.json"]],
        [" ", [SCOPE, OBJ, GET, VAL]],
        [`"`, [...ref, "punctuation.definition.string.begin.json"]],
        [head, [...ref, headScope]],
        [".", [...ref, "punctuation.accessor.sagemaker-pipeline"]],
        [name, [...ref, nameScope]],
        [`"`, [...ref, "punctuation.definition.string.end.json"]],
        ["}", [SCOPE, OBJ, "punctuation.definition.dictionary.end.json"]],
      ],
      value,
    );
  }
});

test("reference scopes only apply to a Get value that starts with a known head", () => {
  const other = `{"Get": "Foo.Bar"}`;
  assert.deepEqual(scopesAt(other, "Foo.Bar"), [SCOPE, OBJ, GET, VAL, STRING]);
  const notGet = `{"S3Uri": "Steps.Train.ModelArtifacts"}`;
  assert.deepEqual(scopesAt(notGet, "Steps.Train.ModelArtifacts"), [SCOPE, OBJ, VAL, STRING]);
});

// ---- steps and structural keys --------------------------------------------------------------------

test("step objects: envelope keys, the step name, and plain keys inside Arguments", () => {
  const line =
    `{"Steps": [{"Name": "TrainAbalone", "Type": "Training", "DependsOn": ["Preprocess"], ` +
    `"Arguments": {"Name": "not-a-step", "Type": "x"}, "CacheConfig": {"Enabled": true}, "RetryPolicies": []}]}`;
  const step = [SCOPE, OBJ, VAL, ARR, STEPS, OBJ, STEP];
  assert.deepEqual(scopesAt(line, "Steps"), [SCOPE, OBJ, KEY_SAGEMAKER]);
  assert.deepEqual(scopesAt(line, "Name", 0), [...step, KEY_SAGEMAKER]);
  assert.deepEqual(scopesAt(line, "TrainAbalone"), [...step, VAL, STRING, STEP_NAME]);
  for (const key of ["Type", "DependsOn", "Arguments", "CacheConfig", "RetryPolicies"]) {
    assert.deepEqual(scopesAt(line, key), [...step, KEY_SAGEMAKER], key);
  }
  // The step type value and a DependsOn entry are ordinary strings.
  assert.deepEqual(scopesAt(line, "Training"), [...step, VAL, STRING]);
  assert.deepEqual(scopesAt(line, "Preprocess"), [...step, VAL, ARR, STRING]);
  // Inside Arguments, Name and Type are members of the API request, not of the step.
  assert.deepEqual(scopesAt(line, "Name", 1), [...step, VAL, OBJ, ...KEY_JSON]);
  assert.deepEqual(scopesAt(line, "not-a-step"), [...step, VAL, OBJ, VAL, STRING]);
  assert.deepEqual(scopesAt(line, "Type", 1), [...step, VAL, OBJ, ...KEY_JSON]);
  assert.deepEqual(scopesAt(line, "Enabled"), [...step, VAL, OBJ, ...KEY_JSON]);
});

test("Condition steps: Conditions, IfSteps and ElseSteps keys; steps in the branches are step objects", () => {
  const line =
    `{"Steps": [{"Name": "CheckMSE", "Type": "Condition", "Arguments": {` +
    `"Conditions": [{"Type": "LessThanOrEqualTo", "LeftValue": 1, "RightValue": 6.0}], ` +
    `"IfSteps": [{"Name": "RegisterModel", "Type": "RegisterModel"}], "ElseSteps": [{"Name": "Fail", "Type": "Fail"}]}}]}`;
  const step = [SCOPE, OBJ, VAL, ARR, STEPS, OBJ, STEP];
  const args = [...step, VAL, OBJ];
  assert.deepEqual(scopesAt(line, "CheckMSE"), [...step, VAL, STRING, STEP_NAME]);
  assert.deepEqual(scopesAt(line, "Conditions"), [...args, KEY_SAGEMAKER]);
  assert.deepEqual(scopesAt(line, "IfSteps"), [...args, KEY_SAGEMAKER]);
  assert.deepEqual(scopesAt(line, "ElseSteps"), [...args, KEY_SAGEMAKER]);
  // A condition's own Type is a plain key (the object is a condition, not a step).
  assert.deepEqual(scopesAt(line, "Type", 1), [...args, VAL, ARR, OBJ, ...KEY_JSON]);
  const branchStep = [...args, VAL, ARR, STEPS, OBJ, STEP];
  assert.deepEqual(scopesAt(line, "Name", 1), [...branchStep, KEY_SAGEMAKER]);
  assert.deepEqual(scopesAt(line, "RegisterModel", 0), [...branchStep, VAL, STRING, STEP_NAME]);
  assert.deepEqual(scopesAt(line, "RegisterModel", 1), [...branchStep, VAL, STRING]);
  assert.deepEqual(scopesAt(line, "Fail", 0), [...branchStep, VAL, STRING, STEP_NAME]);
  assert.deepEqual(scopesAt(line, "Fail", 1), [...branchStep, VAL, STRING]);
});

test("a parameter's Name key stays a plain JSON key and its value a plain string", () => {
  const line = `{"Parameters": [{"Name": "InputData", "Type": "String", "DefaultValue": "s3://b/k"}], "Steps": []}`;
  const parameter = [SCOPE, OBJ, VAL, ARR, OBJ];
  assert.deepEqual(scopesAt(line, "Parameters"), [SCOPE, OBJ, ...KEY_JSON]);
  assert.deepEqual(scopesAt(line, "Name"), [...parameter, ...KEY_JSON]);
  assert.deepEqual(scopesAt(line, "InputData"), [...parameter, VAL, STRING]);
  assert.deepEqual(scopesAt(line, "Type"), [...parameter, ...KEY_JSON]);
  assert.deepEqual(scopesAt(line, `"`, 2), [...parameter, ...KEY_JSON, KEY_BEGIN]);
});

test("state carries across lines: a step name and a Get value on the line after their key", () => {
  const text = [
    `{`,
    `  "Steps": [`,
    `    {`,
    `      "Name":`,
    `        "Evaluate",`,
    `      "Arguments": {"Input": {"Get":`,
    `        "Steps.Train.ModelArtifacts.S3ModelArtifacts"}}`,
    `    }`,
    `  ]`,
    `}`,
  ].join("\n");
  const step = [SCOPE, OBJ, VAL, ARR, STEPS, OBJ, STEP];
  assert.deepEqual(scopesAt(text, "Evaluate"), [...step, VAL, STRING, STEP_NAME]);
  assert.deepEqual(scopesAt(text, "Train"), [...step, VAL, OBJ, VAL, OBJ, GET, VAL, STRING, REF, "entity.name.function.step-reference.sagemaker-pipeline"]);
  assert.deepEqual(scopesAt(text, "S3ModelArtifacts"), [...step, VAL, OBJ, VAL, OBJ, GET, VAL, STRING, REF, "variable.other.property.sagemaker-pipeline"]);
  assert.equal(tokenizeText(text).state.depth, 1);
});

// ---- plain JSON -----------------------------------------------------------------------------------

test("plain JSON: numbers, constants, strings with escapes get ordinary JSON scopes", () => {
  const line = `{"a": [0, -1.5e3, 42, true, false, null], "s": "tab\\there \\"q\\" \\u00e9 \\/"}`;
  const item = [SCOPE, OBJ, VAL, ARR];
  for (const n of ["0", "-1.5e3", "42"]) assert.deepEqual(scopesAt(line, n), [...item, "constant.numeric.json"], n);
  for (const c of ["true", "false", "null"]) assert.deepEqual(scopesAt(line, c), [...item, "constant.language.json"], c);
  assert.deepEqual(scopesAt(line, ","), [...item, "punctuation.separator.array.json"]);
  assert.deepEqual(scopesAt(line, "]"), [...item, "punctuation.definition.array.end.json"]);
  const str = [SCOPE, OBJ, VAL, STRING];
  assert.deepEqual(scopesAt(line, "tab"), str);
  for (const escape of ["\\t", `\\"`, "\\u00e9", "\\/"]) {
    assert.deepEqual(scopesAt(line, escape), [...str, "constant.character.escape.json"], escape);
  }
});

test("invalid tokens get an invalid.illegal scope", () => {
  assert.deepEqual(scopesAt(`{"s": "bad \\q escape"}`, "\\q"), [SCOPE, OBJ, VAL, STRING, "invalid.illegal.unrecognized-string-escape.json"]);
  assert.deepEqual(scopesAt(`{"a": 1 x}`, "x"), [SCOPE, OBJ, VAL, "invalid.illegal.expected-dictionary-separator.json"]);
  assert.deepEqual(scopesAt(`{"Get": "Parameters.P" x}`, "x"), [SCOPE, OBJ, GET, VAL, "invalid.illegal.expected-dictionary-separator.json"]);
  assert.deepEqual(scopesAt(`[1 x]`, "x"), [SCOPE, ARR, "invalid.illegal.expected-array-separator.json"]);
  assert.deepEqual(scopesAt(`{} x`, "x"), [SCOPE, "invalid.illegal.unexpected-token.json"]);
  assert.deepEqual(scopesAt(`{'Version': 1}`, "'"), [SCOPE, OBJ, "invalid.illegal.expected-dictionary-separator.json"]);
});

// ---- the corpus -----------------------------------------------------------------------------------

/** Step names of a parsed definition, Condition branches included. */
function stepNames(steps: unknown): string[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step) => {
    if (typeof step !== "object" || step === null) return [];
    const { Name, Arguments } = step as { Name?: unknown; Arguments?: { IfSteps?: unknown; ElseSteps?: unknown } };
    return [...(typeof Name === "string" ? [Name] : []), ...stepNames(Arguments?.IfSteps), ...stepNames(Arguments?.ElseSteps)];
  });
}

const corpusFiles = readdirSync(corpus)
  .filter((f) => f.endsWith(".json"))
  .sort();

test("the corpus is there", () => {
  assert.ok(corpusFiles.length > 0, `no *.json in ${corpus}`);
});

for (const file of corpusFiles) {
  test(`corpus ${file}: tokenizes back to the top level, one Get-key token per "Get" key, step names scoped`, () => {
    const text = readFileSync(join(corpus, file), "utf8");
    const { lines, state } = tokenizeText(text);
    assert.equal(state.depth, 1, "the rule stack is not back at the top level at the end of the file");

    const tokens = lines.flat();
    const getKeys = tokens.filter(([t, scopes]) => t === "Get" && scopes.at(-1) === EXPRESSION).length;
    const rawGetKeys = (text.match(/"Get"\s*:/g) ?? []).length;
    assert.equal(getKeys, rawGetKeys);

    const illegal = tokens.filter(([, scopes]) => scopes.some((s) => s.startsWith("invalid.illegal")));
    assert.deepEqual(illegal, [], "valid JSON should have no invalid.illegal token");

    const names = tokens.filter(([, scopes]) => scopes.at(-1) === STEP_NAME).map(([t]) => t);
    // Same multiset as the parsed definition (order can differ: some files sort keys, so Arguments precedes Name).
    assert.deepEqual(names.sort(), stepNames((JSON.parse(text) as { Steps?: unknown }).Steps).sort());
  });
}
