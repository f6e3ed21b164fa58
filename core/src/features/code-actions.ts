import type { CodeAction, Diagnostic } from "vscode-languageserver-types";
import { DIAGNOSTIC_SOURCE, type PipelineDiagnostic } from "../diagnostic";
import type { PipelineDocument } from "./document";
import { quickFixesFor, type QuickFixContext } from "./quick-fixes";

/**
 * Quick fixes for the diagnostics in the request's context (they carry the facts in `data`).
 * Each diagnostic is matched against the current analysis first: one the text no longer has
 * (the client's copy is stale) gets no fix, rather than an edit in the wrong place.
 * A fix that throws (a bug) costs only its own actions: the error goes to `onFixError`, or is rethrown without one.
 */
export function codeActions(
  document: PipelineDocument,
  uri: string,
  diagnostics: Diagnostic[],
  onFixError?: (error: unknown, diagnostic: Diagnostic) => void,
): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => {
    const code = typeof diagnostic.code === "string" ? diagnostic.code : undefined;
    if (!code || (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE)) return [];
    const fixes = quickFixesFor(code);
    if (fixes.length === 0) return [];
    const context = resolve(document, uri, diagnostic, code);
    if (!context) return [];
    return fixes.flatMap((fix) => {
      try {
        return fix.provide(context);
      } catch (error) {
        if (!onFixError) throw error;
        onFixError(error, diagnostic); // a fix's bug must not cost the other fixes, nor go unseen
        return [];
      }
    });
  });
}

function resolve(document: PipelineDocument, uri: string, diagnostic: Diagnostic, code: string): QuickFixContext | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  const current = document.diagnosticsAt(code, start, end);
  const match: PipelineDiagnostic | undefined = current.find((d) => d.message === diagnostic.message) ?? (current.length === 1 ? current[0] : undefined);
  if (!match) return undefined;
  // The facts are the current analysis's (the same `data` the client echoes, but never stale or forged).
  return { document, uri, diagnostic, start, end, data: match.data ?? {} };
}
