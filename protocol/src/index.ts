/**
 * The custom protocol between the extension client and the language server: every request and notification beyond
 * LSP, as typed objects (after rust-analyzer's `lsp_ext.ts`). Both sides use these and nothing else:
 * `connection.onRequest(RulesRequest.type, …)` in the server, `client.sendRequest(RulesRequest.type)` in the client.
 * Settings are not here (core/src/settings.ts), nor command ids (core/src/commands.ts).
 *
 * `vscode-languageserver-protocol` resolves (tsconfig `paths`) to the copy vscode-languageserver and
 * vscode-languageclient use, so that these types are the ones their connections take.
 */
import { NotificationType, RequestType, RequestType0 } from "vscode-languageserver-protocol";
import type { PastExecution, PipelineDiagnostic, ReferenceExecution, RuleInfo } from "../../core/src";

export type { PastExecution, PipelineDiagnostic, ReferenceExecution, RuleInfo };

/** A range as LSP writes it (0-based lines and UTF-16 characters). */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Request client → server: the server's list of rules (code, default severity, description). */
export namespace RulesRequest {
  export const method = "sagemakerPipelines/rules";
  export const type = new RequestType0<RuleInfo[], void>(method);
}

/** Notification client → server: the reference execution for a document changed (undefined: none chosen). */
export interface SetReferenceParams {
  uri: string;
  reference?: ReferenceExecution;
}
export namespace SetReferenceNotification {
  export const method = "sagemakerPipelines/setReference";
  export const type = new NotificationType<SetReferenceParams>(method);
}

/** Request client → server: the names of the steps that the given ranges touch (for "Run Selected Steps"). */
export interface StepsInRangesParams {
  uri: string;
  ranges: ProtocolRange[];
}
export namespace StepsInRangesRequest {
  export const method = "sagemakerPipelines/stepsInRanges";
  export const type = new RequestType<StepsInRangesParams, string[], void>(method);
}

/**
 * Notification client → server: the finished executions of the document's pipeline on the current target (newest
 * first) and the parameter values the next run would use, for the cache verdicts in lenses and hovers.
 */
export interface CacheContextParams {
  uri: string;
  executions: PastExecution[];
  parameters: Record<string, string>;
}
export namespace SetCacheContextNotification {
  export const method = "sagemakerPipelines/setCacheContext";
  export const type = new NotificationType<CacheContextParams>(method);
}

/**
 * Request client → server: lint a text (e.g. the definition about to run) with the server's rules and the document's
 * rule settings. The result is the core's diagnostics (offsets into `text`, severities as words, rule codes), the
 * same objects `analyze` returns, re-levelled by the `sagemakerPipelines.rules` setting of `uri`.
 */
export interface LintParams {
  uri: string;
  text: string;
}
export namespace LintRequest {
  export const method = "sagemakerPipelines/lint";
  export const type = new RequestType<LintParams, PipelineDiagnostic[], void>(method);
}

/** How client modules send a notification to the server without holding the language client. */
export type NotifyServer = <P>(type: NotificationType<P>, params: P) => void;

export { SERVER_ENV, SERVER_EXEC_ARGV } from "./server-process";
