import type { InternalErrorContext, LanguageServiceLogger } from "../../core/src";

/** The part of the connection's remote console this needs. */
export interface ErrorConsole {
  error(message: string): void;
}

/** `Internal error in hover at file:///a.json:3:5: <stack>`: positions 1-based, as editors show them. */
export function internalErrorMessage(error: unknown, context: InternalErrorContext): string {
  const where = [context.rule !== undefined ? `rule ${context.rule}` : context.feature];
  if (context.uri !== undefined) where.push(`at ${context.uri}${context.position ? `:${context.position.line + 1}:${context.position.character + 1}` : ""}`);
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `Internal error in ${where.join(" ")}: ${detail}`;
}

/** The language service's logger in the server: every internal error goes to the output channel (window/logMessage). */
export function outputChannelLogger(console: ErrorConsole): LanguageServiceLogger {
  return { internalError: (error, context) => console.error(internalErrorMessage(error, context)) };
}
