#!/usr/bin/env node
// dist/cli.js, the `sagemaker-pipelines` command: runs the CLI bundle dist/cli-main.js (cli/src/main.ts)
// with the V8 code cache that scripts/build.mjs made for it (dist/cli-main.js.cache), so that a short
// `lint` does not spend most of its time parsing the bundle (the schema validators are ~2 MB of code).
//
// The cache is used only when it was made from these exact bytes (its first 40 bytes are the bundle's
// SHA-1) and V8 accepts it (same V8 version and flags); otherwise the bundle is compiled as usual.
// SAGEMAKER_PIPELINES_WRITE_CODE_CACHE=1 writes the cache when the process exits (the build does it);
// SAGEMAKER_PIPELINES_CODE_CACHE_REPORT=1 says on stderr whether the cache was used.
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const file = join(__dirname, "cli-main.js");
const cacheFile = `${file}.cache`;
const bytes = readFileSync(file);
const hash = createHash("sha1").update(bytes).digest("hex");
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  if (cache.toString("latin1", 0, 40) === hash) cachedData = cache.subarray(40);
} catch {
  // no cache: compile as usual
}
const script = new vm.Script(Module.wrap(bytes.toString("utf8").replace(/^#!.*/, "")), { filename: file, cachedData });
if (process.env.SAGEMAKER_PIPELINES_CODE_CACHE_REPORT === "1") {
  process.stderr.write(`code cache: ${cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used"}\n`);
}
if (process.env.SAGEMAKER_PIPELINES_WRITE_CODE_CACHE === "1") {
  // After the run, so that the functions it compiled (lazily) are in the cache too.
  process.once("exit", () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(hash, "latin1"), script.createCachedData()])));
}
const main = new Module(file, module);
main.filename = file;
main.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(main.exports, main.exports, Module.createRequire(file), main, file, __dirname);
main.loaded = true;
