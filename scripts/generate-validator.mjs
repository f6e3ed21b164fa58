// Compiles the pipeline schema's validators ahead of time with ajv's standalone code, so that no process
// (CLI, language server, tests) compiles the 14k-line schema at start (~1.5 s and ~60 MiB with ajv's compiler).
//
//   node scripts/generate-validator.mjs [--force] [--check]
//
// Writes core/src/schema/validators.generated.js (git-ignored; its types are the committed
// validators.generated.d.ts beside it). `npm run build` and scripts/run-tests.mjs call ensureValidator(),
// which regenerates only when the schema, this script, ajv or esbuild changed (a hash in the file's first
// line), so a fresh clone gets it on its first build or test run and it can never be stale.
//
// The module exports two ajv ValidateFunctions compiled with `{allErrors: true, strict: false, verbose: true}`:
//   root  the whole definition, from a copy of the schema whose `items: {"$ref": "#/definitions/Step"}`
//         (top-level Steps and Condition branches) are `items: {}`;
//   step  `#/definitions/Step`, which core/src/schema/validator.ts applies to each step itself.
// At run time it needs only ajv's runtime helpers (ajv/dist/runtime/ucs2length, equal), not its compiler.
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { transformSync } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
export const SCHEMA_FILE = `${root}schemas/pipeline-definition.schema.json`;
export const OUTPUT_FILE = `${root}core/src/schema/validators.generated.js`;
export const STEP_REF = "#/definitions/Step";

/** A rewrite of ajv's generated code that did not find what it rewrites: ajv's output changed shape. */
export class RewriteError extends Error {}

/**
 * ajv gathers a referenced schema's errors with `vErrors = vErrors === null ? callee.errors : vErrors.concat(callee.errors)`,
 * which copies everything gathered so far: an array of N failing `$ref`'d items costs O(N²). Appending in
 * place is what ajv does with its own errors already (it pushes into arrays it adopted from callees).
 *
 * Throws a RewriteError unless the pattern occurs and no `vErrors.concat` is left afterwards: a silent
 * non-match would bring the quadratic error collection back.
 */
const CONCAT = /vErrors = vErrors === null \? ([\w$.]+) : vErrors\.concat\(\1\);/g;
export function appendInPlace(code) {
  let count = 0;
  const rewritten = code.replace(CONCAT, (_, errors) => {
    count++;
    return `if (vErrors === null) vErrors = ${errors}; else for (const smpError of ${errors}) vErrors.push(smpError);`;
  });
  if (count === 0)
    throw new RewriteError(
      "appendInPlace: ajv's generated code has no `vErrors = vErrors === null ? X : vErrors.concat(X);` any more; update the pattern in scripts/generate-validator.mjs",
    );
  const left = rewritten.split("vErrors.concat(").length - 1;
  if (left > 0)
    throw new RewriteError(
      `appendInPlace: ${left} \`vErrors.concat(\` left after rewriting ${count}: ajv gathers errors in a form the pattern does not cover; update scripts/generate-validator.mjs`,
    );
  return rewritten;
}

/** Every rewrite of ajv's standalone output, in order; each one throws when it does not apply. */
export const REWRITES = [appendInPlace];

/**
 * Runtime requires the standalone code may make: ajv's small runtime helpers only. Anything else (notably
 * ajv's compiler, `ajv/dist/compile/...`) would end up in the bundles.
 */
export function checkRequires(code) {
  const requires = [...code.matchAll(/require\(\s*(["'])([^"']+)\1\s*\)/g)].map((m) => m[2]);
  const outside = requires.filter((r) => !r.startsWith("ajv/dist/runtime/"));
  if (outside.length > 0) throw new RewriteError(`the standalone validators require ${[...new Set(outside)].join(", ")}: only ajv/dist/runtime/* is expected`);
  return code;
}

/** A deep copy of the schema with every `items: {"$ref": "#/definitions/Step"}` replaced by `items: {}`. */
export function withoutStepItems(value) {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === "items" && v && typeof v === "object" && v.$ref === STEP_REF ? {} : v));
}

/**
 * The module's source: ajv's standalone code (CommonJS, exports `root` and `step`) after REWRITES,
 * minified (a third less to read and parse at every start: the code is ~3 MB, most of the bundles).
 */
export function generateValidatorCode(schema) {
  const split = withoutStepItems(schema);
  // The options the validators had when core/src/schema/validator.ts compiled them at first use.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true, esm: false } });
  ajv.addSchema(split);
  const code = checkRequires(REWRITES.reduce((c, rewrite) => rewrite(c), standaloneCode(ajv, { root: split.$id, step: `${split.$id}${STEP_REF}` })));
  return transformSync(code, { loader: "js", minify: true, target: "node20", legalComments: "none" }).code;
}

function inputsHash() {
  const hash = createHash("sha256");
  hash.update(readFileSync(SCHEMA_FILE));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const dependency of ["ajv", "esbuild"]) hash.update(JSON.parse(readFileSync(require.resolve(`${dependency}/package.json`), "utf8")).version);
  return hash.digest("hex").slice(0, 16);
}

function currentHash() {
  try {
    return /^\/\/ inputs ([0-9a-f]+)\n/.exec(readFileSync(OUTPUT_FILE, "utf8").slice(0, 200))?.[1];
  } catch {
    return undefined;
  }
}

/** Writes OUTPUT_FILE unless it is up to date; returns whether it did. */
export function ensureValidator({ force = false } = {}) {
  const hash = inputsHash();
  if (!force && currentHash() === hash) return false;
  const code = generateValidatorCode(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
  const header = `// inputs ${hash}\n// Generated by scripts/generate-validator.mjs from schemas/pipeline-definition.schema.json (ajv standalone code). Do not edit; not committed.\n`;
  // Written aside and renamed, so that a concurrent build or test never reads half a file.
  const temporary = `${OUTPUT_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, `${header}${code}\n`);
  renameSync(temporary, OUTPUT_FILE);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args.includes("--check")) {
    const fresh = currentHash() === inputsHash();
    console.log(fresh ? "validators.generated.js is up to date" : "validators.generated.js is missing or stale");
    process.exit(fresh ? 0 : 1);
  }
  const t0 = performance.now();
  const written = ensureValidator({ force: args.includes("--force") });
  console.log(written ? `wrote ${OUTPUT_FILE} in ${((performance.now() - t0) / 1000).toFixed(1)} s` : `${OUTPUT_FILE} is up to date`);
}
