// Tests for scripts/generate-validator.mjs (the schema's validators as ajv standalone code, compiled ahead of time):
//   (a) each rewrite of ajv's output fails loudly when its pattern is not there;
//   (b) the generated validators give the same verdicts and the same error objects (verbose: schema,
//       parentSchema, data included) as the schema compiled by ajv at run time, on the corpus and on broken copies of it.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import { appendInPlace, checkRequires, RewriteError, STEP_REF, withoutStepItems } from "../../scripts/generate-validator.mjs";
import { root, step } from "../../core/src/schema/validators.generated";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const corpusDir = path.join(repoRoot, "test/fixtures/corpus");
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schemas/pipeline-definition.schema.json"), "utf8")) as { $id: string };

describe("rewrites of ajv's generated code", () => {
  const ajvConcat = "if (errors > 0) { vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors); errors = vErrors.length; }";

  test("appendInPlace replaces the concat with an in-place push", () => {
    const out = appendInPlace(`${ajvConcat} ${ajvConcat.replaceAll("validate12", "wrapper0.validate")}`);
    assert.ok(!out.includes("concat"), out);
    assert.match(out, /if \(vErrors === null\) vErrors = validate12\.errors; else for \(const smpError of validate12\.errors\) vErrors\.push\(smpError\);/);
    assert.match(out, /for \(const smpError of wrapper0\.validate\.errors\)/);
  });

  test("appendInPlace fails when ajv's output has no such concat (it changed shape)", () => {
    assert.throws(() => appendInPlace("function validate10(data) { let vErrors = null; return errors === 0; }"), RewriteError);
    assert.throws(() => appendInPlace(""), RewriteError);
  });

  test("appendInPlace fails when a concat the pattern does not cover is left", () => {
    const other = "vErrors = vErrors.concat(validate13.errors);";
    assert.throws(
      () => appendInPlace(`${ajvConcat} ${other}`),
      (e: Error) => e instanceof RewriteError && /1 `vErrors\.concat\(` left/.test(e.message),
    );
  });

  test("checkRequires accepts ajv's runtime helpers only", () => {
    assert.doesNotThrow(() => checkRequires('const func2 = require("ajv/dist/runtime/ucs2length").default;'));
    assert.throws(() => checkRequires('const x = require("ajv/dist/compile/codegen");'), RewriteError);
  });
});

/** The validators as core/src/schema/validator.ts compiled them at first use before they were generated. */
function compiledAtRunTime(): { root: ValidateFunction; step: ValidateFunction } {
  const split = withoutStepItems(schema);
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    code: { process: (code: string) => (code.includes("vErrors.concat") ? appendInPlace(code) : code) },
  });
  const compiledRoot = ajv.compile(split);
  const compiledStep = ajv.getSchema(`${split.$id}${STEP_REF}`);
  assert.ok(compiledStep);
  return { root: compiledRoot, step: compiledStep };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Broken copies of a definition: members renamed, values of the wrong type, members removed, steps replaced. */
function mutations(value: Json): Json[] {
  const copy = () => JSON.parse(JSON.stringify(value)) as Json;
  const walk = (node: Json, visit: (object: { [key: string]: Json }, depth: number) => void, depth = 0): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, visit, depth + 1));
    else if (node && typeof node === "object") {
      visit(node, depth);
      for (const v of Object.values(node)) walk(v, visit, depth + 1);
    }
  };
  const renamed = copy();
  let i = 0;
  walk(renamed, (o) => {
    if (i++ % 3 === 0) o.UnknownMember = 1;
  });
  const retyped = copy();
  i = 0;
  walk(retyped, (o) => {
    for (const k of Object.keys(o))
      if (i++ % 4 === 0) o[k] = typeof o[k] === "string" ? 12 : typeof o[k] === "number" ? "twelve" : typeof o[k] === "object" ? "x" : null;
  });
  const removed = copy();
  i = 0;
  walk(removed, (o) => {
    for (const k of Object.keys(o)) if (i++ % 5 === 0) delete o[k];
  });
  const steps = copy();
  if (steps && typeof steps === "object" && !Array.isArray(steps) && Array.isArray(steps.Steps))
    steps.Steps.push("x", 1, null, [], {}, { Type: "Nope" }, { Name: "A", Type: "Condition", Arguments: { IfSteps: [1], ElseSteps: [{}] } });
  return [renamed, retyped, removed, steps, [], "x", null];
}

/** Every step the validator module checks: top-level ones and Condition branches, depth first. */
function stepsOf(value: Json): Json[] {
  const out: Json[] = [];
  const visit = (steps: Json) => {
    if (!Array.isArray(steps)) return;
    for (const s of steps) {
      out.push(s);
      const args = s && typeof s === "object" && !Array.isArray(s) && s.Type === "Condition" ? s.Arguments : undefined;
      if (args && typeof args === "object" && !Array.isArray(args)) {
        visit(args.IfSteps);
        visit(args.ElseSteps);
      }
    }
  };
  if (value && typeof value === "object" && !Array.isArray(value)) visit(value.Steps);
  return out;
}

test("the generated validators match the schema compiled at run time: verdicts and error objects (verbose)", () => {
  const runtime = compiledAtRunTime();
  const run = (validate: ValidateFunction, value: Json) => (validate(value) ? [] : [...(validate.errors ?? [])]);
  let documents = 0;
  let errors = 0;
  for (const file of fs
    .readdirSync(corpusDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const original = JSON.parse(fs.readFileSync(path.join(corpusDir, file), "utf8")) as Json;
    for (const value of [original, ...mutations(original)]) {
      documents++;
      const expected = run(runtime.root, value);
      assert.deepStrictEqual(run(root, value), expected, `${file}: root`);
      errors += expected.length;
      for (const s of stepsOf(value)) {
        const expectedStep = run(runtime.step, s);
        assert.deepStrictEqual(run(step, s), expectedStep, `${file}: step`);
        errors += expectedStep.length;
      }
    }
  }
  assert.ok(documents > 100 && errors > 1000, `${documents} documents, ${errors} errors: the comparison covers too little`);
});

test("the bundles carry ajv's runtime helpers only, not its compiler (npm run build's unminified bundles)", (t) => {
  // The client asks the language server to lint (LintRequest): no ajv module at all.
  for (const name of ["cli-main.js", "cli-commands.js", "server.js", "client.js"]) {
    const bundle = path.join(repoRoot, "dist", name);
    if (!fs.existsSync(bundle)) return t.skip("dist/ is not built");
    const text = fs.readFileSync(bundle, "utf8");
    // esbuild marks each module of an unminified bundle with a `// path` line.
    if (!/^\/\/ (core\/src|node_modules)\//m.test(text)) return t.skip(`dist/${name} is minified (npm run package)`);
    const modules = [...text.matchAll(/^\/\/ node_modules\/ajv\/(\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(
      modules.filter((m) => !m.startsWith("dist/runtime/")),
      [],
      `dist/${name} bundles ajv modules beyond its runtime helpers`,
    );
    if (name === "client.js") assert.deepEqual(modules, [], "dist/client.js bundles the validators");
    else assert.ok(modules.length > 0, `dist/${name}: no ajv runtime helper found`);
  }
});
