import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ESLint } from "eslint";

/**
 * The layer boundaries are an ESLint rule (eslint.config.mjs), run by `npm test` through `npm run lint`.
 * These tests lint made-up files placed in each layer, so they show that a crossing import fails the lint.
 */
const root = join(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "layers/dynamic-imports").map((m) => m.message);
}

test("boundaries: the CLI may not import the VS Code client", async () => {
  const errors = await boundaryErrors("cli/src/made-up.ts", `import { activate } from "../../client/src/extension";\nexport const a = activate;\n`);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cli layer may not import the client layer/);
});

test("boundaries: other layers reach the core only through its entry", async () => {
  const deep = await boundaryErrors("server/src/made-up.ts", `import { hover } from "../../core/src/features/hover";\nexport const h = hover;\n`);
  assert.equal(deep.length, 1);
  assert.match(deep[0], /through its entry \(core\/src\)/);
  assert.deepEqual(await boundaryErrors("server/src/made-up.ts", `import { analyze } from "../../core/src";\nexport const a = analyze;\n`), []);
});

test("boundaries: the core imports no platform module and no other layer", async () => {
  const errors = await boundaryErrors(
    "core/src/made-up.ts",
    `import { readFileSync } from "node:fs";\nimport * as vscode from "vscode";\nimport { x } from "../../engine/src";\nexport const r = [readFileSync, vscode, x];\n`,
  );
  assert.equal(errors.length, 3, errors.join("\n"));
});

test("boundaries: the engine may not import the SageMaker client layer, the server or the client", async () => {
  for (const target of ["sagemaker", "server", "client"]) {
    const errors = await boundaryErrors("engine/src/made-up.ts", `import { x } from "../../${target}/src";\nexport const y = x;\n`);
    assert.equal(errors.length, 1, `${target}: ${errors.join("\n")}`);
  }
});

test("boundaries: inside a layer, deep imports are free", async () => {
  assert.deepEqual(await boundaryErrors("core/src/features/made-up.ts", `import { parseDocument } from "../parse";\nexport const p = parseDocument;\n`), []);
});

test("boundaries: import() and require() cross no boundary either", async () => {
  const errors = await boundaryErrors(
    "cli/src/made-up.ts",
    `export const a = () => import("../../client/src/extension");\nexport const b = () => import("../../engine/src/store");\nexport const c = require("../../server/src");\n`,
  );
  assert.equal(errors.length, 3, errors.join("\n"));
  assert.match(errors[0], /cli layer may not import the client layer/);
  assert.match(errors[1], /through its entry \(engine\/src\)/);
  assert.match(errors[2], /cli layer may not import the server layer/);
  assert.deepEqual(await boundaryErrors("core/src/made-up.ts", `export const f = () => import("node:fs");\n`).then((e) => e.length), 1);
  // The client's lazy entries (client/src/lazy.ts) and a layer's own files stay allowed.
  assert.deepEqual(
    await boundaryErrors("client/src/made-up.ts", `export const e = () => import("../../engine/src");\nexport const l = () => import("./lazy");\n`),
    [],
  );
});

test("boundaries: the core imports no Node built-in by its bare name, and its own files keep any name", async () => {
  const errors = await boundaryErrors(
    "core/src/made-up.ts",
    `import { join } from "path";\nimport { readFile } from "fs/promises";\nexport const c = [join, readFile];\n`,
  );
  assert.equal(errors.length, 2, errors.join("\n"));
  assert.deepEqual(await boundaryErrors("core/src/made-up.ts", `import { u } from "./url";\nexport const c = u;\n`), []);
});
