import * as vscode from "vscode";

/** Asks where to save the drawing (default: next to the definition, `<name>.graph.svg`) and writes it. */
export async function saveSvg(definition: vscode.Uri, svg: string): Promise<void> {
  const stem = definition.path
    .split("/")
    .pop()!
    .replace(/(\.pipeline)?\.json$/i, "");
  const target = await vscode.window.showSaveDialog({
    title: "Export the pipeline graph",
    defaultUri: vscode.Uri.joinPath(definition, "..", `${stem}.graph.svg`),
    filters: { "SVG image": ["svg"] },
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Saved the pipeline graph to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Export SVG: ${(error as Error).message}`);
  }
}
