import * as vscode from "vscode";
import {
  COMMANDS,
  EXECUTION_REFUSED,
  EXECUTION_STEP_FAILED,
  failuresAfterExecution,
  LineIndex,
  stepFailureFindings,
  type ExecutedStep,
  type StepFailure,
} from "../../../core/src";

export const DISMISS_EXECUTION_FAILURE = "sagemakerPipelines.dismissExecutionFailure";
/** The diagnostics' source: they come from an execution, not from the text. */
const SOURCE = "SageMaker execution";
const STATE_KEY = "executionFailures";
const REDRAW_MS = 150;

/**
 * Each failed step's FailureReason as an error on the step's `Name` in its definition, kept (across reloads too)
 * until the step next succeeds or the user dismisses it; the service's refusals that name a step, until the next run.
 */
export class ExecutionFailureDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("sagemaker-pipelines-executions");
  private readonly failures: Map<string, StepFailure[]>;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lensesChanged = new vscode.EventEmitter<void>();

  constructor(
    private readonly state: vscode.Memento,
    languageId: string,
  ) {
    this.failures = new Map(Object.entries(state.get<Record<string, StepFailure[]>>(STATE_KEY) ?? {}));
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.draw(document)),
      vscode.languages.registerCodeActionsProvider(
        { language: languageId },
        { provideCodeActions: (document, _range, context) => this.actions(document, context) },
      ),
      vscode.commands.registerCommand(DISMISS_EXECUTION_FAILURE, (uri: string, step: string) => this.dismiss(uri, step)),
      this.lensesChanged,
      vscode.languages.registerCodeLensProvider(
        { language: languageId },
        { onDidChangeCodeLenses: this.lensesChanged.event, provideCodeLenses: (document) => this.lenses(document) },
      ),
    );
    for (const document of vscode.workspace.textDocuments) this.draw(document);
  }

  /** After an execution of `uri`'s definition ended: its failed steps get their reason, its successful ones lose theirs. */
  executionEnded(uri: string, steps: readonly ExecutedStep[], execution: string, executionArn?: string): void {
    this.set(uri, failuresAfterExecution(this.failures.get(uri) ?? [], steps, execution, executionArn));
  }

  /** The service refused the definition with a message that names `step`. */
  refused(uri: string, step: string, message: string): void {
    const others = (this.failures.get(uri) ?? []).filter((f) => !(f.code === EXECUTION_REFUSED && f.step === step));
    this.set(uri, [...others, { step, code: EXECUTION_REFUSED, reason: message }]);
  }

  /** A new run of `uri` starts: the last refusal no longer holds. */
  runStarting(uri: string): void {
    const kept = (this.failures.get(uri) ?? []).filter((f) => f.code !== EXECUTION_REFUSED);
    this.set(uri, kept);
  }

  dismiss(uri: string, step: string): void {
    this.set(
      uri,
      (this.failures.get(uri) ?? []).filter((f) => f.step !== step),
    );
  }

  /** What is kept for `uri` (for tests and the views). */
  failuresOf(uri: string): readonly StepFailure[] {
    return this.failures.get(uri) ?? [];
  }

  private set(uri: string, failures: StepFailure[]): void {
    if (failures.length === 0) this.failures.delete(uri);
    else this.failures.set(uri, failures);
    void this.state.update(STATE_KEY, Object.fromEntries(this.failures));
    this.lensesChanged.fire();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document) this.draw(document);
    else if (failures.length === 0) this.collection.delete(vscode.Uri.parse(uri));
  }

  /** Edits move the names: the diagnostics follow them (shortly after the typing stops). */
  private schedule(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    if (!this.failures.has(uri)) return;
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        this.draw(document);
      }, REDRAW_MS),
    );
  }

  private draw(document: vscode.TextDocument): void {
    const failures = this.failures.get(document.uri.toString());
    if (!failures) {
      this.collection.delete(document.uri);
      return;
    }
    const text = document.getText();
    const lines = new LineIndex(text);
    this.collection.set(
      document.uri,
      stepFailureFindings(text, failures).map((finding) => {
        const range = lines.rangeOf(finding.start, finding.end);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
          finding.message,
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.code = finding.code;
        diagnostic.source = SOURCE;
        return diagnostic;
      }),
    );
  }

  /** `Show Log` above each failed step's Name, opening the log of the execution it failed in. */
  private lenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const failures = (this.failures.get(document.uri.toString()) ?? []).filter((f) => f.code === EXECUTION_STEP_FAILED && f.executionArn);
    if (failures.length === 0) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    return stepFailureFindings(text, failures).map((finding) => {
      const start = lines.rangeOf(finding.start, finding.end).start;
      const step = (finding.data as { step: string }).step;
      return new vscode.CodeLens(new vscode.Range(start.line, start.character, start.line, start.character), {
        title: "Show Log",
        tooltip: `The log of ${step} in the execution it failed in`,
        command: COMMANDS.showStepLog,
        arguments: [document.uri.toString(), step],
      });
    });
  }

  private actions(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === SOURCE && (d.code === EXECUTION_STEP_FAILED || d.code === EXECUTION_REFUSED))
      .map((diagnostic) => {
        const step = stepOf(document, diagnostic);
        const action = new vscode.CodeAction(
          `Dismiss this ${diagnostic.code === EXECUTION_REFUSED ? "refusal" : "failure"} of ${step}`,
          vscode.CodeActionKind.QuickFix,
        );
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: DISMISS_EXECUTION_FAILURE, arguments: [document.uri.toString(), step] };
        return action;
      });
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The step a diagnostic is on: the `Name` string it covers. */
function stepOf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  const text = document.getText(diagnostic.range);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.replace(/^"|"$/g, "");
  }
}
