import type { CompletionItem } from "vscode-languageserver-types";
import type { CompletionContext } from "./context";
import { executionCompletion, experimentConfigCompletion } from "./get-execution";
import { forEachCompletion, iterationStepCompletion } from "./get-for-each";
import { parameterCompletion } from "./get-parameters";
import { propertyPathCompletion } from "./get-properties";
import { freshRootCompletion, rootCompletion } from "./get-roots";
import { stepNameCompletion } from "./get-steps";
import type { GetText } from "./get-text";

/** Inside `{"Get": "‸"}`: dispatches on the root written so far. */
export function getReferenceCompletion(context: CompletionContext): CompletionItem[] | undefined {
  if (context.atKey || context.path[context.path.length - 1] !== "Get") return undefined;
  const token = context.token;
  if (!token) return context.fresh ? freshRootCompletion(context) : [];
  const get: GetText = {
    prefix: context.text.slice(token.contentStart, context.offset),
    suffix: context.text.slice(context.offset, token.contentEnd),
    contentStart: token.contentStart,
  };
  const dot = get.prefix.indexOf(".");
  if (dot < 0) return rootCompletion(context, get);
  switch (get.prefix.slice(0, dot)) {
    case "Parameters":
      return parameterCompletion(context, get, dot + 1);
    case "Execution":
      return executionCompletion(context, get, dot + 1);
    case "PipelineExperimentConfig":
      return experimentConfigCompletion(context, get, dot + 1);
    case "Steps": {
      const rest = get.prefix.slice(dot + 1);
      return /[.[]/.test(rest) ? propertyPathCompletion(context, get) : stepNameCompletion(context, get, dot + 1);
    }
    case "ForEach":
      return /[.[]/.test(get.prefix.slice(dot + 1)) ? [] : forEachCompletion(context, get, dot + 1);
    case "IterationOutput": {
      const rest = get.prefix.slice(dot + 1);
      return /[.[]/.test(rest) ? propertyPathCompletion(context, get) : iterationStepCompletion(context, get, dot + 1);
    }
    default:
      return [];
  }
}
