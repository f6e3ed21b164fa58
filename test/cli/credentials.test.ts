import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ListPipelinesCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { LocalEngine } from "../../engine/src";
import { RecordingRunner } from "../engine/helpers";
import { tempDir } from "../helpers/temp";

/** `sagemaker-pipelines local credentials`: the engine's key pair for boto3, the AWS CLI and other SDKs. */

const cli = join(import.meta.dirname, "../../dist/cli.js");
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const credentials = (...args: string[]) => spawnSync(process.execPath, [cli, "local", "credentials", ...args], { encoding: "utf8", timeout: 30_000 });

test("local credentials: makes the key pair on first use and prints it as JSON and as shell exports, the same each time", async (t) => {
  const store = join(tempDir(t, "smp-cli-key-"), "it's a store");
  assert.equal(existsSync(store), false);
  const json = credentials("--store", store, "--format", "json");
  assert.equal(json.status, 0, json.stderr);
  const key = JSON.parse(json.stdout) as { accessKeyId: string; secretAccessKey: string };
  assert.deepEqual(Object.keys(key), ["accessKeyId", "secretAccessKey"]);
  assert.match(key.accessKeyId, /^AKIALOCAL/);
  assert.equal(statSync(join(store, "credentials.json")).mode & 0o777, 0o600);

  const env = credentials("--store", store);
  assert.equal(env.status, 0, env.stderr);
  assert.match(env.stdout, /^export AWS_ACCESS_KEY_ID='AKIALOCAL[A-Z2-7]+'\nexport AWS_SECRET_ACCESS_KEY='[^']+'\n$/);
  // What a shell gets from `eval "$(sagemaker-pipelines local credentials --store …)"`.
  const shell = spawnSync("sh", ["-c", 'eval "$(cat)" && printf "%s\\n%s" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"'], {
    input: env.stdout,
    encoding: "utf8",
  });
  assert.equal(shell.stdout, `${key.accessKeyId}\n${key.secretAccessKey}`);

  // The engine on that store accepts the printed pair.
  const engine = new LocalEngine({ root: store, runner: new RecordingRunner() });
  t.after(() => engine.close());
  const client = new SageMakerClient({ endpoint: await engine.listen(), region: "us-west-2", credentials: key, maxAttempts: 1 });
  t.after(() => client.destroy());
  assert.deepEqual((await client.send(new ListPipelinesCommand({}))).PipelineSummaries, []);
});

test("local credentials: an unknown format is a usage error", (t) => {
  const result = credentials("--store", tempDir(t, "smp-cli-key-"), "--format", "yaml");
  assert.equal(result.status, 2);
  assert.match(result.stderr, /Allowed choices are env, json/);
});
