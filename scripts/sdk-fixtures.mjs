// Builds pipeline definitions with the real SageMaker Python SDK, v2 and v3, offline (test/sdk/generate.py).
//
//   node scripts/sdk-fixtures.mjs                 regenerate test/fixtures/sdk/v2 and v3 in place
//   node scripts/sdk-fixtures.mjs --out DIR       write DIR/v2 and DIR/v3 instead (the interop drift check)
//   node scripts/sdk-fixtures.mjs --major 3 ...   one major version only
//
// Each major version runs in the venv the interop tests drive local serve with (scripts/python-venv.mjs with the pinned
// test/interop/requirements-sagemaker-v<N>.txt, which has moto for the uploads). Exits non-zero, with the reason, when a
// venv or a definition cannot be made.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;

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

/** The interpreter of one SDK major version's venv (the interop tests' own, made by python-venv.mjs when missing). */
function venv(major) {
  const requirements = join(root, `test/interop/requirements-sagemaker-v${major}.txt`);
  const made = run(process.execPath, [join(root, "scripts/python-venv.mjs"), "--requirements", requirements, "--json"], 1_800_000);
  if (!made.ok) fail(`the SDK v${major} venv could not be made.\n${made.why}`);
  return JSON.parse(made.output.split("\n").at(-1)).python;
}

const out = resolve(option("--out") ?? join(root, "test/fixtures/sdk"));
const majors = option("--major") ? [option("--major")] : ["2", "3"];
for (const major of majors) {
  const python = venv(major);
  const target = join(out, `v${major}`);
  // A regeneration replaces the folder: a definition the generator no longer makes must not linger.
  rmSync(target, { recursive: true, force: true });
  const made = run(python, [join(root, "test/sdk/generate.py"), target], 600_000, { ...process.env, PYTHONDONTWRITEBYTECODE: "1" });
  if (!made.ok) fail(`generating the v${major} definitions failed.\n${made.why}`);
  process.stdout.write(`${made.output.split("\n").pop()}\n`);
}
