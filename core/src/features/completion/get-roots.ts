import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import type { CompletionContext } from "./context";
import { inForEachBody, inForEachSelector } from "./get-for-each";
import type { GetText } from "./get-text";
import { replaceItem, snippetItem, TRIGGER_SUGGEST } from "./items";

const ROOTS: Array<[string, string]> = [
  ["Parameters", "A pipeline parameter: `Parameters.<Name>`."],
  ["Steps", "A property of a step: `Steps.<StepName>.<path>`, from the Describe* response of its job."],
  ["Execution", "An execution variable, e.g. `Execution.PipelineExecutionId`."],
  ["PipelineExperimentConfig", "The experiment or trial name of the execution: `PipelineExperimentConfig.ExperimentName`."],
];

// SDK v3's ForEach roots, where they are defined.
const CURRENT_ITEM_ROOT: [string, string] = ["ForEach", "The current item of the ForEach step: `ForEach.CurrentItem`, or a field of it."];
const ITERATION_OUTPUT_ROOT: [string, string] = [
  "IterationOutput",
  "An output of a ForEachBody step, per iteration: `IterationOutput.<StepName>.<path>`, compared by the Selector.",
];

/** The four roots, and where the cursor is in a ForEach body or Selector, the ForEach roots. */
function rootsAt(context: CompletionContext): Array<[string, string]> {
  return [...ROOTS, ...(inForEachBody(context) ? [CURRENT_ITEM_ROOT] : []), ...(inForEachSelector(context) ? [ITERATION_OUTPUT_ROOT] : [])];
}

/** `{"Get": "‸"}`: the roots. The root word (and its dot) are replaced. */
export function rootCompletion(context: CompletionContext, get: GetText): CompletionItem[] {
  const word = /^[^.[\]'"]*\.?/.exec(get.suffix)?.[0].length ?? 0;
  const end = get.contentStart + get.prefix.length + word;
  return rootsAt(context).map(([root, documentation]) =>
    replaceItem(context, `${root}.`, get.contentStart, end, `${root}.`, { kind: CompletionItemKind.Module, documentation, command: TRIGGER_SUGGEST }),
  );
}

/** `{"Get": ‸}`: the roots, as a new string. */
export function freshRootCompletion(context: CompletionContext): CompletionItem[] {
  return rootsAt(context).map(([root, documentation]) =>
    snippetItem(context, `${root}.`, context.fresh?.start ?? context.offset, context.offset, `"${root}.$0"`, {
      kind: CompletionItemKind.Module,
      documentation,
      command: TRIGGER_SUGGEST,
    }),
  );
}
