import type * as vscode from "vscode";
import { nonce, strictPage } from "../webview-page";

/** The script and stylesheet esbuild writes (scripts/build.mjs). */
export const RUN_PLAN_SCRIPT = "dist/run-plan.js";
export const RUN_PLAN_STYLES = "dist/run-plan.css";

export { nonce };

/** The Run Plan's page (strict Content-Security-Policy: `strictPage`); the script fills it in. */
export function runPlanHtml(webview: vscode.Webview, extensionUri: vscode.Uri, scriptNonce: string): string {
  return strictPage(webview, extensionUri, {
    script: RUN_PLAN_SCRIPT,
    styles: RUN_PLAN_STYLES,
    scriptNonce,
    title: "Run Plan",
    body: `<form id="plan" novalidate>
<h1 id="title">Planning…</h1>
<dl id="facts"></dl>
<ul id="notes"></ul>
<section aria-labelledby="steps-heading">
  <h2 id="steps-heading">Steps</h2>
  <table id="steps">
    <thead><tr><th scope="col">Step</th><th scope="col">Verdict</th><th scope="col" class="estimate">Estimate</th></tr></thead>
    <tbody></tbody>
    <tfoot><tr><th scope="row">Total</th><td id="total" class="estimate" colspan="2"></td></tr></tfoot>
  </table>
</section>
<section aria-labelledby="parameters-heading">
  <h2 id="parameters-heading">Parameters</h2>
  <p id="no-parameters" hidden>This pipeline has no parameters.</p>
  <table id="parameters">
    <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Type</th><th scope="col">From</th></tr></thead>
    <tbody></tbody>
  </table>
  <ul id="problems" role="alert"></ul>
</section>
<footer id="actions">
  <button id="run" type="submit" disabled>▶ Run</button>
  <button id="cancel" type="button" class="secondary">Cancel</button>
  <span id="status" role="status" aria-live="polite"></span>
</footer>
<p id="keys">Enter: Run · Escape: Cancel · closing this tab cancels. Nothing starts before Run.</p>
</form>`,
  });
}
