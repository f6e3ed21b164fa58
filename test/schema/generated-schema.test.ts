// Tests for scripts/generate-schema.mjs and the files it generates:
//   (a) the committed schemas are what the generator produces now;
//   (b) every real definition in test/fixtures/corpus validates with zero errors;
//   (c) typical mistakes produce an error at the expected instancePath, expressions are accepted;
//   (d) every Steps.<name>.<path> reference in the corpus resolves through step-properties.json.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const corpusDir = path.join(repoRoot, "test/fixtures/corpus");
const schemaFile = path.join(repoRoot, "schemas/pipeline-definition.schema.json");
const propertiesFile = path.join(repoRoot, "schemas/step-properties.json");
const generator = path.join(repoRoot, "scripts/generate-schema.mjs");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, "utf8")) as Json;

const corpusFiles = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = ajv.compile(readJson(schemaFile) as object);
  }
  return compiled;
}

/** Errors that carry information (ajv adds an `if` error on top of each failing `else`). */
function realErrors(data: Json): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== "if");
}

function formatErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join("\n");
}

describe("generator output", () => {
  test("running the generator reproduces the committed files byte for byte", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "sm-schema-"));
    try {
      execFileSync(process.execPath, [generator, "--out", out], { stdio: "pipe" });
      for (const name of ["pipeline-definition.schema.json", "step-properties.json"]) {
        const fresh = fs.readFileSync(path.join(out, name));
        const committed = fs.readFileSync(path.join(repoRoot, "schemas", name));
        assert.ok(fresh.equals(committed), `schemas/${name} is stale: run npm run generate:schema`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test("the schema uses no oneOf/anyOf outside IsExpression", () => {
    const schema = readJson(schemaFile) as JsonObject;
    const definitions = schema.definitions as JsonObject;
    const offenders: string[] = [];
    const walk = (node: Json, where: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}/${i}`));
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "oneOf" || k === "anyOf") offenders.push(`${where}/${k}`);
          walk(v, `${where}/${k}`);
        }
      }
    };
    for (const [name, def] of Object.entries(definitions)) if (name !== "IsExpression") walk(def, name);
    walk({ ...schema, definitions: {} }, "#");
    assert.deepEqual(offenders, []);
  });
});

describe("corpus validates", () => {
  assert.equal(corpusFiles.length, 36, "expected the 36 corpus definitions");
  for (const file of corpusFiles) {
    test(file, () => {
      const errors = realErrors(readJson(path.join(corpusDir, file)));
      assert.equal(errors.length, 0, `${file}:\n${formatErrors(errors)}`);
    });
  }
});

describe("negative cases", () => {
  const base = (): JsonObject => ({
    Version: "2020-12-01",
    Metadata: {},
    Parameters: [{ Name: "X", Type: "Integer", DefaultValue: 1 }],
    Steps: [
      {
        Name: "Prep",
        Type: "Processing",
        Arguments: {
          AppSpecification: { ImageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/img:1" },
          ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 } },
          RoleArn: "arn:aws:iam::123456789012:role/SageMakerRole",
        },
      },
    ],
  });
  // Paths below are relative to the first step.
  const step = (doc: JsonObject) => (doc.Steps as JsonObject[])[0];
  const args = (doc: JsonObject) => step(doc).Arguments as JsonObject;
  const clusterConfig = (doc: JsonObject) => (args(doc).ProcessingResources as JsonObject).ClusterConfig as JsonObject;
  const instanceCountPath = "/Steps/0/Arguments/ProcessingResources/ClusterConfig/InstanceCount";

  function expectError(doc: JsonObject, instancePath: string, keyword: string): ErrorObject {
    const errors = realErrors(doc);
    const hit = errors.find((e) => e.instancePath === instancePath && e.keyword === keyword);
    assert.ok(hit, `expected a ${keyword} error at ${instancePath}, got:\n${formatErrors(errors)}`);
    return hit;
  }

  test("the base document is valid", () => {
    assert.deepEqual(realErrors(base()), []);
  });

  test("unknown member in Processing Arguments", () => {
    const doc = base();
    args(doc).ProcessingJobNme = "typo";
    const e = expectError(doc, "/Steps/0/Arguments", "additionalProperties");
    assert.equal(e.params.additionalProperty, "ProcessingJobNme");
  });

  test("string where an integer is expected", () => {
    const doc = base();
    clusterConfig(doc).InstanceCount = "2";
    expectError(doc, instanceCountPath, "type");
  });

  test("unknown step Type", () => {
    const doc = base();
    step(doc).Type = "Procesing";
    expectError(doc, "/Steps/0/Type", "enum");
  });

  test("malformed Get expression", () => {
    const doc = base();
    clusterConfig(doc).InstanceCount = { Get: 5 };
    expectError(doc, `${instanceCountPath}/Get`, "type");
  });

  test("Get expression in place of an integer is accepted", () => {
    const doc = base();
    clusterConfig(doc).InstanceCount = { Get: "Parameters.X" };
    assert.deepEqual(realErrors(doc), []);
  });

  test("Std:Join and Std:JsonGet are accepted at any value", () => {
    const doc = base();
    clusterConfig(doc).InstanceType = { "Std:Join": { On: ".", Values: ["ml", { Get: "Parameters.X" }, "xlarge"] } };
    clusterConfig(doc).VolumeSizeInGB = { "Std:JsonGet": { PropertyFile: "Report", Path: "a.b" } };
    assert.deepEqual(realErrors(doc), []);
  });

  test("Std:JsonGet without Path", () => {
    const doc = base();
    clusterConfig(doc).VolumeSizeInGB = { "Std:JsonGet": { PropertyFile: { Get: "Steps.Eval.PropertyFiles.R" } } };
    expectError(doc, "/Steps/0/Arguments/ProcessingResources/ClusterConfig/VolumeSizeInGB/Std:JsonGet", "required");
  });

  test("ModelPackageName is rejected in RegisterModel Arguments", () => {
    const doc = base();
    doc.Steps = [{ Name: "Reg", Type: "RegisterModel", Arguments: { ModelPackageGroupName: "g", ModelPackageName: "n" } }];
    const e = expectError(doc, "/Steps/0/Arguments", "additionalProperties");
    assert.equal(e.params.additionalProperty, "ModelPackageName");
  });

  test("more than 10 ProcessingInputs is left to the processing-inputs-limit rule", () => {
    const doc = base();
    args(doc).ProcessingInputs = Array.from({ length: 11 }, (_, i) => ({
      InputName: `in${i}`,
      S3Input: { S3Uri: "s3://b/k", LocalPath: `/opt/ml/processing/in${i}`, S3DataType: "S3Prefix", S3InputMode: "File" },
    }));
    assert.deepEqual(realErrors(doc), []);
  });

  test("unknown condition type inside a Condition step", () => {
    const doc = base();
    doc.Steps = [
      {
        Name: "Check",
        Type: "Condition",
        Arguments: { Conditions: [{ Type: "NotEquals", LeftValue: 1, RightValue: 2 }], IfSteps: [], ElseSteps: [] },
      },
    ];
    expectError(doc, "/Steps/0/Arguments/Conditions/0/Type", "enum");
  });

  test("errors inside Condition branches are reported at the nested path", () => {
    const doc = base();
    const inner = step(base());
    (inner.Arguments as JsonObject).Bogus = 1;
    doc.Steps = [{ Name: "Check", Type: "Condition", Arguments: { Conditions: [], IfSteps: [inner] } }];
    expectError(doc, "/Steps/0/Arguments/IfSteps/0/Arguments", "additionalProperties");
  });
});

// ---------------------------------------------------------------------------------------------------
// Step property paths
// ---------------------------------------------------------------------------------------------------
interface Member {
  shape: string;
  doc?: string;
}
type PropertyShape =
  | { type: "structure"; members: Record<string, Member> }
  | { type: "list"; member: string; keyField?: string }
  | { type: "map"; value: string }
  | { type: "object" }
  | { type: "string" | "integer" | "number" | "boolean" | "timestamp"; enum?: string[] };
interface StepProperties {
  roots: Record<string, string | string[]>;
  extraMembers: Record<string, Record<string, Member>>;
  shapes: Record<string, PropertyShape>;
}

type Segment = { member: string } | { index: number } | { key: string };

function parsePath(rest: string): Segment[] | undefined {
  const segments: Segment[] = [];
  const re = /\.?([A-Za-z0-9_]+)|\[(\d+)\]|\['([^']*)'\]/y;
  let first = true;
  while (re.lastIndex < rest.length) {
    const start = re.lastIndex;
    const m = re.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) {
      // members are separated by dots, except the very first one
      if (!first && rest[start] !== ".") return undefined;
      segments.push({ member: m[1] });
    } else if (m[2] !== undefined) segments.push({ index: Number(m[2]) });
    else segments.push({ key: m[3] });
    first = false;
  }
  return segments;
}

/** Resolves `<path>` of `Steps.<name>.<path>` for a step type; returns the final shape name or an error. */
function resolveStepPath(table: StepProperties, stepType: string, rest: string): { shape: string } | { error: string } {
  const segments = parsePath(rest);
  if (!segments?.length) return { error: `cannot parse "${rest}"` };
  const roots = [table.roots[stepType] ?? []].flat();
  const topMembers: Record<string, Member> = { ...table.extraMembers[stepType] };
  for (const root of roots) {
    const s = table.shapes[root];
    if (s?.type !== "structure") return { error: `root ${root} missing` };
    Object.assign(topMembers, s.members);
  }
  const [head, ...tail] = segments;
  if (!("member" in head) || !topMembers[head.member]) return { error: `${stepType} step has no property ${JSON.stringify(head)}` };
  let current = topMembers[head.member].shape;
  for (const seg of tail) {
    const s = table.shapes[current];
    if (!s) return { error: `shape ${current} missing from the table` };
    if (s.type === "object") return { shape: current }; // opaque: anything below is accepted
    if ("member" in seg) {
      if (s.type === "structure" && s.members[seg.member]) current = s.members[seg.member].shape;
      else if (s.type === "map")
        current = s.value; // PropertyFiles.<name>
      else return { error: `${current} has no member ${seg.member}` };
    } else if ("index" in seg) {
      if (s.type !== "list") return { error: `[${seg.index}] on ${current} (${s.type})` };
      current = s.member;
    } else {
      if (s.type === "map") current = s.value;
      else if (s.type === "list" && s.keyField) current = s.member;
      else return { error: `['${seg.key}'] on ${current} (${s.type}${s.type === "list" ? " without keyField" : ""})` };
    }
  }
  return table.shapes[current] ? { shape: current } : { error: `shape ${current} missing from the table` };
}

function collectSteps(steps: Json, into: Map<string, string>): void {
  if (!Array.isArray(steps)) return;
  for (const s of steps) {
    if (!s || typeof s !== "object" || Array.isArray(s)) continue;
    if (typeof s.Name === "string" && typeof s.Type === "string") into.set(s.Name, s.Type);
    const args = s.Arguments;
    if (s.Type === "Condition" && args && typeof args === "object" && !Array.isArray(args)) {
      collectSteps(args.IfSteps, into);
      collectSteps(args.ElseSteps, into);
    }
  }
}

function collectStepGets(node: Json, into: string[]): void {
  if (Array.isArray(node)) node.forEach((n) => collectStepGets(n, into));
  else if (node && typeof node === "object") {
    if (typeof node.Get === "string" && node.Get.startsWith("Steps.")) into.push(node.Get);
    Object.values(node).forEach((v) => collectStepGets(v, into));
  }
}

describe("step property paths", () => {
  const table = readJson(propertiesFile) as unknown as StepProperties;

  test("every member and list/map element of the table points at a shape in the table", () => {
    const missing: string[] = [];
    const check = (shape: string, where: string) => {
      if (!table.shapes[shape]) missing.push(`${where} -> ${shape}`);
    };
    for (const roots of Object.values(table.roots)) for (const r of [roots].flat()) check(r, "roots");
    for (const [type, members] of Object.entries(table.extraMembers))
      for (const [m, def] of Object.entries(members)) check(def.shape, `extraMembers.${type}.${m}`);
    for (const [name, s] of Object.entries(table.shapes)) {
      if (s.type === "structure") for (const [m, def] of Object.entries(s.members)) check(def.shape, `${name}.${m}`);
      if (s.type === "list") check(s.member, `${name}[]`);
      if (s.type === "map") check(s.value, `${name}{}`);
    }
    assert.deepEqual(missing, []);
  });

  test("every Steps.<name>.<path> in the corpus resolves", () => {
    const failures: string[] = [];
    let count = 0;
    for (const file of corpusFiles) {
      const doc = readJson(path.join(corpusDir, file)) as JsonObject;
      const stepTypes = new Map<string, string>();
      collectSteps(doc.Steps, stepTypes);
      const gets: string[] = [];
      collectStepGets(doc.Steps, gets);
      for (const get of gets) {
        count++;
        const m = /^Steps\.([A-Za-z0-9_-]+)\.(.+)$/.exec(get);
        const type = m && stepTypes.get(m[1]);
        if (!m || !type) {
          failures.push(`${file}: ${get}: unknown step`);
          continue;
        }
        const r = resolveStepPath(table, type, m[2]);
        if ("error" in r) failures.push(`${file}: ${get} (${type}): ${r.error}`);
      }
    }
    assert.ok(count > 100, `expected many Steps.* references, found ${count}`);
    assert.deepEqual(failures, []);
  });

  test("the resolver rejects bad paths", () => {
    const bad: Array<[string, string]> = [
      ["Training", "ModelArtifacts.S3ModelArtifact"],
      ["Training", "Properties.ModelArtifacts.S3ModelArtifacts"],
      ["Processing", "ProcessingOutputConfig.Outputs.train"],
      ["Training", "AlgorithmSpecification[0]"],
      ["Fail", "ErrorMessage"],
    ];
    for (const [type, p] of bad) assert.ok("error" in resolveStepPath(table, type, p), `${type} ${p} should not resolve`);
    const good: Array<[string, string, string]> = [
      ["Training", "FinalMetricDataList['val:acc'].Value", "Float"],
      ["Processing", "ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri", "S3Uri"],
      ["Tuning", "TrainingJobSummaries[0].TrainingJobName", "TrainingJobName"],
      ["Training", "ComputingJobStatus", "TrainingJobStatus"],
      ["EMR", "Status.State", "emr.StepState"],
    ];
    for (const [type, p, shape] of good) assert.deepEqual(resolveStepPath(table, type, p), { shape }, `${type} ${p}`);
  });
});
