// In-host: the local engine starts on demand in its own process (dist/engine-serve.js, `local serve` alone), stores under the workspace, and stops.
"use strict";
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const { vscode, activateExtension } = require("./helpers");

const { ListPipelinesCommand, SageMakerClient } = require("@aws-sdk/client-sagemaker");

/** ListPipelines signed with the engine's key pair (in the store), as the extension and `local credentials` sign it. */
async function listPipelines(endpoint, store) {
  const credentials = JSON.parse(fs.readFileSync(path.join(store, "credentials.json"), "utf8"));
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  try {
    return await client.send(new ListPipelinesCommand({}));
  } finally {
    client.destroy();
  }
}

async function unsignedStatus(endpoint) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.ListPipelines" },
    body: "{}",
  });
  return response.status;
}

suite("local engine", () => {
  test("Start Local Engine starts it on demand with its store in the workspace; Stop Local Engine stops it", async () => {
    await activateExtension();
    const all = new Set(await vscode.commands.getCommands(true));
    assert.ok(all.has("sagemakerPipelines.startLocalEngine") && all.has("sagemakerPipelines.stopLocalEngine"));

    const running = await vscode.commands.executeCommand("sagemakerPipelines.startLocalEngine");
    assert.ok(running, "the command returns the running engine");
    assert.match(running.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    assert.equal(running.store, path.join(folder, ".sagemaker-pipelines", "local"));
    assert.equal(running.credentials, undefined, "the command does not hand out the key pair");
    assert.ok(fs.existsSync(path.join(running.store, "pipelines")), "the store folder was made");
    assert.notEqual(running.pid, process.pid, "the engine is a child process, not the extension host");
    assert.equal(JSON.parse(fs.readFileSync(path.join(running.store, "engine.lock"), "utf8")).pid, running.pid, "it holds the store's lock");

    const listed = await listPipelines(running.endpoint, running.store);
    assert.deepEqual(listed.PipelineSummaries, []);
    assert.equal(await unsignedStatus(running.endpoint), 403, "an unsigned request is refused");

    const again = await vscode.commands.executeCommand("sagemakerPipelines.startLocalEngine");
    assert.equal(again.endpoint, running.endpoint, "a second request reuses the running engine");

    await vscode.commands.executeCommand("sagemakerPipelines.stopLocalEngine");
    await assert.rejects(unsignedStatus(running.endpoint), "the endpoint is closed after Stop");
  });
});
