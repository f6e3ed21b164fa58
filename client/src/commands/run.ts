import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { COMMANDS, executionLabel, pythonStepsInRanges, type RunRequest } from "../../../core/src";
import { StepsInRangesRequest, type StepsInRangesParams } from "../../../protocol/src";
import { isPythonDocument, PYTHON_COMMANDS, type PythonPipelines } from "../python/python-pipelines";
import type { RunController, StartedExecution } from "../run/run-controller";
import type { ExecutionFailureDiagnostics } from "../run/execution-failures";
import { watchExecution } from "../run/watch";
import { summaryExecution } from "../views/execution-texts";
import type { ExecutionsNode, ExecutionsView } from "../views/executions-view";

type ExecutionNode = Extract<ExecutionsNode, { kind: "execution" }>;

/** Run Pipeline, Run Step(s), Run From Here, Run Selected Steps, Retry Failed Steps, Choose Reference, Stop Execution. */
export function registerRunCommands(
  controller: RunController,
  client: LanguageClient,
  view: ExecutionsView,
  reveal: (arn: string) => void,
  /** After a run ends: the cache verdicts compare with it from then on. */
  executionsChanged: () => void,
  failures: ExecutionFailureDiagnostics,
  /** Runs of `.py` files and of their previews go through a fresh export. */
  python: PythonPipelines,
): vscode.Disposable[] {
  const run = async (uri: string | undefined, request: RunRequest, what: string, referenceArn?: string) => {
    const document = await documentFor(uri);
    if (!document) {
      void vscode.window.showWarningMessage(`${what}: open a pipeline definition first.`);
      return;
    }
    const definition = python.owns(document) ? await pythonDefinition(document, what) : document;
    if (definition) await runDefinition(definition, request, what, referenceArn);
  };
  const runDefinition = async (document: vscode.TextDocument, request: RunRequest, what: string, referenceArn?: string) => {
    const documentUri = document.uri.toString();
    failures.runStarting(documentUri);
    const started = await controller.run(document, request, what, referenceArn, (step, message) => failures.refused(documentUri, step, message));
    if (started) follow(started, documentUri);
  };
  /**
   * A `.py` (or its preview) exported again now: offline with its uploads in the local engine's store, or, for a run on
   * AWS, by the SDK with the user's credentials (it uploads the code to S3), after the user agrees to that.
   */
  const pythonDefinition = async (document: vscode.TextDocument, what: string) => {
    const settings = controller.settings();
    if (settings.target === "local") return python.documentForRun(document, { local: true });
    const role = await controller.roleArn();
    if (!role) return undefined;
    const where = `${settings.aws.region || "the default region"}${settings.aws.profile ? `, profile ${settings.aws.profile}` : ""}`;
    const name = document.uri.path
      .split("/")
      .pop()
      ?.replace(/\.pipeline\.json$/, "");
    const agreed = await vscode.window.showInformationMessage(
      `${what} on AWS: export ${name} for AWS first?`,
      {
        modal: true,
        detail: `Its code runs with your AWS credentials (${where}) and role ${role}: the SageMaker Python SDK uploads the code and data the definition references to S3, as it does for any deployment. Nothing is created or started before Run in the Run Plan that follows.`,
      },
      "Export for AWS",
    );
    if (agreed !== "Export for AWS") return undefined;
    return python.documentForRun(document, { aws: { profile: settings.aws.profile || undefined, region: settings.aws.region || undefined, role } });
  };
  /** Run Selected Steps and Run From Here in a `.py`: the step constructor calls the selections touch. */
  const runInPython = async (editor: vscode.TextEditor, kind: "selected" | "fromHere") => {
    const what = kind === "selected" ? "Run Selected Steps" : "Run From Here";
    if (pythonStepsInRanges(editor.document.getText(), offsetsOf(editor)).length === 0) {
      void vscode.window.showWarningMessage(`${what}: the cursor is in no step's constructor call with a name="…" (e.g. ProcessingStep(name="Train", …)).`);
      return;
    }
    const definition = await pythonDefinition(editor.document, what);
    if (!definition) return;
    const steps = python.stepsInSelections(editor.document, definition, editor.selections);
    if (steps.length === 0) {
      void vscode.window.showWarningMessage(`${what}: the definition has no step of the name the cursor is on.`);
      return;
    }
    if (kind === "selected") await runDefinition(definition, { kind: "selected", steps }, `Run Selected Steps (${steps.join(", ")})`);
    else await runDefinition(definition, { kind: "fromHere", step: steps[0] }, `Run from ${steps[0]}`);
  };
  const follow = (started: StartedExecution, uri: string) => {
    view.refresh();
    void watchExecution(started, reveal).then((outcome) => {
      if (outcome) failures.executionEnded(uri, outcome.steps, outcome.label, started.executionArn);
      view.refresh();
      executionsChanged();
    });
  };

  return [
    vscode.commands.registerCommand(COMMANDS.runPipeline, (uri?: string) => run(uri, { kind: "pipeline" }, "Run Pipeline")),
    vscode.commands.registerCommand(COMMANDS.runSteps, (uri?: string, steps?: string[]) =>
      run(uri, { kind: "selected", steps: steps ?? [] }, `Run ${steps?.join(", ") ?? "steps"}`),
    ),
    vscode.commands.registerCommand(COMMANDS.runFromStep, (uri?: string, step?: string) =>
      run(uri, { kind: "fromHere", step: step ?? "" }, `Run from ${step ?? "here"}`),
    ),
    vscode.commands.registerCommand(COMMANDS.runSelectedSteps, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      if (isPythonDocument(editor.document)) return runInPython(editor, "selected");
      const params: StepsInRangesParams = { uri: editor.document.uri.toString(), ranges: editor.selections.map((s) => ({ start: s.start, end: s.end })) };
      const steps = await client.sendRequest(StepsInRangesRequest.type, params);
      if (steps.length === 0) {
        void vscode.window.showWarningMessage("Run Selected Steps: the selection touches no step. Put the cursor inside a step, or select several.");
        return;
      }
      await run(editor.document.uri.toString(), { kind: "selected", steps }, `Run Selected Steps (${steps.join(", ")})`);
    }),
    vscode.commands.registerCommand(PYTHON_COMMANDS.runFromHere, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor && isPythonDocument(editor.document)) await runInPython(editor, "fromHere");
      else void vscode.window.showWarningMessage("Run From Here: put the cursor in a step of a Python pipeline file (in a definition, use the step's lens).");
    }),
    vscode.commands.registerCommand(COMMANDS.retryFailedSteps, async (node?: ExecutionNode) => {
      const document = node ? controller.documentOfPipeline(node.pipelineName) : await documentFor(undefined);
      if (!document) {
        void vscode.window.showWarningMessage(
          `Retry Failed Steps: open the definition of ${node?.pipelineName ?? "the pipeline"} first (its text is what runs).`,
        );
        return;
      }
      const choice = await vscode.window.showQuickPick(
        [
          { label: "Only the failed steps", includeDownstream: false },
          { label: "The failed steps and everything downstream of them", includeDownstream: true },
        ],
        { title: "Retry Failed Steps" },
      );
      if (!choice) return;
      await run(
        document.uri.toString(),
        { kind: "retryFailed", includeDownstream: choice.includeDownstream },
        "Retry Failed Steps",
        node?.summary.PipelineExecutionArn,
      );
    }),
    vscode.commands.registerCommand(COMMANDS.chooseReference, async (uri?: string) => {
      const document = await documentFor(uri);
      if (document) await controller.chooseReference(document);
    }),
    vscode.commands.registerCommand(COMMANDS.useAsReference, async (node?: ExecutionNode) => {
      const document = node && controller.documentOfPipeline(node.pipelineName);
      if (!node || !document) {
        void vscode.window.showWarningMessage("Use as Reference: open the pipeline's definition first.");
        return;
      }
      const summary = node.summary;
      await controller.setReference(document, summary.PipelineExecutionArn, {
        status: summary.PipelineExecutionStatus ?? "Unknown",
        startTime: summary.StartTime?.toISOString(),
        displayName: summary.PipelineExecutionDisplayName,
      });
    }),
    vscode.commands.registerCommand(COMMANDS.stopExecution, async (node?: ExecutionNode) => {
      if (!node?.summary.PipelineExecutionArn) {
        void vscode.window.showInformationMessage("Stop Execution: choose a running execution in the Executions view.");
        return;
      }
      await controller.stop(summaryExecution(node.summary));
      view.refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.copyExecutionArn, async (node?: ExecutionNode) => {
      const arn = node?.summary.PipelineExecutionArn;
      if (!arn) return;
      await vscode.env.clipboard.writeText(arn);
      vscode.window.setStatusBarMessage(`Copied the ARN of execution ${executionLabel(summaryExecution(node.summary))}`, 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.refreshExecutions, () => view.refresh()),
    vscode.commands.registerCommand("sagemakerPipelines.executions.loadMore", (node: Extract<ExecutionsNode, { kind: "more" }>) => view.loadMore(node)),
  ];
}

async function documentFor(uri: string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
  return vscode.window.activeTextEditor?.document;
}

function offsetsOf(editor: vscode.TextEditor): Array<{ start: number; end: number }> {
  return editor.selections.map((s) => ({ start: editor.document.offsetAt(s.start), end: editor.document.offsetAt(s.end) }));
}
