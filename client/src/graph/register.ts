import * as vscode from "vscode";
import { COMMANDS } from "../../../core/src";
import type { PythonPipelines } from "../python/python-pipelines";
import type { RunController } from "../run/run-controller";
import { GraphPanel } from "./graph-panel";
import { LAYOUT_WORKER, LayoutService } from "./layout-service";

const VIEW_TYPE = "sagemakerPipelines.graph";

/**
 * "Show Graph": from the `Show graph` lens (a URI string), the editor title button (a Uri) or the palette (the active
 * editor). One panel per definition, beside the editor; showing it again brings it forward.
 */
export function registerGraphView(
  context: vscode.ExtensionContext,
  controller: RunController,
  languageId: string,
  python: PythonPipelines,
): vscode.Disposable[] {
  const panels = new Map<string, GraphPanel>();
  const layouts = new LayoutService(vscode.Uri.joinPath(context.extensionUri, LAYOUT_WORKER).fsPath);
  const show = async (target?: string | vscode.Uri) => {
    const given = typeof target === "string" ? vscode.Uri.parse(target) : (target ?? vscode.window.activeTextEditor?.document.uri);
    // A `.py` that builds a pipeline: the graph of the definition it exports (its preview document).
    const uri = given && python.isPythonFile(given) ? await python.exportedPreview(given) : given;
    if (given && !uri) return;
    const document = uri && (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri)));
    if (!uri || !document || document.languageId !== languageId) {
      void vscode.window.showWarningMessage("Show Graph: open a pipeline definition (or a Python file that builds one) first.");
      return;
    }
    const key = uri.toString();
    const existing = panels.get(key);
    if (existing) return existing.panel.reveal(undefined, true);
    const name = uri.path.split("/").pop() ?? "pipeline";
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Graph: ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, "dist")],
      },
    );
    const view = new GraphPanel(panel, uri, controller, context.extensionUri, layouts);
    panels.set(key, view);
    view.onDidClose(() => panels.delete(key));
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showGraph, show),
    {
      dispose: () => {
        [...panels.values()].forEach((p) => p.dispose());
        layouts.dispose();
      },
    },
  ];
}
