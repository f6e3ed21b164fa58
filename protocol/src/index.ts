/** The custom requests and notifications between the extension client and the language server, typed. */
import { RequestType } from "vscode-languageserver-protocol";
import type { PipelineDiagnostic } from "../../core/src/diagnostic";

export interface LintParams {
  uri: string;
  text: string;
}

/** The core's diagnostics for a text (the user's severities for that URI applied): the check before a run. */
export const LintRequest = new RequestType<LintParams, PipelineDiagnostic[], void>("sagemakerPipelines/lint");
