import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { EXECUTION_VARIABLES, EXPERIMENT_CONFIG_MEMBERS } from "../../references";
import type { CompletionContext } from "./context";
import { wordRange, type GetText } from "./get-text";
import { replaceItem } from "./items";

/** `Execution.‸`: the execution variables, with their meaning. */
export function executionCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  const { start, end } = wordRange(get, nameStart);
  return Object.entries(EXECUTION_VARIABLES).map(([name, meaning]) =>
    replaceItem(context, name, start, end, name, { kind: CompletionItemKind.Constant, detail: "execution variable", documentation: meaning }),
  );
}

const EXPERIMENT_DOCS: Record<string, string> = {
  ExperimentName: "The experiment the executions are recorded under (default: the pipeline name).",
  TrialName: "The trial of this execution (default: the execution ID).",
};

/** `PipelineExperimentConfig.‸`: ExperimentName and TrialName. */
export function experimentConfigCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  const { start, end } = wordRange(get, nameStart);
  return EXPERIMENT_CONFIG_MEMBERS.map((name) =>
    replaceItem(context, name, start, end, name, {
      kind: CompletionItemKind.Constant,
      detail: "experiment configuration",
      documentation: EXPERIMENT_DOCS[name],
    }),
  );
}
