import * as vscode from "vscode";

export function nonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
}

export interface StrictPage {
  /** The bundled script and stylesheet, relative to the extension (e.g. `dist/graph-view.js`). */
  script: string;
  styles: string;
  scriptNonce: string;
  title: string;
  /** The body's markup, without the script. */
  body: string;
}

/**
 * A webview page under the strict Content-Security-Policy every panel of the extension uses: nothing but its bundled
 * script (by nonce) and stylesheet from the extension's dist folder; no inline styles, no network.
 */
export function strictPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: StrictPage): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, page.script));
  const styles = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, page.styles));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${page.scriptNonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styles}">
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${page.scriptNonce}" src="${script}"></script>
</body>
</html>`;
}
