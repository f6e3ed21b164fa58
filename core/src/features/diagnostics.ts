import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver-types";
import { DIAGNOSTIC_SOURCE, type PipelineDiagnostic, type Severity } from "../diagnostic";
import type { LineIndex } from "../text";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core diagnostic (offsets) as an LSP diagnostic (range, numeric severity, source), its `data` kept for quick fixes. */
export function toLspDiagnostic(lines: LineIndex, d: PipelineDiagnostic): Diagnostic {
  return {
    range: lines.rangeOf(d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
}
