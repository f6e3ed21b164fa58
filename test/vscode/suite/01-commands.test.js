// In-host: the extension activates from the installed .vsix and registers every contributed command.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, activateExtension } = require("./helpers");

suite("activation and commands", () => {
  test("the extension is installed and activates", async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, "sagemaker-pipelines");
  });

  test("every contributed command is registered", async () => {
    await activateExtension();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = fixtures.COMMANDS.filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(", ")}`);
  });

  test("Copy ARN on an execution of the Executions view copies its full ARN", async () => {
    await activateExtension();
    const arn = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/abalone/execution/b6ljc700s359";
    const node = { kind: "execution", pipelineName: "abalone", summary: { PipelineExecutionArn: arn, PipelineExecutionStatus: "Succeeded" } };
    await vscode.env.clipboard.writeText("before");
    await vscode.commands.executeCommand("sagemakerPipelines.copyExecutionArn", node);
    assert.equal(await vscode.env.clipboard.readText(), arn);
  });
});
