import type { CodeLens, Command } from "vscode-languageserver-types";
import type { StepModel } from "../model";
import { memberValue, keyOf } from "../json";
import { COMMANDS } from "../commands";
import { executionLabel } from "../execution-label";
import { cacheLensTitle, cacheSummary } from "./cache-summary";
import type { PipelineDocument } from "./document";

/** The reference execution the client has chosen for a document, shown in the file's code lens. */
export interface ReferenceExecution {
  /** The execution id (the ARN's last segment). */
  id: string;
  displayName?: string;
  status: string;
  /** ISO 8601 start time. */
  startTime?: string;
}

/**
 * Past this many steps, the lenses above each step come without their command (`data` says which lens of which
 * step) and the editor resolves the ones it shows (`resolveStepLens`): 3,000 lenses with commands are 600 KB to write
 * and read after every edit of a 1,000-step file, most of them never on screen.
 */
export const EAGER_STEP_LENSES_UP_TO = 200;

/**
 * Which lens of which step of which document a lens sent without its command is: a tuple, the shortest JSON (3,000 of
 * them at 1,000 steps). The document is its URI, or a number the server gave it (`documentKey`), shorter still.
 */
export type StepLensData = [document: string | number, step: string, lens: StepLensKind];
type StepLensKind = "run" | "from" | "cache";

const STEP_LENSES: StepLensKind[] = ["run", "from", "cache"];

/** Lenses above the Steps array (run, reference, graph) and above each step (run, run from here, cache). */
export function codeLenses(
  document: PipelineDocument,
  uri: string,
  reference: ReferenceExecution | undefined,
  now: Date,
  referenceLatest = true,
  /** The cache verdict's lens title, when the client has sent executions to compare with. */
  cacheTitle?: (stepName: string) => string | undefined,
  /** Finished executions of the pipeline the client found (undefined: not known). */
  finishedExecutions?: number,
  /** `≈ 12 min`: how long a run of the whole pipeline takes, from its past runs. */
  runEstimate?: string,
  /** What the lenses sent without their commands name the document by (default: its URI). */
  documentKey?: number,
): CodeLens[] {
  const model = document.model;
  const stepsNode = memberValue(model?.root, "Steps");
  if (!model || !stepsNode) return [];
  const top = document.nodeRange(keyOf(stepsNode) ?? stepsNode);
  const lenses: CodeLens[] = [
    { range: top, command: { title: runEstimate ? `▶ Run pipeline ${runEstimate}` : "▶ Run pipeline", command: COMMANDS.runPipeline, arguments: [uri] } },
    {
      range: top,
      command: { title: referenceTitle(reference, now, referenceLatest, finishedExecutions), command: COMMANDS.chooseReference, arguments: [uri] },
    },
    { range: top, command: { title: "Show graph", command: COMMANDS.showGraph, arguments: [uri] } },
  ];
  const eager = model.steps.length <= EAGER_STEP_LENSES_UP_TO;
  for (const step of model.steps) {
    if (step.name === undefined) continue;
    const range = document.nodeRange(step.nameNode ?? step.node);
    for (const lens of STEP_LENSES) {
      const data: StepLensData = [documentKey ?? uri, step.name, lens];
      lenses.push(eager ? { range, command: stepLensCommand(uri, step, data, cacheTitle) } : { range, data });
    }
  }
  return lenses;
}

/** The command of a lens sent without it; the lens as it is when its step is no longer in the document. */
export function resolveStepLens(document: PipelineDocument, uri: string, lens: CodeLens, cacheTitle?: (stepName: string) => string | undefined): CodeLens {
  if (!isStepLensData(lens.data)) return lens;
  const step = document.model?.stepsByName.get(lens.data[1]);
  return step ? { ...lens, command: stepLensCommand(uri, step, lens.data, cacheTitle) } : lens;
}

/** The document (URI or key) a lens sent without its command belongs to. */
export function stepLensDocument(lens: CodeLens): string | number | undefined {
  return isStepLensData(lens.data) ? lens.data[0] : undefined;
}

function isStepLensData(data: unknown): data is StepLensData {
  return (
    Array.isArray(data) &&
    data.length === 3 &&
    (typeof data[0] === "string" || typeof data[0] === "number") &&
    typeof data[1] === "string" &&
    STEP_LENSES.includes(data[2] as StepLensKind)
  );
}

function stepLensCommand(uri: string, step: StepModel, [, name, lens]: StepLensData, cacheTitle?: (stepName: string) => string | undefined): Command {
  if (lens === "run") return { title: "▶ Run step", command: COMMANDS.runSteps, arguments: [uri, [name]] };
  if (lens === "from") return { title: "▶ Run from here", command: COMMANDS.runFromStep, arguments: [uri, name] };
  return { title: cacheTitle?.(name) ?? cacheLensTitle(cacheSummary(step)), command: COMMANDS.explainCache, arguments: [uri, name] };
}

/**
 * The chosen reference; else what a selective run would refer to: the latest finished execution, or none (the setting
 * is off, or no execution of the pipeline has finished yet: "none yet").
 */
function referenceTitle(reference: ReferenceExecution | undefined, now: Date, referenceLatest: boolean, finishedExecutions: number | undefined): string {
  if (!reference) {
    if (!referenceLatest) return "Reference: none";
    return finishedExecutions === 0 ? "Reference: none yet" : "Reference: latest finished execution";
  }
  const parts = [executionLabel({ arn: reference.id, displayName: reference.displayName }), reference.status];
  if (reference.startTime) parts.push(age(new Date(reference.startTime), now));
  return `Reference: ${parts.join(" · ")}`;
}

/** `5 min ago`, `3 h ago`, `2 d ago`. */
export function age(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (Number.isNaN(seconds)) return "unknown time";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}
