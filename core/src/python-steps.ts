/**
 * The steps of a Python pipeline file as the source writes them: each step constructor call (`ProcessingStep(`,
 * `ModelStep(`, `RegisterModel(`, `@step(`…) with the `name="…"` literal it passes. Pure: what "Run Selected Steps"
 * and "Run From Here" need inside a `.py` without running it.
 */
import { pipelineCallSpan, pythonCodeAndLiterals, type PythonLiteral } from "./python-source";

export interface PythonStepCall {
  /** The value of the `name=` literal. */
  name: string;
  literal: PythonLiteral;
  /** From the callee's first character to the closing parenthesis included. */
  start: number;
  end: number;
}

/** Callees that build a step: the SDK's `…Step` classes, `RegisterModel`, and the `@step` decorator. */
const STEP_CALLEE = /(?:^|\.)(?:\w*Step|RegisterModel|step)$/;
const CALLEE_BEFORE_PAREN = /([A-Za-z_][\w.]*)\s*$/;

/** Every step constructor call with a literal `name=` argument at its own level, in source order. */
export function pythonStepCalls(text: string): PythonStepCall[] {
  const { code, literals } = pythonCodeAndLiterals(text);
  const literalAt = new Map(literals.map((l) => [l.start, l]));
  const calls: PythonStepCall[] = [];
  const open: Array<{ callee?: string; start: number; name?: PythonLiteral }> = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[" || ch === "{") {
      const before = code.slice(Math.max(0, i - 200), i);
      const callee = ch === "(" ? CALLEE_BEFORE_PAREN.exec(before) : null;
      open.push({ callee: callee?.[1], start: callee ? i - before.length + callee.index : i });
    } else if (ch === ")" || ch === "]" || ch === "}") {
      const frame = open.pop();
      if (frame?.callee && frame.name && STEP_CALLEE.test(frame.callee))
        calls.push({ name: frame.name.value, literal: frame.name, start: frame.start, end: decoratedEnd(code, frame.start, i + 1) });
    } else if (ch === "n" && open.length > 0 && /^name\s*=(?!=)/.test(code.slice(i, i + 40)) && !/[\w.]/.test(code[i - 1] ?? "")) {
      const frame = open[open.length - 1];
      // The literal is blank in `code`: the whitespace before it is skipped in the text.
      const equals = i + /^name\s*=/.exec(code.slice(i, i + 40))![0].length;
      const valueAt = equals + /^\s*/.exec(text.slice(equals, equals + 200))![0].length;
      const literal = literalStartingAt(literalAt, text, valueAt);
      if (literal && frame.name === undefined) frame.name = literal;
    }
  }
  return calls.sort((a, b) => a.start - b.start);
}

/** A `@step(…)` decorator stands for the function under it: its call reaches to the end of that function's body. */
function decoratedEnd(code: string, start: number, end: number): number {
  const lineStart = code.lastIndexOf("\n", start - 1) + 1;
  const before = code.slice(lineStart, start);
  if (!/^\s*@$/.test(before)) return end;
  const indent = before.length - 1;
  const definition = /^[^\S\n]*(?:@.*\n[^\S\n]*)*(?:async\s+)?def\b/.exec(code.slice(code.indexOf("\n", end) + 1));
  if (!definition) return end;
  let at = code.indexOf("\n", end) + 1 + definition[0].length;
  // The body: every following line that is blank or indented deeper than the decorator.
  for (let next = code.indexOf("\n", at); next >= 0; next = code.indexOf("\n", at)) {
    const line = code.slice(next + 1, code.indexOf("\n", next + 1) < 0 ? code.length : code.indexOf("\n", next + 1));
    if (line.trim() !== "" && line.length - line.trimStart().length <= indent) return next;
    at = next + 1;
  }
  return code.length;
}

function literalStartingAt(literals: Map<number, PythonLiteral>, text: string, offset: number): PythonLiteral | undefined {
  // A prefixed literal (`f"…"`, `r"…"`) starts at its prefix, which is where the value starts.
  const literal = literals.get(offset);
  if (!literal) return undefined;
  // Only a whole value: `name="A" + suffix` is not a literal name.
  const after = text.slice(literal.end).match(/^\s*(.)/)?.[1];
  return after === undefined || after === "," || after === ")" ? literal : undefined;
}

/**
 * The steps a selection touches in a `.py`: for an empty selection, the innermost step call around the cursor; for a
 * range, every step call it overlaps. Names in source order, each once.
 */
export function pythonStepsInRanges(text: string, ranges: Array<{ start: number; end: number }>): string[] {
  const calls = pythonStepCalls(text);
  const names: string[] = [];
  const add = (call: PythonStepCall | undefined) => {
    if (call && !names.includes(call.name)) names.push(call.name);
  };
  for (const range of ranges) {
    if (range.start === range.end) {
      add(calls.filter((c) => c.start <= range.start && range.start <= c.end).sort((a, b) => b.start - a.start)[0]);
    } else {
      calls.filter((c) => c.start < range.end && range.start < c.end).forEach(add);
    }
  }
  return names;
}

/**
 * The names in the definition a source step name stands for: itself when the definition has it, else the steps the SDK
 * made of it (`ModelStep(name="Register")` becomes `Register-RegisterModel`, and a repack step beside it).
 */
export function definitionStepsOf(sourceName: string, definitionSteps: readonly string[]): string[] {
  if (definitionSteps.includes(sourceName)) return [sourceName];
  return definitionSteps.filter((step) => step.startsWith(`${sourceName}-`));
}

/** Whether a Python source builds a SageMaker pipeline: it imports the SDK and calls `Pipeline(` or defines `get_pipeline`. */
export function isPythonPipelineSource(text: string): boolean {
  if (!/^\s*(?:from|import)\s+sagemaker\b/m.test(text)) return false;
  const span = pipelineCallSpan(text);
  return span.end > span.start;
}
