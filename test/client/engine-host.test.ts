import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreatePipelineCommand, ListPipelinesCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { LocalEngineHost, type EngineHostSettings, type RunningEngine } from "../../client/src/local/engine-host";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const client = ({ endpoint, credentials }: RunningEngine) => new SageMakerClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const pipelineNames = async (engine: RunningEngine) => {
  const sagemaker = client(engine);
  try {
    return (await sagemaker.send(new ListPipelinesCommand({}))).PipelineSummaries?.map((p) => p.PipelineName) ?? [];
  } finally {
    sagemaker.destroy();
  }
};
const refused = async (endpoint: string) =>
  fetch(`${endpoint}/ping`).then(
    () => false,
    () => true,
  );
const definition = JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "F", Type: "Fail", Arguments: { ErrorMessage: "x" } }] });

function setup(t: TestContext) {
  const root = mkdtempSync(join(tmpdir(), "smp-host-"));
  const settings: EngineHostSettings = { store: join(root, "store"), runner: "host", baseDir: root };
  const lines: string[] = [];
  const host = new LocalEngineHost(
    () => ({ ...settings }),
    (line) => lines.push(line),
  );
  t.after(async () => {
    await host.stop(); // (stopping twice is fine) the engine writes no more into the folder
    rmSync(root, { recursive: true, force: true });
  });
  return { root, settings, lines, host };
}

test("engine host: nothing runs until the first request; concurrent first requests start one engine", async (t) => {
  const { host, lines } = setup(t);
  t.after(() => host.stop());
  assert.equal(host.isRunning, false);
  const [a, b] = await Promise.all([host.start(), host.start()]);
  assert.equal(a.endpoint, b.endpoint);
  assert.match(a.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(lines.filter((l) => l.startsWith("Local engine listening")).length, 1);
  assert.deepEqual(await pipelineNames(a), []);
  assert.equal((await host.start()).endpoint, a.endpoint, "a later request reuses the running engine");
});

test("engine host: stop closes the endpoint; the next request starts it again on the same store, records intact", async (t) => {
  const { host, settings } = setup(t);
  t.after(() => host.stop());
  const first = await host.start();
  const sagemaker = client(first);
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: "kept", PipelineDefinition: definition, RoleArn: "arn:aws:iam::000000000000:role/R" }));
  sagemaker.destroy();
  await host.stop();
  assert.equal(host.isRunning, false);
  assert.ok(await refused(first.endpoint), "the old endpoint no longer answers");
  const second = await host.start();
  assert.equal(second.store, settings.store);
  assert.deepEqual(await pipelineNames(second), ["kept"]);
  await host.stop();
  await host.stop();
});

test("engine host: a settings change restarts the engine on the new store", async (t) => {
  const { host, settings, root, lines } = setup(t);
  t.after(() => host.stop());
  const first = await host.start();
  const sagemaker = client(first);
  await sagemaker.send(new CreatePipelineCommand({ PipelineName: "old-store", PipelineDefinition: definition, RoleArn: "arn:aws:iam::000000000000:role/R" }));
  sagemaker.destroy();
  settings.store = join(root, "other-store");
  const second = await host.start();
  assert.equal(second.store, join(root, "other-store"));
  assert.ok(await refused(first.endpoint));
  assert.deepEqual(await pipelineNames(second), []);
  assert.ok(lines.some((l) => /settings changed: restarting/.test(l)));
});

test("engine host: a start that fails is reported, and a later request tries again", async (t) => {
  const { host, settings, root } = setup(t);
  t.after(() => host.stop());
  const blocked = join(root, "a-file");
  writeFileSync(blocked, "not a folder");
  settings.store = join(blocked, "store");
  await assert.rejects(host.start(), /ENOTDIR|not a directory|EEXIST/i);
  assert.equal(host.isRunning, false);
  settings.store = join(root, "store");
  assert.match((await host.start()).endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
});
