#!/usr/bin/env node
// Fetches the newest botocore release from PyPI, extracts its SageMaker service model into
// schemas/source/sagemaker-service-2.json, records the version in schemas/source/VERSION, and regenerates schemas/.
//
//   npm run update:api-model [-- --version X.Y.Z]
//
// The wheel is a zip; python3's zipfile (always on the machines this project targets) reads it, so the project
// needs no zip library. botocore stores service models as service-2.json or, since 1.32, service-2.json.gz.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const sourceDir = join(root, "schemas/source");
const wanted = (() => {
  const i = process.argv.indexOf("--version");
  return i > 0 ? process.argv[i + 1] : undefined;
})();

function fail(message) {
  process.stderr.write(`update-api-model: ${message}\n`);
  process.exit(1);
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) fail(`GET ${url}: HTTP ${response.status}`);
  return response;
}

const indexUrl = "https://pypi.org/pypi/botocore/json";
const index = await (await fetchOk(indexUrl)).json();
const version = wanted ?? index.info.version;
const files = wanted ? index.releases?.[wanted] : index.urls;
if (!files) fail(`PyPI lists no botocore ${wanted}`);
const wheel = files.find((u) => u.packagetype === "bdist_wheel");
if (!wheel) fail(`botocore ${version} has no wheel on PyPI`);
// Mirrors of PyPI may answer with addresses relative to the index.
const wheelUrl = new URL(wheel.url, indexUrl).href;

const work = mkdtempSync(join(tmpdir(), "botocore-"));
try {
  const wheelFile = join(work, wheel.filename);
  writeFileSync(wheelFile, Buffer.from(await (await fetchOk(wheelUrl)).arrayBuffer()));
  const extract = `
import gzip, json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if re.fullmatch(r"botocore/data/sagemaker/[^/]+/service-2\\.json(\\.gz)?", n)]
if not names: sys.exit("no botocore/data/sagemaker/*/service-2.json in the wheel")
name = sorted(names)[-1]
data = z.read(name)
if name.endswith(".gz"): data = gzip.decompress(data)
model = json.loads(data)
with open(sys.argv[2], "w") as out: json.dump(model, out, indent=1); out.write("\\n")
print(name)
`;
  const target = join(sourceDir, "sagemaker-service-2.json");
  const result = spawnSync("python3", ["-c", extract, wheelFile, target], { encoding: "utf8" });
  if (result.status !== 0) fail(`extracting the SageMaker model failed: ${result.stderr || result.error?.message}`);
  writeFileSync(join(sourceDir, "VERSION"), `botocore ${version} (${result.stdout.trim()}), sha256 ${wheel.digests?.sha256 ?? "?"}\n`);
  console.log(`schemas/source/sagemaker-service-2.json: botocore ${version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const generate = spawnSync(process.execPath, [join(root, "scripts/generate-schema.mjs")], { stdio: "inherit" });
process.exit(generate.status ?? 1);
