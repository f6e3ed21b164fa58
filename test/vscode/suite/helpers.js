// Shared helpers for the in-host integration tests (real `vscode` API inside the extension host).
"use strict";
const vscode = require("vscode");
const fixtures = require("../../e2e/fixtures/index.cjs");

/** Polls `probe` until it returns a truthy value; throws with `what` and the last value after `timeoutMs`. */
async function waitFor(what, probe, timeoutMs = 20_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${describeValue(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function describeValue(value) {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A diagnostic's rule code as a string (the client may turn it into { value, target }). */
function codeOf(diagnostic) {
  const code = diagnostic.code;
  return String(typeof code === "object" && code !== null ? code.value : code);
}

/** The installed (or development) extension, activated. */
async function activateExtension() {
  const extension = vscode.extensions.getExtension(fixtures.EXTENSION_ID);
  if (!extension) throw new Error(`extension ${fixtures.EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  return extension;
}

function workspaceUri(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error("no workspace folder is open");
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a workspace file in an editor and waits until content detection gave it the pipeline language. */
async function openPipelineFile(name) {
  const uri = workspaceUri(name);
  let document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  await activateExtension();
  document = await waitFor(`${name} to get language ${fixtures.LANGUAGE_ID}`, () => {
    const d = vscode.workspace.textDocuments.find((t) => t.uri.toString() === uri.toString());
    return d && d.languageId === fixtures.LANGUAGE_ID ? d : undefined;
  });
  return { uri, document };
}

/**
 * The position `delta` characters into the `occurrence`-th (1-based) occurrence of `needle` in the
 * document, e.g. positionOf(document, '"Prepare"', 2) is on the P of the first quoted Prepare.
 */
function positionOf(document, needle, delta = 0, occurrence = 1) {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} does not occur ${occurrence} time(s) in ${document.uri.path}`);
  }
  return document.positionAt(at + delta);
}

/** A hover content (MarkdownString, or a plain/marked string) as its markdown text. */
function markdownOf(content) {
  if (typeof content === "string") return content;
  return content && typeof content.value === "string" ? content.value : String(content);
}

module.exports = { vscode, fixtures, waitFor, activateExtension, workspaceUri, openPipelineFile, codeOf, positionOf, markdownOf };
