import assert from "node:assert/strict";
import { getLanguageService, type InternalErrorContext, type LanguageService, type LanguageServiceLogger, type LanguageServiceOptions } from "../../core/src";

/** A logger that keeps every internal error, for tests that must fail on one. */
export class InternalErrorRecorder implements LanguageServiceLogger {
  readonly errors: Array<{ error: unknown; context: InternalErrorContext }> = [];

  internalError(error: unknown, context: InternalErrorContext): void {
    this.errors.push({ error, context });
  }

  /** Throws (failing the test) when any internal error was recorded, with each one's feature, place and stack. */
  assertNone(what = "the language service"): void {
    if (this.errors.length === 0) return;
    const lines = this.errors.slice(0, 5).map(({ error, context }) => `${JSON.stringify(context)}: ${error instanceof Error ? error.stack : String(error)}`);
    assert.fail(`${what} reported ${this.errors.length} internal error(s):\n${lines.join("\n")}`);
  }

  clear(): void {
    this.errors.length = 0;
  }
}

export interface RecordedService {
  service: LanguageService;
  recorder: InternalErrorRecorder;
}

/** A language service whose internal errors are recorded (options: extra or replacement rules). */
export function recordedService(options: Omit<LanguageServiceOptions, "logger"> = {}): RecordedService {
  const recorder = new InternalErrorRecorder();
  return { service: getLanguageService({ ...options, logger: recorder }), recorder };
}

/** Fails when a diagnostic says a rule crashed ("Internal error in rule …"). */
export function assertNoInternalErrorDiagnostic(diagnostics: ReadonlyArray<{ message: string | { value: string }; code?: unknown }>): void {
  const text = (message: string | { value: string }) => (typeof message === "string" ? message : message.value);
  const crashed = diagnostics.filter((d) => /Internal error/.test(text(d.message)));
  assert.deepEqual(
    crashed.map((d) => `${String(d.code)}: ${text(d.message)}`),
    [],
    "a rule threw",
  );
}
