/**
 * Property-based fuzzing of the core (fast-check, fixed seeds): random JSON, random pipeline-shaped
 * definitions, every corpus file truncated at many offsets and under random single-character edits,
 * deep nesting, huge strings and unicode names. Each document goes through `exercise`: the analysis
 * and every editor feature never throw, report no internal error, and every diagnostic and
 * range lies inside the document (times are the bench's: `npm run bench`). More runs: FUZZ_SCALE=20; another seed: FUZZ_SEED=123.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { createScanner } from "jsonc-parser";
import { analyze, MAX_NESTING_DEPTH } from "../../core/src";
import { firstTooDeep } from "../../core/src/parse";
import { KNOWN_STEP_TYPES } from "../../core/src/step-types";
import { generatePipelineText } from "../helpers/generate-pipeline";
import { exercise, FUZZ_SCALE, seeded } from "./exercise";

const SEED = Number(process.env.FUZZ_SEED ?? 20240901);
const runs = (n: number) => ({ seed: SEED, numRuns: n * FUZZ_SCALE });

const corpusDir = join(import.meta.dirname, "../fixtures/corpus");
const corpus = [
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ name: f, text: readFileSync(join(corpusDir, f), "utf8") })),
  ...readdirSync(join(corpusDir, "edge-cases")).map((f) => ({ name: `edge-cases/${f}`, text: readFileSync(join(corpusDir, "edge-cases", f), "utf8") })),
  { name: "examples/abalone.pipeline.json", text: readFileSync(join(import.meta.dirname, "../../examples/abalone.pipeline.json"), "utf8") },
  { name: "generated-30", text: generatePipelineText(30) },
];

// ---- arbitraries -------------------------------------------------------------------------------

const UNICODE_NAMES = [
  "名前",
  "étape",
  "🚀Step",
  "a\u0301",
  "\u202eRTL",
  "\ud800",
  "\udc00x",
  "x".repeat(65),
  "",
  " ",
  "Step\u0000",
  "Step\n",
  "Ünïcödé-ñame_1",
];
const name = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("Prep", "Train", "Eval", "Check", "Model", "Fail", "A", "B") },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE_NAMES) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);
const pathPiece = fc.oneof(
  name,
  fc.constantFrom("Steps", "Parameters", "Execution", "PipelineExperimentConfig", "Properties", "PropertyFiles", "ModelArtifacts", "S3ModelArtifacts"),
  fc.constantFrom(
    "ProcessingOutputConfig",
    "Outputs",
    "Outputs['train']",
    "OutputParameters['x']",
    "S3Output",
    "S3Uri",
    "[0]",
    "['",
    "]",
    "PipelineExecutionId",
    "StartDateTime",
    "Report",
  ),
);
const getString = fc.oneof(
  fc.constantFrom(
    "Parameters.InputData",
    "Execution.PipelineExecutionId",
    "Steps.Train.ModelArtifacts.S3ModelArtifacts",
    "Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
    "Steps.Eval.PropertyFiles.Report",
    "Steps.Prep.Properties.ProcessingJobName",
    "Steps.Check.Outcome",
  ),
  fc.array(pathPiece, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(".")),
  fc.string({ maxLength: 20 }),
);
const expression = fc.oneof(
  getString.map((g) => ({ Get: g })),
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        getString.map((g) => ({ Get: g })),
      ),
      { maxLength: 3 },
    )
    .map((values) => ({ "Std:Join": { On: "/", Values: values } })),
  fc.record({ PropertyFile: getString.map((g) => ({ Get: g })), Path: fc.string({ maxLength: 12 }) }).map((v) => ({ "Std:JsonGet": v })),
);
const ARGUMENT_KEYS = [
  "ProcessingResources",
  "ClusterConfig",
  "InstanceType",
  "InstanceCount",
  "AppSpecification",
  "ImageUri",
  "ProcessingInputs",
  "ProcessingOutputConfig",
  "Outputs",
  "OutputName",
  "S3Output",
  "S3Uri",
  "RoleArn",
  "HyperParameters",
  "ModelName",
  "Conditions",
  "Type",
  "LeftValue",
  "RightValue",
  "ErrorMessage",
  "AlgorithmSpecification",
  "TrainingImage",
  "OutputDataConfig",
];
const argumentValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    expression,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...ARGUMENT_KEYS), fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const durations = fc.oneof(
  fc.constantFrom("P30D", "30d", "PT1H", "T16m", "1 hour", "P", "PT", "P1Y2M3W4DT5H6M7S", "p1d", "P0D", "PT0.5S", "-P1D"),
  fc.string({ maxLength: 10 }),
);
const stepType = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KNOWN_STEP_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const step: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  step: fc.record(
    {
      Name: fc.oneof(name, fc.integer()),
      Type: stepType,
      DisplayName: fc.string({ maxLength: 10 }),
      Arguments: fc.oneof(
        argumentValue,
        fc.record(
          {
            Conditions: fc.array(
              fc.record({ Type: fc.constantFrom("Equals", "LessThanOrEqualTo", "Not", "Or", "In", "X"), LeftValue: argumentValue, RightValue: argumentValue }),
              { maxLength: 2 },
            ),
            IfSteps: fc.array(tie("step"), { maxLength: 2, depthIdentifier: "steps" }),
            ElseSteps: fc.array(tie("step"), { maxLength: 2, depthIdentifier: "steps" }),
          },
          { requiredKeys: [] },
        ),
      ),
      DependsOn: fc.oneof(fc.array(name, { maxLength: 3 }), argumentValue),
      CacheConfig: fc.record({ Enabled: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })), ExpireAfter: durations }, { requiredKeys: [] }),
      RetryPolicies: fc.array(
        fc.record(
          {
            ExceptionType: fc.oneof(
              fc.array(fc.constantFrom("Step.SERVICE_FAULT", "Step.THROTTLING", "SageMaker.JOB_INTERNAL_ERROR", "Nope"), { maxLength: 2 }),
              fc.string({ maxLength: 6 }),
            ),
            MaxAttempts: fc.integer({ min: -5, max: 50 }),
            ExpireAfterMin: fc.integer({ min: -5, max: 20000 }),
            IntervalSeconds: fc.integer(),
            BackoffRate: fc.double(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      PropertyFiles: fc.array(fc.record({ PropertyFileName: name, OutputName: name, FilePath: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
      OutputParameters: fc.array(
        fc.record({ OutputName: name, OutputType: fc.constantFrom("String", "Integer", "Boolean", "Float", "X") }, { requiredKeys: [] }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["Name", "Type"] },
  ),
})).step;
const parameter = fc.record(
  {
    Name: name,
    Type: fc.constantFrom("String", "Integer", "Float", "Boolean", "Nope"),
    DefaultValue: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean()),
    EnumValues: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  },
  { requiredKeys: ["Name"] },
);
const definition = fc.record(
  {
    Version: fc.constantFrom("2020-12-01", "2019-01-01"),
    Metadata: fc.constant({}),
    Parameters: fc.array(parameter, { maxLength: 4 }),
    PipelineExperimentConfig: fc.oneof(fc.constant(null), fc.record({ ExperimentName: expression, TrialName: expression })),
    Steps: fc.array(step, { maxLength: 6 }),
  },
  { requiredKeys: ["Steps"] },
);
const indent = fc.constantFrom(undefined, 2, 4, "\t");
/** A text and a few cursor offsets in it (fractions of its length, so they shrink with it). */
const withOffsets = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }))
    .map(([t, fractions]) => ({ text: t, offsets: fractions.map((f) => Math.round(f * t.length)) }));

// ---- properties --------------------------------------------------------------------------------

test("fuzz: random JSON values", () => {
  const text = fc.tuple(fc.jsonValue({ maxDepth: 6 }), indent).map(([value, space]) => JSON.stringify(value, null, space) ?? "null");
  fc.assert(
    fc.property(withOffsets(text), ({ text, offsets }) => void exercise(text, offsets)),
    runs(1_500),
  );
});

test("fuzz: random pipeline-shaped definitions (every step type, references, conditions, caching, retries)", () => {
  const text = fc.tuple(definition, indent).map(([value, space]) => JSON.stringify(value, null, space));
  fc.assert(
    fc.property(withOffsets(text), ({ text, offsets }) => void exercise(text, offsets)),
    runs(1_500),
  );
});

test("fuzz: random pipeline-shaped definitions with one random character edit", () => {
  const edited = fc
    .tuple(
      definition,
      indent,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom("insert", "delete", "replace"),
      fc.constantFrom(..."{}[]\":,\\ \n0-eE.tn/*'"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.boolean(),
    )
    .map(([value, space, at, kind, char, wild, useWild]) => {
      const text = JSON.stringify(value, null, space);
      return editAt(text, Math.floor(at * text.length), kind, useWild ? wild : char);
    });
  fc.assert(
    fc.property(withOffsets(edited), ({ text, offsets }) => void exercise(text, offsets)),
    runs(1_500),
  );
});

function editAt(text: string, offset: number, kind: "insert" | "delete" | "replace", char: string): string {
  if (kind === "insert") return text.slice(0, offset) + char + text.slice(offset);
  if (kind === "delete") return text.slice(0, offset) + text.slice(offset + 1);
  return text.slice(0, offset) + char + text.slice(offset + 1);
}

test("fuzz: every corpus file truncated at many offsets (features at the cut)", () => {
  const random = seeded(SEED);
  const cuts = 50 * FUZZ_SCALE;
  for (const file of corpus) {
    for (let i = 0; i < cuts; i++) {
      const cut = i === 0 ? file.text.length - 1 : Math.floor(random() * file.text.length);
      const text = file.text.slice(0, cut);
      try {
        exercise(text, [cut, Math.floor(cut / 2)]);
      } catch (error) {
        throw new Error(`${file.name} cut at ${cut}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
});

test("fuzz: random single-character edits of the corpus (features around the edit)", () => {
  const chars = fc.oneof(fc.constantFrom(..."{}[]\":,\\ \n0-eE.tn/*'"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
  const edit = fc.record({
    file: fc.integer({ min: 0, max: corpus.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom("insert" as const, "delete" as const, "replace" as const),
    char: chars,
  });
  fc.assert(
    fc.property(edit, ({ file, at, kind, char }) => {
      const source = corpus[file].text;
      const offset = Math.floor(at * source.length);
      const text = editAt(source, offset, kind, char);
      exercise(text, [offset, offset + 1]);
    }),
    runs(1_500),
  );
});

test("fuzz: random edits that replace one string's content (names, references, durations) of the corpus", () => {
  const edit = fc.record({ file: fc.integer({ min: 0, max: corpus.length - 1 }), which: fc.nat(), content: fc.oneof(name, getString, durations) });
  fc.assert(
    fc.property(edit, ({ file, which, content }) => {
      const source = corpus[file].text;
      const strings = [...source.matchAll(/"(?:[^"\\\n]|\\.)*"/g)];
      if (strings.length === 0) return;
      const m = strings[which % strings.length];
      const text = source.slice(0, m.index) + JSON.stringify(content) + source.slice(m.index! + m[0].length);
      exercise(text, [m.index! + 1, m.index! + 3]);
    }),
    runs(1_000),
  );
});

// ---- fixed extreme inputs ----------------------------------------------------------------------

const deep = {
  arrays: (d: number) => "[".repeat(d) + "]".repeat(d),
  objects: (d: number) => '{"a":'.repeat(d) + "1" + "}".repeat(d),
  unclosed: (d: number) => "[".repeat(d),
  "in Arguments": (d: number) => `{"Version":"2020-12-01","Steps":[{"Name":"A","Type":"Processing","Arguments":${'{"a":'.repeat(d)}1${"}".repeat(d)}}]}`,
  "Condition in IfSteps": (d: number) =>
    `{"Version":"2020-12-01","Steps":[${'{"Name":"C","Type":"Condition","Arguments":{"IfSteps":['.repeat(d)}${"]}}".repeat(d)}]}`,
  "Std:Join in Std:Join": (d: number) =>
    `{"Version":"2020-12-01","Steps":[{"Name":"A","Type":"Fail","Arguments":{"ErrorMessage":${'{"Std:Join":{"On":"","Values":['.repeat(d)}"x"${"]}}".repeat(d)}}}]}`,
};

test("deep nesting: 10,000 levels of every shape are refused with one json-syntax error, never a stack overflow", () => {
  for (const [shape, make] of Object.entries(deep)) {
    const text = make(10_000);
    const document = exercise(text, [0, 5_000, text.length]);
    const diagnostics = document.analysis.diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ["json-syntax"],
      shape,
    );
    assert.match(diagnostics[0].message, /nested more than 1,000 levels/, shape);
    assert.ok(text[diagnostics[0].start] === "{" || text[diagnostics[0].start] === "[", shape);
  }
});

test("deep nesting: at the limit every shape is analysed and every feature answers (the limit has a safety margin)", () => {
  for (const [shape, make] of Object.entries(deep)) {
    // The largest count of repetitions that stays within MAX_NESTING_DEPTH levels for this shape.
    const tooDeep = (n: number) => analyze(make(n)).diagnostics.some((x) => /nested more than/.test(x.message));
    let low = 1;
    let high = MAX_NESTING_DEPTH + 1; // each repetition adds at least one level
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (tooDeep(mid)) high = mid;
      else low = mid;
    }
    const text = make(low);
    const document = exercise(text, [0, Math.floor(text.length / 2), text.length - 2]);
    assert.ok(!document.analysis.diagnostics.some((x) => /nested more than/.test(x.message)), shape);
  }
});

test("deep nesting: brackets inside strings and comments do not count", () => {
  const inString = `{"Version":"2020-12-01","Steps":[{"Name":"A","Type":"Fail","Arguments":{"ErrorMessage":"${"[".repeat(5_000)}"}}]}`;
  assert.deepEqual(
    exercise(inString).analysis.diagnostics.map((d) => d.code),
    [],
  );
  const inComment = `{"Steps": [] /* ${"[".repeat(5_000)} */}`;
  assert.deepEqual(
    exercise(inComment).analysis.diagnostics.map((d) => d.code),
    ["json-syntax"],
  );
  assert.doesNotMatch(analyze(inComment).diagnostics[0].message, /nested/);
  // As jsonc-parser reads them: a backslash escapes a line break (the string goes on), a string ends at
  // an unescaped line break, an escaped backslash does not escape the quote after it.
  const tooDeep = (text: string) => analyze(text).diagnostics.some((d) => /nested more than/.test(d.message));
  assert.ok(tooDeep(`{"a": "\\\n", "b": ${"[".repeat(5_000)}`));
  assert.ok(tooDeep(`{"a": "x\n${"[".repeat(5_000)}`));
  assert.ok(tooDeep(`{"a": "x\\\\"${"[".repeat(5_000)}`));
  assert.ok(!tooDeep(`{"a": "x\\"${"[".repeat(5_000)}`));
});

test("fuzz: the nesting pre-scan sees brackets exactly as jsonc-parser's scanner does (strings, escapes, line breaks, comments)", () => {
  // jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read: its values.
  const SyntaxKind = { OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, EOF: 17 } as const;
  const reference = (text: string, limit: number) => {
    const scanner = createScanner(text, false);
    let depth = 0;
    for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
      if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
        if (++depth > limit) return scanner.getTokenOffset();
      } else if ((kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) && depth > 0) depth--;
    }
    return -1;
  };
  const text = fc.array(fc.constantFrom(...'[[[{{]}""\\\\\n\r/*x :,'), { maxLength: 60 }).map((chars) => chars.join(""));
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 4 }), (t, limit) => assert.equal(firstTooDeep(t, limit), reference(t, limit), JSON.stringify(t))),
    runs(3_000),
  );
});

test("huge strings: megabyte names, references, durations, types and keys", () => {
  const big = "x".repeat(1_000_000);
  const texts = [
    JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: big, Type: "Fail", Arguments: { ErrorMessage: big } }] }),
    JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: "Fail", DependsOn: [big], Arguments: { ErrorMessage: { Get: `Steps.${big}.X` } } }] }),
    JSON.stringify({
      Version: "2020-12-01",
      Parameters: [{ Name: big, Type: "String", DefaultValue: big }],
      Steps: [{ Name: "A", Type: "Fail", Arguments: { ErrorMessage: { Get: `Parameters.${big.slice(1)}` } } }],
    }),
    JSON.stringify({
      Version: "2020-12-01",
      Steps: [{ Name: "A", Type: "Processing", CacheConfig: { Enabled: true, ExpireAfter: `P${"1".repeat(100_000)}D` }, Arguments: { [big]: 1 } }],
    }),
    JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: big, Arguments: {} }] }),
    JSON.stringify({
      Version: "2020-12-01",
      Steps: [{ Name: "A", Type: "Fail", Arguments: { ErrorMessage: { Get: "Steps.A." + "Outputs[0].".repeat(50_000) } } }],
    }),
    `"${"\\u0041".repeat(200_000)}"`,
    `{"Steps": [${'"x",'.repeat(200_000)}1]}`,
  ];
  for (const text of texts) exercise(text, [0, 40, Math.floor(text.length / 2), text.length]);
});

test("many schema errors: thousands of broken steps or array items take linear time (ajv's concat was quadratic), and checking stops with a diagnostic after the cap", () => {
  // Before the fix: 4,000 steps that were not objects took 3.4 s, 16,000 took 42 s; 16,000 broken ProcessingInputs 3.8 s.
  const broken = (n: number) =>
    JSON.stringify({ Version: "2020-12-01", Steps: Array.from({ length: n }, (_, i) => ({ Name: `S${i}`, Type: "Fail", Arguments: { ErrorMessag: "x" } })) });
  for (const text of [
    broken(16_000),
    JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: "Processing", Arguments: { ProcessingInputs: Array(16_000).fill({ S3Input: 1 }) } }] }),
  ]) {
    const document = exercise(text, [100]);
    assert.ok(document.analysis.diagnostics.filter((d) => d.code === "schema" || d.code === "unknown-argument").length >= 16_000);
  }
  const text = `{"Version": "2020-12-01", "Steps": [${'"x", '.repeat(200_000)}{}]}`;
  const stopped = exercise(text).analysis.diagnostics.filter((d) => /Schema checking stopped after 50,000 problems/.test(d.message));
  assert.equal(stopped.length, 1);
  assert.equal(text[stopped[0].start], '"');
});

test("unicode: names in every script, astral characters, escapes, lone surrogates, BOM, CRLF", () => {
  const names = [...UNICODE_NAMES, "\\u00e9tape", "日本語のステップ", "𝒮𝓉ℯ𝓅", "👩‍👩‍👧‍👦", "\u200b"];
  for (const n of names) {
    const value = {
      Version: "2020-12-01",
      Parameters: [{ Name: n, Type: "String" }],
      Steps: [
        {
          Name: n,
          Type: "Processing",
          DependsOn: [n, `${n}x`],
          Arguments: { RoleArn: { Get: `Parameters.${n}` }, AppSpecification: { ImageUri: { Get: `Steps.${n}.ProcessingJobName` } } },
        },
      ],
    };
    const json = JSON.stringify(value, null, 2);
    for (const text of [
      json,
      json.replace(/\n/g, "\r\n"),
      `\ufeff${json}`,
      json.replace(/\n/g, "\r"),
      json.replaceAll(
        JSON.stringify(n),
        JSON.stringify(n).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
      ),
    ]) {
      exercise(
        text,
        [...Array(12).keys()].map((i) => Math.floor((i / 11) * text.length)),
      );
    }
  }
});
