// Builds pipeline definitions with the real SageMaker Python SDK, v2 and v3, offline (test/sdk/generate.py).
//
//   node scripts/sdk-fixtures.mjs                 regenerate test/fixtures/sdk/v2 and v3 in place
//   node scripts/sdk-fixtures.mjs --out DIR       write DIR/v2 and DIR/v3 instead (the interop drift check)
//   node scripts/sdk-fixtures.mjs --major 3 ...   one major version only
//
// Each major version gets its venv in .cache/python/sdk-v<N>-<hash>/ (git-ignored), made with `python3 -m venv` and
// filled from PyPI with the pinned test/sdk/requirements-v<N>.txt; the hash covers that file and the base interpreter's
// version. It is built in a temporary folder and renamed into place once `sagemaker` imports. INTEROP_PYTHON picks
// another base interpreter than python3. Exits non-zero, with the reason, when a venv or a definition cannot be made.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const cacheDir = join(root, ".cache/python");
const basePython = process.env.INTEROP_PYTHON || "python3";

function run(command, args, timeoutMs, env = process.env) {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.error) return { ok: false, why: `${command} ${args.join(" ")} could not run: ${result.error.message}`, output };
  if (result.status !== 0) {
    const tail = output.split("\n").slice(-25).join("\n");
    return { ok: false, why: `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${tail}`, output };
  }
  return { ok: true, output: result.stdout.trim() };
}

function fail(message) {
  process.stderr.write(`sdk-fixtures: ${message}\n`);
  process.exit(1);
}

function option(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The venv of one SDK major version, made when missing. */
function venv(major, pythonVersion) {
  const requirementsFile = join(root, `test/sdk/requirements-v${major}.txt`);
  const requirements = readFileSync(requirementsFile, "utf8");
  const sdkVersion = /^sagemaker==(\S+)$/m.exec(requirements)?.[1];
  if (!sdkVersion) fail(`${requirementsFile} must pin sagemaker (sagemaker==X.Y.Z).`);
  const prefix = `sdk-v${major}-`;
  const hash = createHash("sha256").update(requirements).update("\0").update(pythonVersion).digest("hex").slice(0, 12);
  const dir = join(cacheDir, `${prefix}${hash}`);
  const python = join(dir, "bin/python");
  const check = ["-c", "from importlib.metadata import version; print(version('sagemaker'))"];
  const usable = () => existsSync(join(dir, "ready")) && run(python, check, 60_000).output === sdkVersion;
  if (usable()) return python;
  mkdirSync(cacheDir, { recursive: true });
  for (const entry of readdirSync(cacheDir)) if (entry.startsWith(`.${prefix}`)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  const building = join(cacheDir, `.${prefix}${hash}.${process.pid}.tmp`);
  const steps = [
    [basePython, ["-m", "venv", building], 180_000, "python3 -m venv failed (on Debian/Ubuntu the python3-venv package provides it)"],
    [
      join(building, "bin/python"),
      ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "-r", requirementsFile],
      1_200_000,
      `installing the pinned SageMaker Python SDK ${sdkVersion} from PyPI failed`,
    ],
  ];
  for (const [command, args, timeout, what] of steps) {
    process.stderr.write(`sdk-fixtures: ${command} ${args.join(" ")}\n`);
    const step = run(command, args, timeout);
    if (!step.ok) {
      rmSync(building, { recursive: true, force: true });
      fail(`${what}.\n${step.why}`);
    }
  }
  writeFileSync(join(building, "ready"), `${requirements}\n# ${pythonVersion}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  if (!usable()) fail(`the venv at ${dir} does not import sagemaker ${sdkVersion}.`);
  for (const entry of readdirSync(cacheDir))
    if (entry.startsWith(prefix) && join(cacheDir, entry) !== dir) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  return python;
}

const out = resolve(option("--out") ?? join(root, "test/fixtures/sdk"));
const majors = option("--major") ? [option("--major")] : ["2", "3"];
const version = run(basePython, ["-c", "import sys; print(sys.version)"], 30_000);
if (!version.ok) fail(`no usable Python (set INTEROP_PYTHON to choose one). ${version.why}`);

for (const major of majors) {
  const python = venv(major, version.output);
  const target = join(out, `v${major}`);
  // A regeneration replaces the folder: a definition the generator no longer makes must not linger.
  rmSync(target, { recursive: true, force: true });
  const made = run(python, [join(root, "test/sdk/generate.py"), target], 600_000, { ...process.env, PYTHONDONTWRITEBYTECODE: "1" });
  if (!made.ok) fail(`generating the v${major} definitions failed.\n${made.why}`);
  process.stdout.write(`${made.output.split("\n").pop()}\n`);
}
