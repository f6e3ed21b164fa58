import * as vscode from "vscode";
import {
  buildModel,
  COMMANDS,
  definitionStepsOf,
  isPythonPipelineSource,
  normalizeSettings,
  parseDocument,
  pipelineCallSpan,
  pythonStepsInRanges,
  SETTINGS_SECTION,
  type PipelineDiagnostic,
} from "../../../core/src";
import type { Lint, PythonExportAws, PythonExportResult } from "../../../sagemaker/src";
import { loadEngine, loadSageMaker } from "../lazy";
import type { StableLensCommands } from "../lens/stable-lens-commands";
import { pythonFileDiagnostics } from "./file-diagnostics";
import { chooseInterpreter, type PythonExtensionApi } from "./interpreter";
import { LatestOnly } from "./latest-only";

/** The scheme of the read-only definitions exported from `.py` files. */
export const PREVIEW_SCHEME = "sagemaker-pipeline-python";
/** True while the active editor is a Python file that builds a pipeline (menus use it). */
export const PYTHON_PIPELINE_CONTEXT = "sagemakerPipelines.pythonPipeline";
export const PYTHON_COMMANDS = {
  preview: "sagemakerPipelines.previewPythonDefinition",
  runFromHere: "sagemakerPipelines.runFromHere",
} as const;
/** An export still running after this long gets a notification with a Cancel button. */
const SLOW_EXPORT_MS = 3000;

/** `file:///…/pipeline.py` → `sagemaker-pipeline-python:/…/pipeline.py.pipeline.json?<the .py's URI>`. */
export function previewUriOf(python: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${python.path}.pipeline.json`, query: python.toString() });
}

export function isPythonDocument(document: vscode.TextDocument): boolean {
  return document.languageId === "python" && document.uri.scheme === "file";
}

const SEVERITY: Record<PipelineDiagnostic["severity"], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface ExportOptions {
  /** The uploads go to the local engine's store (before a local run). */
  store?: string;
  /** For a run on AWS: the SDK calls AWS and uploads to S3. */
  aws?: PythonExportAws;
  /** Why: in the progress title. */
  what: string;
}

/**
 * Python pipeline files in the editor: lenses on the `Pipeline(` call, the exported definition as a read-only
 * `sagemaker-pipeline` document (every JSON feature works on it), the definition's diagnostics in the `.py` after a save,
 * and runs of a `.py` through the exported definition. Exports run the user's code: trusted workspaces only, one per
 * file at a time.
 */
export class PythonPipelines implements vscode.Disposable, vscode.TextDocumentContentProvider, vscode.CodeLensProvider {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection("sagemaker-pipelines-python");
  /** The exported definitions by preview URI. */
  private readonly definitions = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly exports = new LatestOnly<PythonExportResult>();
  /** Files saved by an export of their own (a lens on unsaved edits): their save exports nothing more. */
  private readonly savingToExport = new Set<string>();

  constructor(
    private readonly languageId: string,
    /** sagemaker/python/export_pipeline.py as packaged (dist/python/). */
    private readonly exportScript: string,
    private readonly lint: Lint,
    private readonly lensCommands: StableLensCommands,
    /** The local engine's store folder (where a local run finds the uploads). */
    private readonly store: () => string,
    private readonly log: (line: string) => void,
    /** The exported Pipeline's name: the default when the run asks for the pipeline name. */
    private readonly suggestName: (preview: vscode.Uri, name: string) => void,
  ) {}

  register(): vscode.Disposable[] {
    const selector: vscode.DocumentSelector = { language: "python", scheme: "file" };
    const updateContext = () => {
      const document = vscode.window.activeTextEditor?.document;
      void vscode.commands.executeCommand(
        "setContext",
        PYTHON_PIPELINE_CONTEXT,
        !!document && isPythonDocument(document) && isPythonPipelineSource(document.getText()),
      );
    };
    updateContext();
    return [
      this,
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.commands.registerCommand(PYTHON_COMMANDS.preview, (uri?: string) => this.preview(uri)),
      vscode.window.onDidChangeActiveTextEditor(updateContext),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document) updateContext();
        if (this.exportsOnSave(document) && !this.savingToExport.has(document.uri.toString()))
          this.refresh(document, { what: "Exporting" }).catch((error: Error) => this.log(`Export on save of ${document.uri.fsPath}: ${error.message}`));
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (isPythonDocument(document)) this.exports.cancel(document.uri.toString());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.lensesChanged.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.codeLens`)) this.lensesChanged.fire();
      }),
    ];
  }

  private exportsOnSave(document: vscode.TextDocument): boolean {
    if (!isPythonDocument(document) || !vscode.workspace.isTrusted) return false;
    const settings = normalizeSettings(vscode.workspace.getConfiguration(undefined, document.uri).get(SETTINGS_SECTION));
    return settings.pythonExportOnSave && isPythonPipelineSource(document.getText());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.definitions.get(uri.toString()) ?? "";
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || !isPythonDocument(document)) return [];
    if (!normalizeSettings(vscode.workspace.getConfiguration(undefined, document.uri).get(SETTINGS_SECTION)).codeLens) return [];
    const text = document.getText();
    if (!isPythonPipelineSource(text)) return [];
    const span = pipelineCallSpan(text);
    const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    const uri = document.uri.toString();
    const lens = (title: string, command: string, tooltip: string) =>
      new vscode.CodeLens(range, this.lensCommands.stable({ title, command, tooltip, arguments: [uri] }) as vscode.Command);
    return [
      lens("Preview definition", PYTHON_COMMANDS.preview, "Run this file's pipeline code and open the definition JSON it builds (read-only)"),
      lens("Show graph", COMMANDS.showGraph, "The graph of the definition this file builds"),
      lens("▶ Run pipeline", COMMANDS.runPipeline, "Export the definition and run it (the usual confirmation first)"),
    ];
  }

  isPythonFile(uri: vscode.Uri): boolean {
    return uri.scheme === "file" && uri.path.endsWith(".py");
  }

  /** A `.py` exported now; the URI of its preview document (undefined when the export failed). */
  async exportedPreview(python: vscode.Uri): Promise<vscode.Uri | undefined> {
    const source = await this.sourceDocument(python.toString());
    const result = source && (await this.refresh(source, { what: "Exporting" }));
    return result?.ok ? (await this.openPreview(python)).uri : undefined;
  }

  /** The `.py` a preview shows the definition of. */
  sourceOf(preview: vscode.Uri): vscode.Uri | undefined {
    return preview.scheme === PREVIEW_SCHEME && preview.query ? vscode.Uri.parse(preview.query) : undefined;
  }

  /** Whether commands on this document go through a Python export. */
  owns(document: vscode.TextDocument): boolean {
    return isPythonDocument(document) || document.uri.scheme === PREVIEW_SCHEME;
  }

  /**
   * The definition document to run for a `.py` or its preview, exported again now: offline with the uploads put in the
   * local engine's store, or for AWS. Undefined when the export failed (its diagnostic and message are shown).
   */
  async documentForRun(document: vscode.TextDocument, target: { local: true } | { aws: PythonExportAws }): Promise<vscode.TextDocument | undefined> {
    const source = isPythonDocument(document) ? document : await this.openSource(document.uri);
    if (!source) return undefined;
    const result = await this.refresh(
      source,
      "aws" in target ? { what: "Exporting for AWS", aws: target.aws } : { what: "Exporting for the run", store: this.store() },
    );
    if (!result?.ok) return undefined;
    return this.openPreview(source.uri);
  }

  /** The definition's step names for the steps a `.py` selection touches (`ModelStep` names become the steps made of them). */
  stepsInSelections(document: vscode.TextDocument, definition: vscode.TextDocument, selections: readonly vscode.Selection[]): string[] {
    const text = document.getText();
    const names = pythonStepsInRanges(
      text,
      selections.map((s) => ({ start: document.offsetAt(s.start), end: document.offsetAt(s.end) })),
    );
    const root = parseDocument(definition.getText()).root;
    const steps = root?.type === "object" ? [...buildModel(root).stepsByName.keys()] : [];
    return [...new Set(names.flatMap((name) => definitionStepsOf(name, steps)))];
  }

  private async preview(target?: string): Promise<void> {
    const source = await this.sourceDocument(target);
    if (!source) {
      void vscode.window.showWarningMessage("Preview Pipeline Definition: open a Python file that builds a pipeline first.");
      return;
    }
    const result = await this.refresh(source, { what: "Exporting" });
    if (!result?.ok) return;
    const preview = await this.openPreview(source.uri);
    await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** Opens (or refreshes) the preview document of a `.py` and gives it the pipeline language. */
  async openPreview(python: vscode.Uri): Promise<vscode.TextDocument> {
    const uri = previewUriOf(python);
    const document = await vscode.workspace.openTextDocument(uri);
    return document.languageId === this.languageId ? document : vscode.languages.setTextDocumentLanguage(document, this.languageId);
  }

  async sourceDocument(target?: string): Promise<vscode.TextDocument | undefined> {
    const uri = target ? vscode.Uri.parse(target) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return undefined;
    const document = uri.scheme === PREVIEW_SCHEME ? await this.openSource(uri) : await vscode.workspace.openTextDocument(uri);
    return document && isPythonDocument(document) ? document : undefined;
  }

  private async openSource(preview: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const source = this.sourceOf(preview);
    return source && vscode.workspace.openTextDocument(source);
  }

  /**
   * Exports a `.py` (the file on disk: saved first when it has unsaved edits), then updates its preview and its
   * diagnostics. A newer export of the same file cancels this one (undefined).
   */
  async refresh(document: vscode.TextDocument, options: ExportOptions): Promise<PythonExportResult | undefined> {
    const name = document.uri.path.split("/").pop() ?? "pipeline.py";
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        `${name}: exporting runs the file's code, which never happens in an untrusted workspace. Trust the workspace first.`,
      );
      return undefined;
    }
    if (document.isDirty) {
      this.savingToExport.add(document.uri.toString());
      let saved: boolean;
      try {
        saved = await document.save();
      } finally {
        this.savingToExport.delete(document.uri.toString());
      }
      if (!saved) return undefined;
    }
    const text = document.getText();
    const settings = normalizeSettings(vscode.workspace.getConfiguration(undefined, document.uri).get(SETTINGS_SECTION));
    const interpreter = await chooseInterpreter(settings.python, await pythonExtensionApi(), document.uri);
    const { exportPythonPipeline } = await loadSageMaker();
    if (options.store) (await loadEngine()).prepareStoreFolder(options.store);
    const key = document.uri.toString();
    const exported = await this.exports.run(key, (signal) =>
      withProgress(`${options.what} ${name} with ${interpreter.python}`, signal, (cancel) =>
        exportPythonPipeline({
          file: document.uri.fsPath,
          python: interpreter.python,
          store: options.store,
          aws: options.aws,
          signal: cancel,
          script: this.exportScript,
        }),
      ),
    );
    if (!exported) return undefined;
    // In the editor the interpreter is a setting, not the CLI's --python.
    const result: PythonExportResult =
      !exported.ok && exported.kind === "no-python"
        ? {
            ...exported,
            message: `No Python interpreter '${interpreter.python}' (${interpreter.from}): set sagemakerPipelines.python to one with the SageMaker Python SDK.`,
          }
        : exported;
    const preview = previewUriOf(document.uri);
    if (result.ok) {
      this.definitions.set(preview.toString(), result.definition);
      this.changed.fire(preview);
      if (result.name) this.suggestName(preview, result.name);
      const uploads = options.aws && result.uploads.length ? `; ${result.uploads.length} upload(s) to S3: ${result.uploads.join(", ")}` : "";
      this.log(
        `Exported ${name} (${result.found}, sagemaker ${result.sdk}, ${interpreter.python} from the ${interpreter.from}${options.aws ? ", for AWS" : ""})${uploads}.`,
      );
    } else if (result.kind === "cancelled") {
      // A newer save's export, or the Cancel button: the diagnostics stay until an export ends.
      this.log(`${name}: the export was cancelled.`);
      return undefined;
    } else {
      this.log(`${name}: the export failed (${result.kind}): ${result.message}`);
      for (const line of [result.traceback, result.install && `Install it with: ${result.install}`].filter(Boolean)) this.log(`  ${line}`);
      if (options.store || options.aws) void vscode.window.showErrorMessage(`${name}: the export failed: ${result.message}`);
    }
    const placed = await pythonFileDiagnostics(result, text, this.lint, preview.toString());
    this.diagnostics.set(
      document.uri,
      placed.map((d) => {
        const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
        const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
        diagnostic.code = d.code;
        diagnostic.source = "sagemaker-pipelines";
        return diagnostic;
      }),
    );
    return result;
  }

  dispose(): void {
    this.exports.dispose();
    this.diagnostics.dispose();
    this.changed.dispose();
    this.lensesChanged.dispose();
  }
}

/**
 * Progress in the status bar; after SLOW_EXPORT_MS also a notification whose Cancel aborts the export. `signal`: a
 * newer export of the file aborts this one.
 */
async function withProgress<T>(title: string, signal: AbortSignal, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const cancel = new AbortController();
  signal.addEventListener("abort", () => cancel.abort(), { once: true });
  const running = job(cancel.signal);
  let ended = false;
  void running.finally(() => (ended = true)).catch(() => undefined);
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => running.catch(() => undefined));
  const timer = setTimeout(() => {
    if (ended) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…`, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => cancel.abort());
      return running.catch(() => undefined);
    });
  }, SLOW_EXPORT_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
  }
}

/** The Python extension's API when it is installed (activated if need be); undefined otherwise or when it fails. */
async function pythonExtensionApi(): Promise<PythonExtensionApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (!extension) return undefined;
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch {
    return undefined;
  }
}
