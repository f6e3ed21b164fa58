import { test } from "node:test";
import assert from "node:assert/strict";
import type { CodeLens, Hover, MarkupContent } from "vscode-languageserver-protocol";
import { ExecutionHistory, localConnection, runPipeline as runWith, type Connection, type RunDialogs, type RunInput } from "../../sagemaker/src";
import { LineIndex } from "../../core/src";
import { LintRequest, SetCacheContextNotification, type CacheContextParams } from "../../protocol/src";
import { abaloneLikeDefinition, startEngine, stepsOf, waitForExecution } from "../engine/helpers";
import { LspClient } from "../helpers/lsp";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const confirmEverything: RunDialogs = { offerFix: async () => false, editParameters: async (_v, _e, o) => o, confirm: async () => "run" };

/** The editor's text: the example with Train cached for a day and its max_depth hyperparameter written as given. */
function definitionWith(maxDepth: string): string {
  const definition = JSON.parse(abaloneLikeDefinition());
  const train = definition.Steps[1];
  train.CacheConfig = { Enabled: true, ExpireAfter: "P1D" };
  train.Arguments.HyperParameters = { max_depth: maxDepth };
  return JSON.stringify(definition, null, 2);
}

test(
  "cache insight end to end: run, edit a hyperparameter → miss with its diff; revert → hit from the first run; run again → the engine hits as predicted",
  { timeout: 60_000 },
  async (t) => {
    const engine = await startEngine();
    engine.runner.files.set("Eval", { evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: 1 } } }) } });
    const connection = localConnection(engine.endpoint, engine.engine.credentials);
    const lsp = await LspClient.start();
    t.after(async () => {
      await lsp.stop();
      connection.client.destroy();
      engine.client.destroy();
      await engine.engine.close();
    });
    // As in the editor: the check before each run is the language server's LintRequest.
    const runPipeline = (connection: Connection, input: RunInput, dialogs: RunDialogs, options: { history?: ExecutionHistory } = {}) =>
      runWith(connection, input, dialogs, { lint: (uri, text) => lsp.send(LintRequest.type, { uri, text }), ...options });
    const input = (text: string) => ({
      text,
      pipelineName: "abalone",
      roleArn: "arn:aws:iam::000000000000:role/R",
      request: { kind: "pipeline" as const },
      referenceLatest: true,
    });

    const original = definitionWith("5");
    const first = await runPipeline(connection, input(original), confirmEverything);
    assert.equal(first.status, "started");
    const firstArn = (first as { executionArn: string }).executionArn;
    assert.equal((await waitForExecution(engine.client, firstArn)).PipelineExecutionStatus, "Succeeded");

    const history = new ExecutionHistory();
    const uri = await lsp.open(definitionWith("6"));
    const sendContext = async () => {
      const params: CacheContextParams = { uri, executions: await history.recent(connection.client, "abalone", 20), parameters: {} };
      await lsp.notify(SetCacheContextNotification.type, params);
    };
    await sendContext();
    const hoverOnTrain = async (text: string) => {
      const offset = text.indexOf('"Name": "Train"') + '"Name": "'.length + 1;
      const result = await lsp.connection.sendRequest<Hover | null>("textDocument/hover", {
        textDocument: { uri },
        position: new LineIndex(text).positionAt(offset),
      });
      return (result?.contents as MarkupContent | undefined)?.value ?? "";
    };
    const trainLens = async () => {
      const lenses = await lsp.connection.sendRequest<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
      return lenses.map((l) => l.command?.title ?? "").filter((title) => title.startsWith("Cache:"));
    };

    const edited = definitionWith("6");
    const missHover = await hoverOnTrain(edited);
    assert.match(missHover, /HyperParameters\.max_depth: "5" → "6"/);
    assert.match(missHover, /miss/i);
    assert.ok((await trainLens()).includes("Cache: miss (1 key change)"), JSON.stringify(await trainLens()));

    await lsp.change(uri, original);
    const hitHover = await hoverOnTrain(original);
    const firstId = firstArn.split("/").pop()!;
    assert.match(hitHover, /hit/i);
    assert.ok(hitHover.includes(firstId), `the hover names the first run ${firstId}:\n${hitHover}`);
    assert.ok(
      (await trainLens()).some((title) => title.startsWith(`Cache: hit (from ${firstId}, expires in `)),
      JSON.stringify(await trainLens()),
    );

    engine.clock.now += 60_000;
    const second = await runPipeline(connection, input(original), confirmEverything);
    const secondArn = (second as { executionArn: string }).executionArn;
    assert.equal((await waitForExecution(engine.client, secondArn)).PipelineExecutionStatus, "Succeeded");
    const steps = await stepsOf(engine.client, secondArn);
    assert.equal(steps.Train.CacheHitResult?.SourcePipelineExecutionArn, firstArn, "the engine hit the run the hover named");
  },
);

test("the Run lens carries the run's estimate from the past runs the client sent: the critical path of the step medians", async (t) => {
  const lsp = await LspClient.start();
  t.after(() => lsp.stop());
  const step = (name: string, dependsOn?: string[]) => ({
    Name: name,
    Type: "Processing",
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 1 } },
      AppSpecification: { ImageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" },
      RoleArn: "arn:aws:iam::123456789012:role/R",
    },
  });
  const text = JSON.stringify({ Version: "2020-12-01", Parameters: [], Steps: [step("Prepare"), step("Train", ["Prepare"]), step("Report")] }, null, 2);
  const uri = await lsp.open(text);
  const runLens = async () =>
    (await lsp.connection.sendRequest<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } }))
      .map((l) => l.command?.title ?? "")
      .find((title) => title.startsWith("▶ Run pipeline"));
  assert.equal(await runLens(), "▶ Run pipeline", "no estimate before any past run is known");

  const at = (minutes: number) => new Date(Date.parse("2026-11-30T08:00:00Z") + minutes * 60_000).toISOString();
  const run = (prepare: number, train: number, report: number) => ({
    executionArn: "arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/e",
    status: "Succeeded",
    definition: text,
    parameters: {},
    steps: {
      Prepare: { status: "Succeeded", startTime: at(0), endTime: at(prepare) },
      Train: { status: "Succeeded", startTime: at(prepare), endTime: at(prepare + train) },
      Report: { status: "Succeeded", startTime: at(0), endTime: at(report) },
    },
  });
  const params: CacheContextParams = { uri, executions: [run(2, 10, 5), run(4, 12, 30), run(3, 11, 6)], parameters: {} };
  await lsp.notify(SetCacheContextNotification.type, params);
  // Prepare 3 + Train 11 = 14 min along the chain; Report (median 6) beside it.
  assert.equal(await runLens(), "▶ Run pipeline ≈ 14 min");
});
