import type { CompletionItem } from "vscode-languageserver-types";
import type { CompletionContext } from "./context";
import { executionCompletion, experimentConfigCompletion } from "./get-execution";
import { parameterCompletion } from "./get-parameters";
import { propertyPathCompletion } from "./get-properties";
import { freshRootCompletion, rootCompletion } from "./get-roots";
import { stepNameCompletion } from "./get-steps";

/** The text of a `Get` string before the cursor, and where things are in the document. */
export interface GetText {
  /** Content of the string up to the cursor. */
  prefix: string;
  /** Content of the string after the cursor. */
  suffix: string;
  /** Document offset of the first content character. */
  contentStart: number;
}

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
    default:
      return [];
  }
}

/** Document offsets of the word at the cursor that starts at content index `from` (up to `.`, `[` or the end). */
export function wordRange(get: GetText, from: number): { start: number; end: number } {
  const after = /^[^.[\]'"]*/.exec(get.suffix)?.[0].length ?? 0;
  return { start: get.contentStart + from, end: get.contentStart + get.prefix.length + after };
}
