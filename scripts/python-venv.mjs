// Prepares a Python virtualenv the interoperability tests run in, and prints where its interpreter is.
//
//   node scripts/python-venv.mjs [--requirements FILE]          → the interpreter's path
//   node scripts/python-venv.mjs [--requirements FILE] --json   → {"python", "dir", "created", "seconds"}
//
// FILE is test/interop/requirements.txt (boto3) unless given; test/interop/requirements-sagemaker-v2.txt and
// -v3.txt pin the SageMaker Python SDK's two major versions. The venv is .cache/python/<kind>-<hash>/ (git-ignored;
// <kind> is boto3 or the FILE's suffix, e.g. sagemaker-v2), made with `python3 -m venv` and filled from PyPI with the
// pinned FILE. The hash covers that file and the base interpreter's version, so changing a pin or the machine's
// Python makes a new venv (older ones of the same kind are removed). It is built in a temporary folder and
// renamed into place only once boto3 imports, so an interrupted run never leaves a half-made venv that looks ready.
// Set INTEROP_PYTHON to use another base interpreter than python3. Exits non-zero, with the reason, when the venv
// cannot be made.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const requirementsOption = process.argv.indexOf("--requirements");
const requirementsFile = resolve(requirementsOption >= 0 ? (process.argv[requirementsOption + 1] ?? "") : join(root, "test/interop/requirements.txt"));
const cacheDir = join(root, ".cache/python");
const basePython = process.env.INTEROP_PYTHON || "python3";
const kind = /^requirements-(.+)\.txt$/.exec(basename(requirementsFile))?.[1] ?? "boto3";
const PREFIX = `${kind}-`;
// The package whose pinned version says the venv is the right one, and a program that imports it and prints its version.
const pinned = kind === "boto3" ? "boto3" : "sagemaker";
const versionProgram = `import importlib.metadata, ${pinned === "boto3" ? "boto3" : "sagemaker"}; print(importlib.metadata.version("${pinned}"))`;

function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.error) return { ok: false, why: `${command} ${args.join(" ")} could not run: ${result.error.message}`, output };
  if (result.status !== 0) {
    const tail = output.split("\n").slice(-25).join("\n");
    return { ok: false, why: `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${tail}`, output };
  }
  return { ok: true, output: result.stdout.trim() };
}

function fail(message) {
  process.stderr.write(`python-venv: ${message}\n`);
  process.exit(1);
}

/** The venv's interpreter works and has the pinned package. */
function usable(dir, version) {
  const python = join(dir, "bin/python");
  if (!existsSync(join(dir, "ready")) || !existsSync(python)) return false;
  const check = run(python, ["-c", versionProgram], 120_000);
  return check.ok && check.output.split("\n").at(-1) === version;
}

const started = Date.now();
const requirements = readFileSync(requirementsFile, "utf8");
const pinnedVersion = new RegExp(`^${pinned}==(\\S+)$`, "m").exec(requirements)?.[1];
if (!pinnedVersion) fail(`${requirementsFile} must pin ${pinned} (${pinned}==X.Y.Z).`);

const version = run(basePython, ["-c", "import sys; print(sys.version)"], 30_000);
if (!version.ok) fail(`no usable Python to build the ${kind} virtualenv with (set INTEROP_PYTHON to choose one). ${version.why}`);

const hash = createHash("sha256").update(requirements).update("\0").update(version.output).digest("hex").slice(0, 12);
const dir = join(cacheDir, `${PREFIX}${hash}`);
let created = false;

if (!usable(dir, pinnedVersion)) {
  created = true;
  mkdirSync(cacheDir, { recursive: true });
  // Builds that were interrupted are of no further use.
  for (const entry of readdirSync(cacheDir)) if (entry.startsWith(`.${PREFIX}`)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  const building = join(cacheDir, `.${PREFIX}${hash}.${process.pid}.tmp`);
  const steps = [
    [basePython, ["-m", "venv", building], 180_000, "python3 -m venv failed (on Debian/Ubuntu the python3-venv package provides it)"],
    [
      join(building, "bin/python"),
      ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "-r", requirementsFile],
      1_200_000,
      `installing the pinned ${kind} requirements from PyPI failed`,
    ],
    [join(building, "bin/python"), ["-c", versionProgram], 120_000, `${pinned} does not import in the new venv`],
  ];
  for (const [command, args, timeout, what] of steps) {
    process.stderr.write(`python-venv: ${command} ${args.join(" ")}\n`);
    const step = run(command, args, timeout);
    if (!step.ok) {
      rmSync(building, { recursive: true, force: true });
      fail(`${what}.\n${step.why}`);
    }
  }
  writeFileSync(join(building, "ready"), `${requirements}\n# ${version.output}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  if (!usable(dir, pinnedVersion)) fail(`the venv at ${dir} does not work after it was moved into place.`);
  // Nor are the venvs of other pins or another Python.
  for (const entry of readdirSync(cacheDir))
    if (entry.startsWith(PREFIX) && join(cacheDir, entry) !== dir) rmSync(join(cacheDir, entry), { recursive: true, force: true });
}

const result = { python: join(dir, "bin/python"), dir, created, seconds: (Date.now() - started) / 1000 };
process.stdout.write(process.argv.includes("--json") ? `${JSON.stringify(result)}\n` : `${result.python}\n`);
