import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { CreatePipelineCommand, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { analyze, DEFINITION_DIRECTORY_TAG, PlanSession, type PlanFix, type PlannedParameter, type ToRunPlan } from "../../core/src";
import {
  compareWithDeployed,
  describeRun,
  ExecutionHistory,
  localConnection,
  runPipeline as runWith,
  type Connection,
  type Lint,
  type RunDialogs,
  type RunInput,
  type RunOptions,
  type RunSummary,
} from "../../sagemaker/src";
import { abaloneLikeDefinition, failWith, startEngine, stepsOf, waitForExecution, type TestEngine } from "../engine/helpers";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** The CLI's lint: the core's analysis with default severities (the editor asks its language server instead). */
const coreLint: Lint = async (_uri, text) => analyze(text).diagnostics;
const runPipeline = (connection: Connection, input: RunInput, dialogs: RunDialogs, options: Partial<RunOptions> = {}) =>
  runWith(connection, input, dialogs, { lint: coreLint, ...options });

/** Every API call the client makes: operation name and input. */
function record(connection: Connection): Array<{ operation: string; input: Record<string, any> }> {
  const calls: Array<{ operation: string; input: Record<string, any> }> = [];
  connection.client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ operation: String(context.commandName).replace(/Command$/, ""), input: structuredClone(args.input as Record<string, any>) });
      return next(args);
    },
    { step: "initialize", name: "recordCalls" },
  );
  return calls;
}

/** Dialogs answered from a script; what they were asked is kept. */
class ScriptedDialogs implements RunDialogs {
  readonly fixes: Array<{ reason: string; fix: PlanFix }> = [];
  readonly parameterRounds: Array<{ values: PlannedParameter[]; errors: string[] }> = [];
  readonly confirmations: RunSummary[] = [];
  constructor(
    private readonly answers: {
      fix?: boolean[];
      parameters?: Array<Record<string, string> | undefined>;
      confirm?: Array<"run" | "editParameters" | "cancel">;
    } = {},
  ) {}
  async offerFix(reason: string, fix: PlanFix) {
    this.fixes.push({ reason, fix });
    return this.answers.fix?.shift() ?? false;
  }
  async editParameters(values: PlannedParameter[], errors: string[], overrides: Record<string, string>) {
    this.parameterRounds.push({ values, errors });
    return this.answers.parameters && this.answers.parameters.length > 0 ? this.answers.parameters.shift() : overrides;
  }
  async confirm(summary: RunSummary) {
    this.confirmations.push(summary);
    return this.answers.confirm?.shift() ?? "run";
  }
}

const evaluationReport = (mse: number) => ({ evaluation: { "evaluation.json": JSON.stringify({ regression_metrics: { mse: { value: mse } } }) } });

async function setup(t: TestContext) {
  const engine: TestEngine = await startEngine();
  engine.runner.files.set("Eval", evaluationReport(1));
  const connection = localConnection(engine.endpoint, engine.engine.credentials);
  const calls = record(connection);
  t.after(async () => {
    connection.client.destroy();
    engine.client.destroy();
    await engine.engine.close();
  });
  const input = (over: Partial<RunInput>): RunInput => ({
    text: abaloneLikeDefinition(),
    pipelineName: "abalone",
    roleArn: "arn:aws:iam::000000000000:role/Local",
    request: { kind: "pipeline" },
    referenceLatest: true,
    ...over,
  });
  return { engine, connection, calls, input };
}

async function firstRun(t: TestContext) {
  const context = await setup(t);
  const outcome = await runPipeline(context.connection, context.input({}), new ScriptedDialogs());
  assert.equal(outcome.status, "started", JSON.stringify(outcome));
  const arn = (outcome as { executionArn: string }).executionArn;
  assert.equal((await waitForExecution(context.engine.client, arn)).PipelineExecutionStatus, "Succeeded");
  context.calls.length = 0;
  return { ...context, firstArn: arn };
}

const operations = (calls: Array<{ operation: string }>) => calls.map((c) => c.operation);
const start = (calls: Array<{ operation: string; input: Record<string, any> }>) => calls.find((c) => c.operation === "StartPipelineExecution")?.input;

test("run pipeline: a new pipeline is created after confirmation, then started whole, with a request token", async (t) => {
  const { connection, calls, input, engine } = await setup(t);
  const dialogs = new ScriptedDialogs();
  const outcome = await runPipeline(connection, input({ definitionFolder: "/work/project" }), dialogs);
  assert.equal(outcome.status, "started");
  assert.deepEqual(operations(calls), ["DescribePipeline", "CreatePipeline", "StartPipelineExecution"]);
  const create = calls[1].input;
  assert.equal(create.PipelineName, "abalone");
  assert.equal(create.RoleArn, "arn:aws:iam::000000000000:role/Local");
  assert.deepEqual(create.Tags, [{ Key: DEFINITION_DIRECTORY_TAG, Value: "/work/project" }]);
  const request = start(calls)!;
  assert.equal(request.PipelineName, "abalone");
  assert.equal(request.SelectiveExecutionConfig, undefined);
  assert.equal(request.PipelineParameters, undefined, "defaults are the service's to apply");
  assert.match(request.ClientRequestToken, /^[0-9a-f-]{36}$/);
  const [summary] = dialogs.confirmations;
  assert.equal(summary.deployment.action, "create");
  assert.equal(
    describeRun(summary).replace(/127\.0\.0\.1:\d+/, "127.0.0.1:PORT"),
    [
      "Target: local engine (http://127.0.0.1:PORT)",
      "Pipeline: abalone",
      "Definition: create the pipeline",
      "Run: the whole pipeline",
      "",
      "Step      Verdict                         Estimate",
      "Process   ▶ run                           no past run",
      "Train     ▶ run                           no past run",
      "Eval      ▶ run                           no past run",
      "Check     ▶ run                           no past run",
      "Register  ◇ depends on Check (IfSteps)    no past run",
      "TooHigh   ◇ depends on Check (ElseSteps)  no past run",
      "Total: unknown (no past runs on this target)",
      "",
      "Parameters:",
      "  InputData     s3://bucket/raw/data.csv  String   default",
      "  InstanceType  ml.m5.xlarge              String   default",
      "  MaxDepth      5                         Integer  default",
      "  Threshold     6                         Float    default",
    ].join("\n"),
  );
  assert.equal((await waitForExecution(engine.client, (outcome as { executionArn: string }).executionArn)).PipelineExecutionStatus, "Succeeded");
});

test("run selected steps: Train+Eval against the latest execution sends its ARN, the steps, and its parameters with the override", async (t) => {
  const { connection, calls, input, engine, firstArn } = await firstRun(t);
  const dialogs = new ScriptedDialogs();
  const outcome = await runPipeline(connection, input({ request: { kind: "selected", steps: ["Eval", "Train"] }, overrides: { MaxDepth: "7" } }), dialogs);
  assert.equal(outcome.status, "started", JSON.stringify(outcome));
  assert.deepEqual(operations(calls), [
    "DescribePipeline",
    "ListPipelineExecutions",
    "ListPipelineExecutionSteps",
    "ListPipelineParametersForExecution",
    "StartPipelineExecution",
  ]);
  const request = start(calls)!;
  assert.deepEqual(request.SelectiveExecutionConfig, { SourcePipelineExecutionArn: firstArn, SelectedSteps: [{ StepName: "Train" }, { StepName: "Eval" }] });
  assert.deepEqual(
    [...request.PipelineParameters].sort((a: { Name: string }, b: { Name: string }) => a.Name.localeCompare(b.Name)),
    [
      { Name: "InputData", Value: "s3://bucket/raw/data.csv" },
      { Name: "InstanceType", Value: "ml.m5.xlarge" },
      { Name: "MaxDepth", Value: "7" },
      { Name: "Threshold", Value: "6" },
    ],
  );
  const text = describeRun(dialogs.confirmations[0]);
  // The reference by its one name: the engine gave it the generated display name `execution-<ms>`, which is not shown.
  const firstId = firstArn.split("/").pop()!;
  assert.ok(text.includes(`Run: Train, Eval (selective execution)\nReference: ${firstId} (Succeeded)\n`), text);
  assert.match(text, new RegExp(`^Process +↺ reuse from ${firstId} +0 s$`, "m"));
  for (const step of ["Check", "Register", "TooHigh"]) assert.match(text, new RegExp(`^${step} +– skip \\(downstream of the selection\\) +—$`, "m"));
  assert.doesNotMatch(text, /execution-\d+/);
  assert.match(text, /^  MaxDepth +7 +Integer +override$/m);
  const arn = (outcome as { executionArn: string }).executionArn;
  await waitForExecution(engine.client, arn);
  const steps = await stepsOf(engine.client, arn);
  assert.equal(steps.Process.SelectiveExecutionResult?.SourcePipelineExecutionArn, firstArn);
  assert.equal(steps.Train.StepStatus, "Succeeded");
  assert.equal(steps.Check, undefined);
});

test("run selected steps: Train+Check offers to add Eval; accepted, the three run; declined, nothing is sent", async (t) => {
  const { connection, calls, input } = await firstRun(t);
  const declined = new ScriptedDialogs({ fix: [false] });
  const refused = await runPipeline(connection, input({ request: { kind: "selected", steps: ["Train", "Check"] } }), declined);
  assert.equal(refused.status, "refused");
  assert.match((refused as { error: { message: string } }).error.message, /'Eval' lies between the selected steps/);
  assert.equal((refused as { error: { step?: string } }).error.step, "Eval");
  assert.equal(start(calls), undefined);

  const accepted = new ScriptedDialogs({ fix: [true] });
  const outcome = await runPipeline(connection, input({ request: { kind: "selected", steps: ["Train", "Check"] } }), accepted);
  assert.equal(outcome.status, "started");
  assert.deepEqual(accepted.fixes[0].fix, { kind: "addSteps", steps: ["Eval"], selection: ["Train", "Eval", "Check"] });
  assert.deepEqual(start(calls)!.SelectiveExecutionConfig.SelectedSteps, [{ StepName: "Train" }, { StepName: "Eval" }, { StepName: "Check" }]);
});

test("run selected steps: a running latest execution is not the reference; the newest finished one is offered and used", async (t) => {
  const { connection, calls, input, engine, firstArn } = await firstRun(t);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  engine.runner.behaviour.set("Process", async () => {
    await gate;
    return { properties: {}, runner: "recording" };
  });
  t.after(() => release());
  engine.clock.now += 1000;
  const running = await engine.client.send(new StartPipelineExecutionCommand({ PipelineName: "abalone" }));
  const dialogs = new ScriptedDialogs({ fix: [true] });
  const outcome = await runPipeline(connection, input({ request: { kind: "selected", steps: ["Train"] } }), dialogs).finally(release);
  assert.equal(outcome.status, "started", JSON.stringify(outcome));
  assert.match(dialogs.fixes[0].reason, new RegExp(`latest execution .*${running.PipelineExecutionArn!.split("/").pop()}.* is still Executing`));
  assert.equal(start(calls)!.SelectiveExecutionConfig.SourcePipelineExecutionArn, firstArn);
});

test("run: cancelling the confirmation sends nothing that changes anything", async (t) => {
  const { connection, calls, input } = await setup(t);
  const outcome = await runPipeline(connection, input({}), new ScriptedDialogs({ confirm: ["cancel"] }));
  assert.deepEqual(outcome, { status: "cancelled", message: "Nothing was started." });
  assert.deepEqual(operations(calls), ["DescribePipeline"]);
});

test("run: an edited definition is shown as changes and updated before the run", async (t) => {
  const { connection, calls, input } = await firstRun(t);
  const edited = JSON.parse(abaloneLikeDefinition());
  edited.Steps[1].Arguments.StoppingCondition.MaxRuntimeInSeconds = 7200;
  edited.Parameters[2].DefaultValue = 6;
  const dialogs = new ScriptedDialogs();
  const outcome = await runPipeline(connection, input({ text: JSON.stringify(edited, null, 2) }), dialogs);
  assert.equal(outcome.status, "started");
  assert.deepEqual(dialogs.confirmations[0].deployment.changes, ["Step Train: changed.", "Parameters: changed."]);
  assert.deepEqual(operations(calls), ["DescribePipeline", "UpdatePipeline", "StartPipelineExecution"]);
  calls.length = 0;
  const again = await runPipeline(connection, input({ text: JSON.stringify(edited) }), new ScriptedDialogs());
  assert.equal(again.status, "started");
  assert.deepEqual(operations(calls), ["DescribePipeline", "StartPipelineExecution"], "formatting alone is not a change");
});

test("run: parameter values that do not fit their types are shown again until they do; the confirmation can go back to them", async (t) => {
  const { connection, calls, input } = await setup(t);
  const dialogs = new ScriptedDialogs({
    parameters: [{ MaxDepth: "deep" }, { MaxDepth: "9" }, { MaxDepth: "9", Threshold: "2.5" }],
    confirm: ["editParameters", "run"],
  });
  const outcome = await runPipeline(connection, input({ overrides: { MaxDepth: "five" } }), dialogs);
  assert.equal(outcome.status, "started");
  assert.equal(dialogs.parameterRounds.length, 3, "the wrong value, the second wrong value, then the edit asked from the confirmation");
  assert.match(dialogs.parameterRounds[0].errors.join(), /'five' is not an Integer/);
  assert.match(dialogs.parameterRounds[1].errors.join(), /'deep' is not an Integer/);
  assert.deepEqual(dialogs.parameterRounds[2].errors, []);
  assert.equal(dialogs.confirmations.length, 2);
  assert.deepEqual(start(calls)!.PipelineParameters, [
    { Name: "MaxDepth", Value: "9" },
    { Name: "Threshold", Value: "2.5" },
  ]);
});

test("run with the Run Plan's protocol: wrong values are in the plan, an edit plans again, only a plan without errors runs, with the values edited", async (t) => {
  const { connection, calls, input } = await setup(t);
  const posted: ToRunPlan[] = [];
  const session = new PlanSession((m) => posted.push(m));
  const summaries: RunSummary[] = [];
  // The panel's dialogs without the panel: each plan goes to the session, the "page" answers it by its messages.
  const page: Array<(revision: number) => unknown> = [
    () => ({ type: "run", revision: 1 }), // refused: the plan has an error
    () => ({ type: "edit", overrides: { MaxDepth: "9" } }),
    (revision) => ({ type: "run", revision }),
  ];
  const dialogs: RunDialogs = {
    reviewsParameters: true,
    offerFix: async () => false,
    editParameters: async () => assert.fail("the panel edits the values itself"),
    confirm: (summary) => {
      summaries.push(summary);
      const answer = session.confirm(summary);
      while (page.length > 0) {
        const message = page.shift()!(posted.at(-1)!.revision);
        session.receive(message);
        if ((message as { type: string }).type !== "run" || summary.parameterIssues.length === 0) break;
      }
      return answer;
    },
  };
  const outcome = await runPipeline(connection, input({ overrides: { MaxDepth: "five" } }), dialogs);
  assert.equal(outcome.status, "started", JSON.stringify(outcome));
  assert.equal(summaries.length, 2, "the plan with the error, then the plan of the edited value");
  assert.deepEqual(summaries[0].parameterIssues, [{ parameter: "MaxDepth", message: "'five' is not an Integer (parameter MaxDepth)." }]);
  assert.equal(posted[0].view.canRun, false);
  assert.equal(posted[0].view.parameters.find((p) => p.name === "MaxDepth")!.problems.length, 1);
  assert.deepEqual(summaries[1].parameterIssues, []);
  assert.equal(posted.at(-1)!.view.parameters.find((p) => p.name === "MaxDepth")!.source, "override");
  assert.deepEqual(start(calls)!.PipelineParameters, [{ Name: "MaxDepth", Value: "9" }]);
});

test("run with the Run Plan's protocol: a closed panel starts nothing", async (t) => {
  const { connection, calls, input } = await setup(t);
  const session = new PlanSession(() => {});
  const dialogs: RunDialogs = {
    reviewsParameters: true,
    offerFix: async () => false,
    editParameters: async (_v, _e, o) => o,
    confirm: (summary) => {
      const answer = session.confirm(summary);
      session.close();
      return answer;
    },
  };
  const outcome = await runPipeline(connection, input({}), dialogs);
  assert.equal(outcome.status, "cancelled");
  assert.deepEqual(operations(calls), ["DescribePipeline"], "nothing created, updated or started");
});

test("run: a definition with errors is refused before any request", async (t) => {
  const { connection, calls, input } = await setup(t);
  const broken = JSON.parse(abaloneLikeDefinition());
  broken.Steps[1].DependsOn = ["Nowhere"];
  const outcome = await runPipeline(connection, input({ text: JSON.stringify(broken) }), new ScriptedDialogs());
  assert.equal(outcome.status, "refused");
  assert.match((outcome as { error: { message: string } }).error.message, /has 1 error \(first: depends-on-unknown-step:/);
  assert.deepEqual(calls, []);
});

test("run: the check before a run is the injected lint, asked with the definition's URI and the text that runs", async (t) => {
  const { connection, calls, input } = await setup(t);
  const asked: Array<{ uri: string; text: string }> = [];
  // A valid definition, but the lint (the editor's language server, with the user's severities) reports an error.
  const lint: Lint = async (uri, text) => {
    asked.push({ uri, text });
    return [{ code: "parameter-unused", severity: "error", message: "MaxDepth is never used", start: 0, end: 1 }];
  };
  const text = abaloneLikeDefinition();
  const outcome = await runWith(connection, input({ text, uri: "file:///work/abalone.pipeline.json" }), new ScriptedDialogs(), { lint });
  assert.deepEqual(asked, [{ uri: "file:///work/abalone.pipeline.json", text }]);
  assert.equal(outcome.status, "refused");
  assert.match((outcome as { error: { message: string } }).error.message, /has 1 error \(first: parameter-unused: MaxDepth is never used\)/);
  assert.deepEqual(calls, []);

  // Warnings do not stop a run; a lint that cannot answer (the server is down) does, before any request.
  const warned = await runWith(connection, input({}), new ScriptedDialogs({ confirm: ["cancel"] }), {
    lint: async () => [{ code: "parameter-unused", severity: "warning", message: "w", start: 0, end: 1 }],
  });
  assert.equal(warned.status, "cancelled");
  const before = calls.length;
  const unanswered = await runWith(connection, input({}), new ScriptedDialogs(), { lint: async () => Promise.reject(new Error("Client is not running")) });
  assert.equal(unanswered.status, "refused");
  assert.match((unanswered as { error: { message: string } }).error.message, /could not be checked \(Client is not running\)/);
  assert.equal(calls.length, before);
});

test("run: an unknown reference execution is reported as the service says", async (t) => {
  const { connection, input } = await firstRun(t);
  const outcome = await runPipeline(
    connection,
    input({ request: { kind: "selected", steps: ["Train"] }, referenceArn: "arn:aws:sagemaker:local:000000000000:pipeline/abalone/execution/doesnotexist" }),
    new ScriptedDialogs(),
  );
  assert.equal(outcome.status, "refused");
  assert.match((outcome as { error: { message: string } }).error.message, /^DescribePipelineExecution: |SageMaker refused DescribePipelineExecution/);
});

test("run: an unreachable local engine says so and what to do", async (t) => {
  const { connection, input, engine } = await setup(t);
  await engine.engine.close();
  const outcome = await runPipeline(connection, input({}), new ScriptedDialogs());
  assert.equal(outcome.status, "refused");
  assert.match(
    (outcome as { error: { message: string } }).error.message,
    /^The local engine is not reachable at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Run "SageMaker Pipelines: Start Local Engine"/,
  );
});

test("retry failed steps: the failed execution is the reference and its failed step is selected; with downstream, the rest too", async (t) => {
  const { connection, calls, input, engine } = await setup(t);
  engine.runner.behaviour.set("Train", failWith("out of memory"));
  const failed = await runPipeline(connection, input({}), new ScriptedDialogs());
  const failedArn = (failed as { executionArn: string }).executionArn;
  assert.equal((await waitForExecution(engine.client, failedArn)).PipelineExecutionStatus, "Failed");
  engine.runner.behaviour.delete("Train");
  calls.length = 0;

  const retry = await runPipeline(connection, input({ request: { kind: "retryFailed", includeDownstream: false } }), new ScriptedDialogs());
  assert.equal(retry.status, "started", JSON.stringify(retry));
  assert.deepEqual(start(calls)!.SelectiveExecutionConfig, { SourcePipelineExecutionArn: failedArn, SelectedSteps: [{ StepName: "Train" }] });
  await waitForExecution(engine.client, (retry as { executionArn: string }).executionArn);

  calls.length = 0;
  const withDownstream = await runPipeline(
    connection,
    input({ request: { kind: "retryFailed", includeDownstream: true }, referenceArn: failedArn }),
    new ScriptedDialogs(),
  );
  assert.equal(withDownstream.status, "started", JSON.stringify(withDownstream));
  assert.deepEqual(start(calls)!.SelectiveExecutionConfig, {
    SourcePipelineExecutionArn: failedArn,
    SelectedSteps: ["Train", "Eval", "Check", "Register", "TooHigh"].map((StepName) => ({ StepName })),
  });
  const arn = (withDownstream as { executionArn: string }).executionArn;
  assert.equal((await waitForExecution(engine.client, arn)).PipelineExecutionStatus, "Succeeded");
  assert.equal((await stepsOf(engine.client, arn)).Process.SelectiveExecutionResult?.SourcePipelineExecutionArn, failedArn);
});

test("run from here: the step and everything downstream, against the latest execution", async (t) => {
  const { connection, calls, input, firstArn } = await firstRun(t);
  const outcome = await runPipeline(connection, input({ request: { kind: "fromHere", step: "Eval" } }), new ScriptedDialogs());
  assert.equal(outcome.status, "started", JSON.stringify(outcome));
  assert.deepEqual(start(calls)!.SelectiveExecutionConfig, {
    SourcePipelineExecutionArn: firstArn,
    SelectedSteps: ["Eval", "Check", "Register", "TooHigh"].map((StepName) => ({ StepName })),
  });
});

test("plan: the confirmation predicts the cache hit per step, and the engine then reports it", async (t) => {
  const { connection, input, engine } = await setup(t);
  const cached = abaloneLikeDefinition({ processCache: "P1D" });
  const first = await runPipeline(connection, input({ text: cached }), new ScriptedDialogs(), { history: new ExecutionHistory() });
  const firstArn = (first as { executionArn: string }).executionArn;
  await waitForExecution(engine.client, firstArn);
  engine.clock.now += 60_000;

  const dialogs = new ScriptedDialogs();
  const second = await runPipeline(connection, input({ text: cached }), dialogs, { history: new ExecutionHistory(), now: () => new Date(engine.clock.now) });
  const firstId = firstArn.split("/").pop();
  const text = describeRun(dialogs.confirmations[0]);
  assert.match(text, new RegExp(`\\nProcess +✓ cache hit from ${firstId} \\(expires in 23 h\\) +0 s\\nTrain +▶ run +< 1 s\\n`));
  // The engine's clock stood still during the first run: each step took no time, and the estimate says so; the branch
  // step the first run's Condition did not take has never run.
  assert.match(text, /^TooHigh +◇ depends on Check \(ElseSteps\) +no past run$/m);
  assert.match(text, /^Total: < 1 s \+ 1 step never run$/m);
  const secondArn = (second as { executionArn: string }).executionArn;
  await waitForExecution(engine.client, secondArn);
  assert.equal((await stepsOf(engine.client, secondArn)).Process.CacheHitResult?.SourcePipelineExecutionArn, firstArn);

  const selective = new ScriptedDialogs();
  await runPipeline(connection, input({ text: cached, request: { kind: "selected", steps: ["Eval"] } }), selective, { history: new ExecutionHistory() });
  assert.match(
    describeRun(selective.confirmations[0]),
    /\nProcess +↺ reuse from \S+ +0 s\nTrain +↺ reuse from \S+ +0 s\nEval +▶ run +< 1 s\nCheck +– skip \(downstream of the selection\) +—\n/,
  );
});

test("deployment: the deployed pipeline's MaxParallelExecutionSteps is read, for the run's estimate", async (t) => {
  const { connection, engine } = await setup(t);
  await engine.client.send(
    new CreatePipelineCommand({
      PipelineName: "parallel",
      PipelineDefinition: abaloneLikeDefinition(),
      RoleArn: "arn:aws:iam::000000000000:role/Local",
      ParallelismConfiguration: { MaxParallelExecutionSteps: 2 },
    }),
  );
  assert.equal((await compareWithDeployed(connection.client, "parallel", abaloneLikeDefinition())).maxParallelSteps, 2);
  assert.equal((await compareWithDeployed(connection.client, "abalone", abaloneLikeDefinition())).action, "create");
});
