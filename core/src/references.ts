/**
 * The grammar of `{"Get": "..."}` strings. Offsets are indexes into the string's content.
 *   Parameters.<Name> | Execution.<Variable> | PipelineExperimentConfig.<Member>
 *   Steps.<StepName>(.<Member> | [<index>] | ['<key>'])*
 * and, inside a ForEach step (SDK v3):
 *   ForEach.CurrentItem(<path>)*            the current item, in a ForEachBody step
 *   IterationOutput.<BodyStepName><path>    a body step's output, in the ForEach step's Selector.Field
 */
export type PathSegment =
  | { kind: "member"; name: string; start: number; end: number }
  | { kind: "index"; index: number; start: number; end: number }
  | { kind: "key"; key: string; start: number; end: number }
  | { kind: "malformed"; text: string; start: number; end: number };

export type ParsedReference =
  | { root: "Parameters" | "Execution" | "PipelineExperimentConfig"; name: string; nameStart: number; nameEnd: number }
  | { root: "Steps"; stepName: string; nameStart: number; nameEnd: number; path: PathSegment[] }
  | { root: "IterationOutput"; stepName: string; nameStart: number; nameEnd: number; path: PathSegment[] }
  | { root: "ForEach"; name: string; nameStart: number; nameEnd: number; path: PathSegment[] }
  | { root: "unknown"; text: string };

/** A reference to a step's properties: `Steps.X<path>`, or `IterationOutput.X<path>` (X a ForEach body step). */
export type StepPathReference = Extract<ParsedReference, { root: "Steps" | "IterationOutput" }>;

export function isStepPath(parsed: ParsedReference): parsed is StepPathReference {
  return parsed.root === "Steps" || parsed.root === "IterationOutput";
}

export const EXECUTION_VARIABLES: Record<string, string> = {
  StartDateTime: "The time the pipeline execution started.",
  CurrentDateTime: "The time the variable is evaluated at run time.",
  PipelineName: "The name of the pipeline.",
  PipelineArn: "The ARN of the pipeline.",
  PipelineExecutionId: "The ID of the pipeline execution.",
  PipelineExecutionArn: "The ARN of the pipeline execution.",
  TrainingJobName: "The name of the training job launched by a Training step.",
  ProcessingJobName: "The name of the processing job launched by a Processing step.",
};

export const EXPERIMENT_CONFIG_MEMBERS = ["ExperimentName", "TrialName"];

export function parseReference(text: string): ParsedReference {
  const dot = text.indexOf(".");
  const root = dot < 0 ? text : text.slice(0, dot);
  if (root === "Parameters" || root === "Execution" || root === "PipelineExperimentConfig") {
    return { root, name: text.slice(dot + 1), nameStart: dot + 1, nameEnd: text.length };
  }
  if ((root === "Steps" || root === "IterationOutput" || root === "ForEach") && dot >= 0) {
    const nameStart = dot + 1;
    let nameEnd = nameStart;
    while (nameEnd < text.length && text[nameEnd] !== "." && text[nameEnd] !== "[") nameEnd++;
    const name = text.slice(nameStart, nameEnd);
    const path = parsePath(text, nameEnd);
    if (root === "ForEach") return { root, name, nameStart, nameEnd, path };
    return { root, stepName: name, nameStart, nameEnd, path };
  }
  return { root: "unknown", text };
}

function parsePath(text: string, from: number): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = from;
  while (i < text.length) {
    const start = i;
    if (text[i] === ".") {
      let end = i + 1;
      while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
      const name = text.slice(i + 1, end);
      segments.push(name ? { kind: "member", name, start: i + 1, end } : { kind: "malformed", text: ".", start, end: end + 1 });
      i = end;
      continue;
    }
    if (text[i] === "[") {
      const close = text.indexOf("]", i);
      const inner = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
      const end = close < 0 ? text.length : close + 1;
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (/^\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner), start, end });
      else if (quoted) segments.push({ kind: "key", key: quoted[2], start: start + 2, end: end - 2 });
      else segments.push({ kind: "malformed", text: text.slice(start, end), start, end });
      i = end;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
    segments.push({ kind: "malformed", text: text.slice(i, end), start: i, end });
    i = end;
  }
  return segments;
}
