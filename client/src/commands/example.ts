import * as vscode from "vscode";
import { COMMANDS } from "../../../core/src";

/** Where the example goes in the first workspace folder, and what of the packaged examples/ folder it is. */
export const EXAMPLE_FOLDER = "sagemaker-example";
export const EXAMPLE_FILE = "abalone.pipeline.json";
const EXAMPLE_PARTS = [EXAMPLE_FILE, "code", "data/abalone.csv", "data/abalone-batch.csv"];
/** The step whose name the walkthrough's hover step points at: it is cached (`P30D`), so its hover has a cache verdict. */
const HOVERED_STEP = "AbaloneTrain";

/**
 * The walkthrough's commands: Open the Example copies the Abalone example the extension ships (definition, scripts,
 * data) into `sagemaker-example/` of the first workspace folder, leaving files already there as they are, and opens it;
 * Run the Example runs it through Run Pipeline (its usual questions and confirmation); the hover command puts the
 * cursor on a cached step's name and shows its hover.
 */
export function registerExampleCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  const open = async (): Promise<vscode.TextEditor | undefined> => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      const choice = await vscode.window.showInformationMessage("The example is copied into a workspace folder: open a folder first.", "Open Folder…");
      if (choice) await vscode.commands.executeCommand("workbench.action.files.openFolder");
      return undefined;
    }
    const target = vscode.Uri.joinPath(folder.uri, EXAMPLE_FOLDER);
    for (const part of EXAMPLE_PARTS) {
      const destination = vscode.Uri.joinPath(target, part);
      if (await exists(destination)) continue;
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, "examples", part), destination);
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(target, EXAMPLE_FILE));
    // Beside the walkthrough, which stays open.
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  };
  return [
    vscode.commands.registerCommand(COMMANDS.openExample, async () => void (await open())),
    vscode.commands.registerCommand(COMMANDS.runExample, async () => {
      const editor = await open();
      if (editor) await vscode.commands.executeCommand(COMMANDS.runPipeline, editor.document.uri.toString());
    }),
    vscode.commands.registerCommand(COMMANDS.showExampleCacheHover, async () => {
      const editor = await open();
      if (!editor) return;
      const offset = editor.document.getText().indexOf(`"Name": "${HOVERED_STEP}"`);
      if (offset < 0) return;
      const start = editor.document.positionAt(offset + `"Name": "`.length);
      editor.selection = new vscode.Selection(start, start);
      editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand("editor.action.showHover");
    }),
  ];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
